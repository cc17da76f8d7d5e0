import Foundation
import ProxyCore
import Testing
@testable import NftablesBackend

@Suite struct NftablesRendererTests {
    private static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// Upstream's overall test cluster (the iptables backend's fixture), on the test node.
    static func overallGraph(_ options: ProxyOptions = ProxyOptions(
        nodeName: "test-node", nodeIPs: [IPAddress("192.168.0.2")!], clusterCIDRs: [CIDR("10.0.0.0/8")!],
        localhostNodePorts: false, nodePortAddresses: .primary)) throws -> ServiceGraph
    {
        let file = directory.appendingPathComponent("../IptablesBackendTests/Fixtures/overall.yaml")
        let contents = ManifestDecoder().decode(try String(contentsOf: file, encoding: .utf8))
        var state = ClusterState()
        for object in contents.objects { try state.upsert(object) }
        return GraphBuilder(options: options, family: .ipv4).build(from: state)
    }

    /// An IPv6 node with an interface-prefix detector, NodePorts on every address and affinity.
    static func ipv6Graph() -> ServiceGraph {
        let options = ProxyOptions(nodeName: "test-node", nodeIPs: [IPAddress("fd00::2")!],
                                   localTrafficDetection: .interfaceNamePrefix("veth"), localhostNodePorts: false)
        var graph = ServiceGraph(node: NodeContext(options: options, family: .ipv6, node: nil))
        let name = ServicePortName(service: NamespacedName(namespace: "ns1", name: "svc1"), port: "dns", transport: .udp)
        let endpoints = ["fd00:10:180::1", "fd00:10:180::2"].map {
            ServiceEndpoint(address: IPAddress($0)!, port: 5353, isLocal: $0.hasSuffix("1"))
        }
        graph.setPorts([ServicePortNode(
            name: name, clusterIP: IPAddress("fd00:172:30::41")!, port: 53, nodePort: 3053, externalIPs: [],
            loadBalancerIPs: [IPAddress("2001:db8::7")!], healthCheckNodePort: 30053, sessionAffinityTimeout: 600,
            hasEndpoints: true, internalRoute: .endpoints(.cluster),
            external: ExternalPolicy(masqueradesAll: false, shortCircuitsLocalTraffic: true, route: .endpoints(.local)),
            loadBalancerFirewall: LoadBalancerFirewall(sourceRanges: [CIDR("2001:db8:1::/48")!, CIDR("2001:db8:1:2::/64")!],
                                                       allowedLoadBalancerSources: []),
            clusterEndpoints: endpoints, localEndpoints: [endpoints[0]], listedEndpointCount: 2)], of: name.service)
        return graph
    }

    @Test func overallClusterMatchesTheGoldenText() throws {
        let text = NftTextRenderer.render(NftablesRenderer().render(try Self.overallGraph()))
        let golden = try String(contentsOf: Self.directory.appendingPathComponent("Fixtures/overall.nft"), encoding: .utf8)
        #expect(text == golden)
    }

    @Test func aClusterWithoutDetectorHasNoMasqueradeOrShortCircuitRules() throws {
        let options = ProxyOptions(nodeName: "test-node", nodeIPs: [IPAddress("192.168.0.2")!], localhostNodePorts: false)
        let ruleset = NftablesRenderer().render(try Self.overallGraph(options))
        #expect(ruleset.rules["cluster-ip"] == [NftRule([.verdict(.goto("select-cluster"))])])
        #expect(ruleset.rules["external-local"]?.count == 3)
        #expect(ruleset.rules["services"]?.last?.text(.ipv4) == "fib daddr type local ip daddr != 127.0.0.0/8 goto nodeports")
    }

    @Test(.enabled(if: NetlinkNamespace.isAvailable, "needs root, ip netns and nft"))
    func nftLoadsTheRenderAndListsItBack() throws {
        let namespace = try NetlinkNamespace()
        for ruleset in [NftablesRenderer().render(try Self.overallGraph()), NftablesRenderer().render(Self.ipv6Graph())] {
            let text = NftTextRenderer.render(ruleset)
            try namespace.load(text)
            #expect(try namespace.listing(ruleset.table) == NftListing.normalised(text))
        }
    }

    @Test(.enabled(if: NetlinkNamespace.isAvailable, "needs root, ip netns and nft"))
    func aColdBatchAsNftCommandsBuildsTheRenderedTable() throws {
        let namespace = try NetlinkNamespace()
        let graph = try Self.overallGraph()
        let model = NftablesRenderer().model(of: graph)
        let structure = TableStructure(model)
        let plan = TransactionPlanner(table: PlannerFixtures.table).plan(
            from: .absent, to: structure, elements: [], fillingReplacedSets: { model.elements(of: structure.references[$0]!) })
        try namespace.load(plan.transaction.text)
        #expect(try namespace.listing(PlannerFixtures.table) == NftListing.normalised(NftTextRenderer.render(structure.ruleset(model))))
    }
}
