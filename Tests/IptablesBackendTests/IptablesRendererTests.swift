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
}
