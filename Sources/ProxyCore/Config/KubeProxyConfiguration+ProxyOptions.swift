extension KubeProxyConfiguration {
    /// The proxy mode: `mode`, where blank (or a name ``validate(origin:)`` rejects) means iptables.
    public var effectiveMode: ProxyMode {
        ProxyMode(rawValue: mode) ?? .iptables
    }

    /// The longest time between full resyncs: the selected mode's section's `syncPeriod`.
    public var effectiveSyncPeriod: Duration {
        switch effectiveMode {
        case .iptables: iptables.syncPeriod
        case .ipvs: ipvs.syncPeriod
        case .nftables: nftables.syncPeriod
        }
    }

    /// The shortest time between syncs: the selected mode's section's `minSyncPeriod`.
    public var effectiveMinSyncPeriod: Duration {
        switch effectiveMode {
        case .iptables: iptables.minSyncPeriod
        case .ipvs: ipvs.minSyncPeriod
        case .nftables: nftables.minSyncPeriod
        }
    }

    /// The masquerade mark bit: nftables' in nftables mode, otherwise iptables' (ipvs mode uses iptables').
    public var effectiveMasqueradeBit: Int {
        effectiveMode == .nftables ? nftables.masqueradeBit : iptables.masqueradeBit
    }

    /// Whether all ClusterIP traffic is masqueraded: nftables' setting in nftables mode, otherwise
    /// iptables' (as upstream's conversion picks it).
    public var effectiveMasqueradeAll: Bool {
        effectiveMode == .nftables ? nftables.masqueradeAll : iptables.masqueradeAll
    }

    /// The settings that shape the service graph.
    ///
    /// - `clusterCIDR`, `detectLocalMode` and `detectLocal` give the local traffic detection (in
    ///   `NodeCIDR` mode the CIDRs come from the Node object, through ``NodeContext``).
    /// - `nodePortAddresses`: empty means every local address, or the primary node IPs in nftables mode.
    /// - `iptables.localhostNodePorts` counts in iptables mode only; the other modes never accept
    ///   NodePorts on loopback.
    /// - A `bindAddress` that is not unspecified replaces the node IPs of its family, as upstream.
    /// - The `PreferSameTrafficDistribution` feature gate (on unless turned off) enables node topology hints.
    /// - Parameters:
    ///   - nodeName: this node's name (`hostnameOverride`, or the host name).
    ///   - nodeIPs: this node's IPs, if known; empty to use the Node object's. With a `bindAddress`
    ///     override, pass the Node object's addresses to keep the other family's.
    /// - Throws: ``InputError`` naming the field when one of these fields is invalid.
    public func proxyOptions(nodeName: String, nodeIPs: [IPAddress]) throws -> ProxyOptions {
        var ips = nodeIPs
        let override = try parsedBindAddress()
        if !override.isUnspecified {
            ips = [override] + nodeIPs.filter { $0.family != override.family }
        }
        let nodePortAddresses = try parsedNodePortAddresses()
            ?? (effectiveMode == .nftables ? .primary : .all)
        return ProxyOptions(
            nodeName: nodeName, nodeIPs: ips, clusterCIDRs: try parsedClusterCIDRs(),
            localTrafficDetection: try parsedLocalTrafficDetection(), masqueradeAll: effectiveMasqueradeAll,
            localhostNodePorts: effectiveMode == .iptables && iptables.localhostNodePorts,
            nodePortAddresses: nodePortAddresses, serviceProxyName: serviceProxyName.isEmpty ? nil : serviceProxyName,
            nodeTopologyHints: featureGates["PreferSameTrafficDistribution"] ?? true)
    }

    // MARK: - Parsed fields (shared with validation)

    /// The local traffic detection modes upstream knows.
    private static let localModes = ["ClusterCIDR", "NodeCIDR", "BridgeInterface", "InterfaceNamePrefix"]

    /// `bindAddress` as an IP.
    func parsedBindAddress() throws(InputError) -> IPAddress {
        guard let address = IPAddress(bindAddress) else {
            throw fieldError("bindAddress", "\"\(bindAddress)\" is not an IP address")
        }
        return address
    }

    /// `clusterCIDR`: none, one CIDR, or an IPv4 and an IPv6 CIDR separated by a comma.
    func parsedClusterCIDRs() throws(InputError) -> [CIDR] {
        guard !clusterCIDR.isEmpty else { return [] }
        let parts = clusterCIDR.split(separator: ",", omittingEmptySubsequences: false)
        let pairHint = "give one CIDR, or an IPv4 and an IPv6 CIDR separated by a comma"
        guard parts.count <= 2 else {
            throw fieldError("clusterCIDR", "\"\(clusterCIDR)\" has \(parts.count) CIDRs; \(pairHint)")
        }
        var cidrs: [CIDR] = []
        for part in parts {
            guard let cidr = CIDR(String(part).trimmingSpaces) else {
                throw fieldError("clusterCIDR", "\"\(part)\" is not a valid CIDR (like 10.244.0.0/16); \(pairHint)")
            }
            cidrs.append(cidr)
        }
        guard Set(cidrs.map(\.family)).count == cidrs.count else {
            throw fieldError("clusterCIDR", "\"\(clusterCIDR)\" has two \(cidrs[0].family) CIDRs; \(pairHint)")
        }
        return cidrs
    }

    /// `nodePortAddresses`; nil when it is empty (the mode's default applies).
    func parsedNodePortAddresses() throws(InputError) -> ProxyOptions.NodePortAddressSelection? {
        guard !nodePortAddresses.isEmpty else { return nil }
        if nodePortAddresses == ["primary"] { return .primary }
        var cidrs: [CIDR] = []
        for (index, text) in nodePortAddresses.enumerated() {
            let field = "nodePortAddresses[\(index)]"
            if text == "primary" { throw fieldError(field, "\"primary\" cannot be combined with CIDRs") }
            guard let cidr = CIDR(text) else {
                throw fieldError(
                    field, "\"\(text)\" is not a valid CIDR; give CIDRs (like 10.0.0.0/8) or just \"primary\"")
            }
            cidrs.append(cidr)
        }
        return .cidrs(cidrs)
    }

    /// `detectLocalMode` with the interface from `detectLocal` that its mode needs.
    func parsedLocalTrafficDetection() throws(InputError) -> ProxyOptions.LocalTrafficDetection {
        switch detectLocalMode {
        case "", "ClusterCIDR":
            return .clusterCIDR
        case "NodeCIDR":
            return .nodeCIDR
        case "BridgeInterface":
            guard !detectLocal.bridgeInterface.isEmpty else {
                throw fieldError("detectLocal.bridgeInterface", "is required when detectLocalMode is BridgeInterface")
            }
            return .bridgeInterface(detectLocal.bridgeInterface)
        case "InterfaceNamePrefix":
            guard !detectLocal.interfaceNamePrefix.isEmpty else {
                throw fieldError(
                    "detectLocal.interfaceNamePrefix", "is required when detectLocalMode is InterfaceNamePrefix")
            }
            return .interfaceNamePrefix(detectLocal.interfaceNamePrefix)
        default:
            let modes = Self.localModes.joined(separator: ", ")
            throw fieldError(
                "detectLocalMode", "\"\(detectLocalMode)\" is not one of \(modes) (blank means ClusterCIDR)")
        }
    }

    /// An error about one field of this configuration.
    func fieldError(_ field: String, _ message: String) -> InputError {
        InputError(object: Self.kind, field: field, message: message)
    }
}
