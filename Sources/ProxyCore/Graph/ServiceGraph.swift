/// The abstract NAT rule graph of one IP family: the single input every backend renders.
///
/// Frontends (ClusterIP, NodePort, externalIP, load-balancer IP) lead through policy (masquerade,
/// source-range firewall, affinity, short-circuits) to endpoint sets and endpoints, or to a
/// REJECT/DROP verdict. It is a value: two graphs compare equal when they program the same rules,
/// and ``GraphDiff`` names what differs.
public struct ServiceGraph: Hashable, Sendable {
    /// The node-wide settings every rule depends on.
    public let node: NodeContext
    /// The service ports, by name.
    public private(set) var ports: [ServicePortName: ServicePortNode]
    private var portNamesByService: [NamespacedName: Set<ServicePortName>]

    /// An empty graph for a node.
    public init(node: NodeContext) {
        self.node = node
        self.ports = [:]
        self.portNamesByService = [:]
    }

    public var family: IPFamily { node.family }

    /// The service ports in name order: a stable order for output and tests.
    public var sortedPorts: [ServicePortNode] { ports.values.sorted { $0.name < $1.name } }

    /// The port names of one service.
    public func portNames(of service: NamespacedName) -> Set<ServicePortName> {
        portNamesByService[service] ?? []
    }

    /// The total number of endpoints over all ports and sets (each endpoint counted once per port).
    public var endpointCount: Int {
        ports.values.reduce(0) { $0 + Set($1.clusterEndpoints + $1.localEndpoints).count }
    }

    /// Replaces the ports of one service.
    public mutating func setPorts(_ nodes: [ServicePortNode], of service: NamespacedName) {
        for name in portNamesByService.removeValue(forKey: service) ?? [] { ports.removeValue(forKey: name) }
        guard !nodes.isEmpty else { return }
        for node in nodes { ports[node.name] = node }
        portNamesByService[service] = Set(nodes.map(\.name))
    }
}
