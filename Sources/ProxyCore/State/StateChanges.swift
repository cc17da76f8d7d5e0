/// What changed in a ``ClusterState`` since the changes were last taken.
public struct StateChanges: Hashable, Sendable {
    /// Services whose Service object or EndpointSlices were added, changed or removed.
    public var services: Set<NamespacedName> = []
    /// Nodes that were added, changed or removed (a node's labels steer topology for every service).
    public var nodes: Set<String> = []

    public init(services: Set<NamespacedName> = [], nodes: Set<String> = []) {
        self.services = services
        self.nodes = nodes
    }

    public var isEmpty: Bool { services.isEmpty && nodes.isEmpty }
}
