/// How this node's proxy is configured: the settings that shape the service graph.
///
/// These mirror kube-proxy's configuration (`hostnameOverride`, `clusterCIDR`, `detectLocalMode`,
/// `masqueradeAll`, `localhostNodePorts`, `nodePortAddresses`, `serviceProxyName`); the per-family
/// ``NodeContext`` is resolved from them.
public struct ProxyOptions: Hashable, Sendable {
    /// How traffic from this node's pods is recognised (`detectLocalMode`).
    public enum LocalTrafficDetection: Hashable, Sendable {
        /// Sources inside the cluster CIDRs (`ClusterCIDR`, the default).
        case clusterCIDR
        /// Sources inside this node's pod CIDRs, from the Node object (`NodeCIDR`).
        case nodeCIDR
        /// Packets entering through a bridge (`BridgeInterface`).
        case bridgeInterface(String)
        /// Packets entering through interfaces with a name prefix (`InterfaceNamePrefix`).
        case interfaceNamePrefix(String)
    }

    /// Which addresses accept NodePort traffic (`nodePortAddresses`).
    public enum NodePortAddressSelection: Hashable, Sendable {
        /// Every local address.
        case all
        /// The node's primary IP of each family.
        case primary
        /// The node addresses inside these CIDRs.
        case cidrs([CIDR])
    }

    public var nodeName: String
    /// Node IPs given explicitly; when empty, the Node object's addresses are used, then loopback.
    public var nodeIPs: [IPAddress]
    public var clusterCIDRs: [CIDR]
    public var localTrafficDetection: LocalTrafficDetection
    public var masqueradeAll: Bool
    /// Whether NodePorts answer on 127.0.0.1 (IPv4 only, as upstream).
    public var localhostNodePorts: Bool
    public var nodePortAddresses: NodePortAddressSelection
    /// Handle only services labelled `service.kubernetes.io/service-proxy-name` with this value;
    /// when nil, handle only services without the label.
    public var serviceProxyName: String?
    /// Whether `hints.forNodes` steer routing (the PreferSameTrafficDistribution feature).
    public var nodeTopologyHints: Bool

    public init(
        nodeName: String, nodeIPs: [IPAddress] = [], clusterCIDRs: [CIDR] = [],
        localTrafficDetection: LocalTrafficDetection = .clusterCIDR, masqueradeAll: Bool = false,
        localhostNodePorts: Bool = true, nodePortAddresses: NodePortAddressSelection = .all,
        serviceProxyName: String? = nil, nodeTopologyHints: Bool = true
    ) {
        self.nodeName = nodeName
        self.nodeIPs = nodeIPs
        self.clusterCIDRs = clusterCIDRs
        self.localTrafficDetection = localTrafficDetection
        self.masqueradeAll = masqueradeAll
        self.localhostNodePorts = localhostNodePorts
        self.nodePortAddresses = nodePortAddresses
        self.serviceProxyName = serviceProxyName
        self.nodeTopologyHints = nodeTopologyHints
    }

    /// Whether a service is handed to this proxy by its `service-proxy-name` label.
    public func handles(_ service: ServiceInfo) -> Bool {
        service.labels[ServiceInfo.serviceProxyNameLabel] == serviceProxyName
    }
}

extension ProxyOptions {
    /// The options as a mode applies them: only iptables mode lets NodePorts answer on localhost
    /// (upstream's `iptables.localhostNodePorts`; nftables and ipvs never do).
    public func adjusted(for mode: ProxyMode) -> ProxyOptions {
        var options = self
        if mode != .iptables { options.localhostNodePorts = false }
        return options
    }
}
