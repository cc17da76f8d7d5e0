import ProxyCore
import Testing
@testable import NftablesBackend

/// The proxier against a real table in a scratch namespace: incremental syncs, restarts and
/// repairs, each checked by reading the table back with `nft list` and comparing with the render.
@Suite(.serialized, .enabled(if: NetlinkNamespace.isAvailable, "needs root, ip netns and nft"))
struct NftablesProxierKernelTests {
    private static func proxier(in namespace: NetlinkNamespace) throws -> NftablesProxier {
        NftablesProxier(family: .ipv4, connection: try NftNetlink(namespace: namespace.name), runner: nil)
    }

    /// Syncs a graph (the diff from the previous one) and checks the kernel holds its render.
    @discardableResult
    private static func sync(_ proxier: NftablesProxier, _ graph: ServiceGraph, from old: ServiceGraph?,
                             in namespace: NetlinkNamespace) throws -> NftTransaction? {
        let plan = try proxier.render(graph, diff: GraphDiff.between(old, graph))
        try proxier.apply(plan)
        let expected = NftListing.normalised(NftTextRenderer.render(NftablesRenderer().render(graph)))
        let listed = try namespace.listing(PlannerFixtures.table)
        #expect(listed == expected, "kernel only: \(NftListing.lines(listed, notIn: expected)); render only: \(NftListing.lines(expected, notIn: listed))")
        return plan.transaction
    }

    @Test func incrementalSyncsKeepTheKernelEqualToTheRender() throws {
        let namespace = try NetlinkNamespace()
        let proxier = try Self.proxier(in: namespace)
        var graphs = [PlannerFixtures.graph([PlannerFixtures.port(1, endpoints: [0, 1, 2]),
                                             PlannerFixtures.port(2, endpoints: [0, 1], affinity: 600)])]
        try Self.sync(proxier, graphs[0], from: nil, in: namespace)
        let steps: [[ServicePortNode]] = [
            [PlannerFixtures.port(1, endpoints: [0, 1, 2, 3]), PlannerFixtures.port(2, endpoints: [0, 1], affinity: 600)],
            [PlannerFixtures.port(1, endpoints: [0, 1, 2, 3]), PlannerFixtures.port(2, endpoints: [1, 4, 5], affinity: 600),
             PlannerFixtures.port(3, endpoints: [7])],
            [PlannerFixtures.port(1, endpoints: []), PlannerFixtures.port(3, endpoints: [7, 8, 9])],
            [PlannerFixtures.port(1, endpoints: [0, 1, 2])],
        ]
        for ports in steps {
            graphs.append(PlannerFixtures.graph(ports))
            let transaction = try Self.sync(proxier, graphs[graphs.count - 1], from: graphs[graphs.count - 2], in: namespace)
            #expect(!(transaction?.operations.contains(.addTable(comment: NftablesNames.tableComment)) ?? true))
        }
        #expect(proxier.lastOperationCount > 0)
    }

    @Test func aRestartWithNothingChangedWritesNothing() throws {
        let namespace = try NetlinkNamespace()
        let graph = try NftablesRendererTests.overallGraph()
        try Self.sync(try Self.proxier(in: namespace), graph, from: nil, in: namespace)
        let restarted = try Self.proxier(in: namespace)
        try Self.sync(restarted, graph, from: nil, in: namespace)
        #expect(restarted.lastOperationCount == 0)
    }

    @Test func aFullSyncRepairsWhatOthersChanged() throws {
        let namespace = try NetlinkNamespace()
        let graph = try NftablesRendererTests.overallGraph()
        let proxier = try Self.proxier(in: namespace)
        try Self.sync(proxier, graph, from: nil, in: namespace)
        try namespace.load("""
            delete element ip proxyd clusterip-cluster { 172.30.0.41 . tcp . 80 }
            add element ip proxyd clusterip-cluster { 10.9.9.9 . tcp . 9 }
            flush chain ip proxyd cluster-ip
            add rule ip proxyd services ip daddr 10.9.9.8 accept
            add chain ip proxyd stray
            """)
        let repair = try Self.proxier(in: namespace)
        try Self.sync(repair, graph, from: nil, in: namespace)
        #expect(repair.lastOperationCount > 0)
    }

    @Test func tablesOfOthersSurviveSyncsAndCleanup() throws {
        let namespace = try NetlinkNamespace()
        try namespace.load("table ip other { chain c { type filter hook input priority 0; policy accept; }; }\n")
        let proxier = try Self.proxier(in: namespace)
        try Self.sync(proxier, try NftablesRendererTests.overallGraph(), from: nil, in: namespace)
        try namespace.load("table ip kube-proxy { }\n")
        try proxier.cleanup()
        let tables = try namespace.nft("list", "tables")
        #expect(tables == "table ip other\n")
    }
}
