/// Everything about this node that the rules of one IP family depend on.
///
/// Resolved from ``ProxyOptions`` and this node's Node object by ``init(options:family:node:)``.
/// A change here changes every rule, so backends resync fully when it changes.
public struct NodeContext: Hashable, Sendable {
    /// Which addresses accept NodePort traffic, resolved for one family.
    public enum NodePortAddresses: Hashable, Sendable {
        /// Every local address (`-m addrtype --dst-type LOCAL`).
        case allLocal
        /// Only these addresses.
        case only([IPAddress])
    }

    public let family: IPFamily
    public let nodeName: String
    /// This node's IPs of this family; the first is the primary one.
    public let nodeIPs: [IPAddress]
    public let localTraffic: LocalTrafficDetector
    public let masqueradeAll: Bool
    /// Whether NodePorts answer on loopback (never for IPv6).
    public let localhostNodePorts: Bool
    public let nodePortAddresses: NodePortAddresses
    /// This node's `topology.kubernetes.io/zone` label.
    public let zone: String?
    /// Whether node topology hints are read.
    public let nodeTopologyHints: Bool

    /// Resolves the context of one family.
    /// - Parameters:
    ///   - options: the proxy's settings.
    ///   - family: the IP family of the proxier.
    ///   - node: this node's Node object, if known (addresses, pod CIDRs, zone).
    public init(options: ProxyOptions, family: IPFamily, node: NodeInfo?) {
        self.family = family
        self.nodeName = options.nodeName
        var ips = options.nodeIPs.filter { $0.family == family }
        if ips.isEmpty, options.nodeIPs.isEmpty { ips = (node?.addresses ?? []).filter { $0.family == family } }
        if ips.isEmpty { ips = [IPAddress.loopback(family)] }
        self.nodeIPs = ips
        switch options.localTrafficDetection {
        case .clusterCIDR:
            let cidrs = options.clusterCIDRs.filter { $0.family == family }
            self.localTraffic = cidrs.isEmpty ? .none : .sourceCIDRs(cidrs)
        case .nodeCIDR:
            let cidrs = (node?.podCIDRs ?? []).filter { $0.family == family }
            self.localTraffic = cidrs.isEmpty ? .none : .sourceCIDRs(cidrs)
        case .bridgeInterface(let name): self.localTraffic = .bridgeInterface(name)
        case .interfaceNamePrefix(let prefix): self.localTraffic = .interfaceNamePrefix(prefix)
        }
        self.masqueradeAll = options.masqueradeAll
        let localhostNodePorts = options.localhostNodePorts && family == .ipv4
        self.localhostNodePorts = localhostNodePorts
        switch options.nodePortAddresses {
        case .all:
            self.nodePortAddresses = .allLocal
        case .primary:
            self.nodePortAddresses = .only(Array(ips.prefix(1)))
        case .cidrs(let cidrs):
            // As upstream: no CIDR of this family, or a zero CIDR, means every local address.
            let familyCIDRs = cidrs.filter { $0.family == family }
            guard !familyCIDRs.isEmpty, !familyCIDRs.contains(where: { $0.prefixLength == 0 }) else {
                self.nodePortAddresses = .allLocal
                break
            }
            var addresses = ips.filter { ip in familyCIDRs.contains { $0.contains(ip) } }
            let loopback = IPAddress.loopback(family)
            if localhostNodePorts, familyCIDRs.contains(where: { $0.contains(loopback) }) { addresses.append(loopback) }
            self.nodePortAddresses = .only(addresses)
        }
        self.zone = node?.zone
        self.nodeTopologyHints = options.nodeTopologyHints
    }

    /// The primary node IP.
    public var primaryIP: IPAddress { nodeIPs[0] }

    /// Whether an address is local to this node (`addrtype LOCAL`): a node IP or loopback.
    public func isLocalAddress(_ address: IPAddress) -> Bool {
        address.isLoopback || nodeIPs.contains(address)
    }

    /// Whether a destination address accepts NodePort traffic.
    public func acceptsNodePorts(at address: IPAddress) -> Bool {
        switch nodePortAddresses {
        case .allLocal:
            return isLocalAddress(address) && (localhostNodePorts || !address.isLoopback)
        case .only(let addresses):
            return addresses.contains(address)
        }
    }
}
