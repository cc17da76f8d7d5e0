/// Which endpoints a service port's traffic may go to on this node: upstream's `CategorizeEndpoints`.
public struct EndpointSelection: Hashable, Sendable {
    /// The topology mode chosen from the ready endpoints' hints.
    public enum TopologyMode: String, Hashable, Sendable {
        case none = ""
        case preferSameZone = "PreferSameZone"
        case preferSameNode = "PreferSameNode"
    }

    /// Endpoints for traffic under the Cluster policy (nil when the port uses no cluster endpoints).
    public let cluster: [ServiceEndpoint]?
    /// Endpoints for traffic under the Local policy (nil when the port uses no local endpoints).
    public let local: [ServiceEndpoint]?
    /// Whether any usable endpoint exists anywhere; without one, traffic is rejected.
    public let hasAnyEndpoints: Bool
    public let topologyMode: TopologyMode

    /// Selects endpoints.
    /// - Parameters:
    ///   - candidates: the port's merged endpoints (``EndpointMerger``).
    ///   - usesClusterEndpoints: ITP is Cluster, or the port is reachable from outside.
    ///   - usesLocalEndpoints: ITP is Local, or ETP is Local and the port is reachable from outside.
    ///   - nodeName: this node, for node hints.
    ///   - zone: this node's zone label, for zone hints.
    public init(
        candidates: [EndpointCandidate], usesClusterEndpoints: Bool, usesLocalEndpoints: Bool, nodeName: String,
        zone: String?
    ) {
        var hasAny = false
        var mode = TopologyMode.none
        if usesClusterEndpoints {
            let ready = candidates.filter(\.endpoint.isReady)
            mode = Self.topologyMode(ready: ready, nodeName: nodeName, zone: zone)
            var cluster = ready.filter { Self.isAvailable($0, mode: mode, nodeName: nodeName, zone: zone) }
            if cluster.isEmpty {
                cluster = candidates.filter { $0.endpoint.isServing && $0.endpoint.isTerminating }
            }
            self.cluster = cluster.map(\.endpoint)
            hasAny = !cluster.isEmpty
        } else {
            self.cluster = nil
        }
        if usesLocalEndpoints {
            let usable = candidates.map(\.endpoint).filter { $0.isReady || ($0.isServing && $0.isTerminating) }
            hasAny = hasAny || !usable.isEmpty
            let localReady = usable.filter { $0.isLocal && $0.isReady }
            self.local = localReady.isEmpty ? usable.filter { $0.isLocal && !$0.isReady } : localReady
        } else {
            self.local = nil
        }
        self.hasAnyEndpoints = hasAny
        self.topologyMode = mode
    }

    private static func topologyMode(ready: [EndpointCandidate], nodeName: String, zone: String?) -> TopologyMode {
        guard !ready.isEmpty else { return .none }
        if ready.allSatisfy({ $0.nodeHints != nil }), ready.contains(where: { $0.nodeHints?.contains(nodeName) == true }) {
            return .preferSameNode
        }
        if let zone, ready.allSatisfy({ $0.zoneHints != nil }),
           ready.contains(where: { $0.zoneHints?.contains(zone) == true }) {
            return .preferSameZone
        }
        return .none
    }

    private static func isAvailable(_ candidate: EndpointCandidate, mode: TopologyMode, nodeName: String,
                                    zone: String?) -> Bool {
        switch mode {
        case .none: true
        case .preferSameNode: candidate.nodeHints?.contains(nodeName) == true
        case .preferSameZone: zone.map { candidate.zoneHints?.contains($0) == true } ?? false
        }
    }
}
