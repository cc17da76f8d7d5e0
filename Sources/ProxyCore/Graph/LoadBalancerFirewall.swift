/// `loadBalancerSourceRanges` of a service port: who may use its load-balancer IPs.
///
/// It applies to load-balancer IPs only, never to NodePorts or externalIPs. Traffic from other
/// sources is dropped.
public struct LoadBalancerFirewall: Hashable, Sendable {
    /// The allowed source ranges.
    public let sourceRanges: [CIDR]
    /// Load-balancer IPs also allowed as sources, because a range contains the node's primary IP
    /// (a VIP bound on the node answers the node's own requests with itself as source).
    public let allowedLoadBalancerSources: [IPAddress]

    public init(sourceRanges: [CIDR], allowedLoadBalancerSources: [IPAddress]) {
        self.sourceRanges = sourceRanges
        self.allowedLoadBalancerSources = allowedLoadBalancerSources
    }

    /// Whether a source may pass.
    public func allows(_ source: IPAddress) -> Bool {
        sourceRanges.contains { $0.contains(source) } || allowedLoadBalancerSources.contains(source)
    }
}
