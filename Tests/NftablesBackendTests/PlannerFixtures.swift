import ProxyCore
@testable import NftablesBackend

/// Service ports and graphs for the planner and renderer tests.
enum PlannerFixtures {
    static let options = ProxyOptions(
        nodeName: "test-node", nodeIPs: [IPAddress("192.168.0.2")!], clusterCIDRs: [CIDR("10.0.0.0/8")!],
        nodePortAddresses: .primary)
    static let node = NodeContext(options: options, family: .ipv4, node: nil)
    static let table = NftTable(family: .ipv4, name: NftablesNames.table)

    /// A ClusterIP port `nsN/svcN:p80` at 172.30.0.N with endpoints 10.180.K.N:80.
    static func port(_ number: Int, endpoints: [Int], affinity: Int? = nil) -> ServicePortNode {
        let name = ServicePortName(service: NamespacedName(namespace: "ns\(number)", name: "svc\(number)"), port: "p80",
                                   transport: .tcp)
        let list = endpoints.map {
            ServiceEndpoint(address: IPAddress("10.180.\($0).\(number)")!, port: 80, isLocal: false)
        }.sorted()
        return ServicePortNode(
            name: name, clusterIP: IPAddress("172.30.0.\(number)")!, port: 80, nodePort: nil, externalIPs: [],
            loadBalancerIPs: [], healthCheckNodePort: nil, sessionAffinityTimeout: affinity, hasEndpoints: !list.isEmpty,
            internalRoute: list.isEmpty ? .reject : .endpoints(.cluster), external: nil, loadBalancerFirewall: nil,
            clusterEndpoints: list, localEndpoints: [], listedEndpointCount: list.count)
    }

    static func graph(_ ports: [ServicePortNode]) -> ServiceGraph {
        var graph = ServiceGraph(node: node)
        for port in ports { graph.setPorts([port], of: port.name.service) }
        return graph
    }
}

/// Plans batches against an imagined kernel that numbers rules from 1, as the kernel does.
struct PlannerHarness {
    var model: TableModel
    var committed = CommittedTable.absent
    private var nextHandle: UInt64 = 1
    let planner = TransactionPlanner(table: PlannerFixtures.table)

    init(_ ports: [ServicePortNode]) {
        model = NftablesRenderer().model(of: PlannerFixtures.graph(ports))
    }

    /// Plans the batch to the model's current state and commits it; returns its commands.
    mutating func sync() throws -> [String] {
        let changes = model.takeElementChanges()
        let structure = TableStructure(model)
        let snapshot = model
        let plan = planner.plan(from: committed, to: structure, elements: committed.exists ? changes : [],
                                fillingReplacedSets: { snapshot.elements(of: structure.references[$0]!) })
        var handles: [Int: UInt64] = [:]
        for (index, operation) in plan.transaction.operations.enumerated() {
            if case .addRule = operation {
                handles[index] = nextHandle
                nextHandle += 1
            }
        }
        committed = try plan.committed(handles: handles)
        return plan.transaction.operations.map { $0.text(PlannerFixtures.table) }
    }

    /// The handle of the rule of a chain that reads a map, if any.
    func handle(of map: String, in chain: String) -> UInt64? {
        committed.chains[chain]?.rules.first { $0.rule?.referencedSets.contains(map) ?? false }?.handle
    }
}
