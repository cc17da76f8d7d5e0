import Foundation
import ProxyCore
import Testing
@testable import IptablesBackend

@Suite struct IptablesRendererTests {
    private static func fixture(_ name: String) throws -> String {
        try String(contentsOf: Bundle.module.resourceURL!.appendingPathComponent("Fixtures/\(name)"), encoding: .utf8)
    }

    /// The settings of upstream's fake proxier.
    private static let upstreamTestSettings = IptablesSettings(markDigits: 4, randomFully: false, dropInvalid: true, nfacct: true)

    private static func graph(_ yaml: String, options: ProxyOptions) throws -> ServiceGraph {
        let contents = ManifestDecoder().decode(yaml)
        #expect(contents.errors.isEmpty)
        var state = ClusterState()
        for object in contents.objects { try state.upsert(object) }
        return GraphBuilder(options: options, family: .ipv4).build(from: state)
    }

    private static let testNode = ProxyOptions(
        nodeName: "test-node", nodeIPs: [IPAddress("192.168.0.2")!], clusterCIDRs: [CIDR("10.0.0.0/8")!])

    @Test func overallRulesMatchUpstreamByteForByte() throws {
        let graph = try Self.graph(try Self.fixture("overall.yaml"), options: Self.testNode)
        let output = IptablesRenderer(settings: Self.upstreamTestSettings).render(graph)
        let expected = try Self.fixture("overall.expected")
        let actual = UpstreamRuleSort.canonical(output.ruleset.restoreText)
        #expect(actual == expected)
        if actual != expected {
            let diff = zip(actual.split(separator: "\n"), expected.split(separator: "\n")).first { $0 != $1 }
            Issue.record("first difference: \(String(describing: diff))")
        }
    }

    @Test func canonicalSortIsIdempotentOnTheExpectedText() throws {
        let expected = try Self.fixture("overall.expected")
        #expect(UpstreamRuleSort.canonical(expected) == expected)
    }

    @Test func productionMarkAndRandomFully() {
        let settings = IptablesSettings()
        #expect(settings.mark == "0x00004000")
        let graph = ServiceGraph(node: NodeContext(options: Self.testNode, family: .ipv4, node: nil))
        let text = IptablesRenderer(settings: settings).render(graph).ruleset.restoreText
        #expect(text.contains("-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully"))
        #expect(text.contains("-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000"))
        #expect(text.contains("-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP"))
    }

    @Test func probabilitiesFollowUpstream() {
        #expect(Probability.format(1.0 / 3) == "0.3333333333")
        #expect(Probability.format(0.5) == "0.5000000000")
        #expect(Probability.format(1.0 / 100001) == "0.0000099999")
    }

    @Test func aboveOneThousandEndpointsPerEndpointCommentsAreDropped() throws {
        var state = ClusterState()
        for index in 0..<101 {
            try state.upsert(Service(metadata: ObjectMeta(name: "svc\(index)", namespace: "ns"),
                                     spec: .init(clusterIP: "172.30.\(index / 256).\(index % 256)", ports: [.init(name: "p", port: 80)])))
            try state.upsert(EndpointSlice(
                metadata: ObjectMeta(name: "svc\(index)-x", namespace: "ns", labels: [EndpointSlice.serviceNameLabel: "svc\(index)"]),
                addressType: "IPv4",
                endpoints: (0..<10).map { .init(addresses: ["10.180.\(index).\($0 + 1)"]) },
                ports: [.init(name: "p", port: 8080)]))
        }
        let graph = GraphBuilder(options: Self.testNode, family: .ipv4).build(from: state)
        let text = IptablesRenderer(settings: IptablesSettings()).render(graph).ruleset.restoreText
        #expect(!text.contains("ns/svc0:p -> "), "load-balancing rules lose their comments")
        #expect(text.contains(" -s 10.180.0.1 -j KUBE-MARK-MASQ"))
        #expect(!text.contains("--comment ns/svc0:p -s 10.180.0.1"), "endpoint chains lose their comments")
        #expect(text.contains("--comment \"ns/svc0:p cluster IP\""), "other comments stay")
    }
}
