/// How traffic arriving through an external frontend (NodePort, externalIP, load-balancer IP) is handled.
///
/// Mirrors upstream's `KUBE-EXT-` chain: under `externalTrafficPolicy: Cluster` every packet is
/// masqueraded; under `Local`, traffic from this node's pods and from the node itself is
/// short-circuited to the cluster endpoints (the node's own traffic masqueraded) and the rest
/// goes to local endpoints only, keeping the client address.
public struct ExternalPolicy: Hashable, Sendable {
    /// Whether every packet is masqueraded (ETP Cluster: it may be forwarded to another node).
    public let masqueradesAll: Bool
    /// Whether pod and node traffic is short-circuited to the cluster endpoints (ETP Local).
    public let shortCircuitsLocalTraffic: Bool
    /// Where the remaining traffic goes.
    public let route: TrafficRoute

    public init(masqueradesAll: Bool, shortCircuitsLocalTraffic: Bool, route: TrafficRoute) {
        self.masqueradesAll = masqueradesAll
        self.shortCircuitsLocalTraffic = shortCircuitsLocalTraffic
        self.route = route
    }
}
