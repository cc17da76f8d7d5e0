import Foundation
import ProxyConformance
import ProxyCore
import Testing

/// The kernel runner proven on a hand-written iptables ruleset: green against correct rules,
/// red (with a readable report) against rules that forget to masquerade.
@Suite(.enabled(if: KernelRunner.isAvailable, "needs root and ip netns"), .serialized)
struct KernelRunnerTests {
    private static var agent: String { Bundle.main.bundleURL.appendingPathComponent("proxyd-conformance-agent").path }

    private static var scenario: Scenario {
        get throws {
            try ScenarioCatalog.load(file: Bundle.module.resourceURL!
                .appendingPathComponent("Fixtures/handwritten-cluster-ip.yaml"))
        }
    }

    private func runner(masquerade: Bool) -> KernelRunner {
        KernelRunner(
            programmer: RestoreProgrammer(
                name: masquerade ? "handwritten iptables" : "handwritten iptables without masquerade",
                restore: ["iptables-restore", "--noflush"], dump: ["iptables-save"],
                rules: { _ in HandwrittenRuleset.ruleset(masquerade: masquerade) }),
            agent: Self.agent)
    }

    @Test func correctRulesPass() throws {
        let report = try runner(masquerade: true).run(try Self.scenario)
        #expect(report.passed, "\(report)")
        #expect(report.probes.filter { if case .skipped = $0.status { true } else { false } }.isEmpty, "\(report)")
    }

    @Test func missingMasqueradeFailsWithAReadableReport() throws {
        let report = try runner(masquerade: false).run(try Self.scenario)
        #expect(!report.passed)
        let failed = Set(report.probes.filter { $0.status == .failed }.map(\.probe.name))
        #expect(failed.isSuperset(of: ["node to cluster IP", "hairpin"]), "\(report)")
        #expect(!failed.contains("pod to cluster IP"), "\(report)")
        #expect(!failed.contains("no endpoints"), "\(report)")
        let text = report.description
        #expect(text.contains("FAIL node to cluster IP: 10.0.1.1 -> 10.96.0.50:80/tcp"))
        #expect(text.contains("expected: \"10.244.1.2:9898, 10.244.2.2:9898\" masquerade=true"))
        #expect(text.contains("-A KUBE-SEP-LOCAL -p tcp -m tcp -j DNAT --to-destination 10.244.1.2:9898"))
    }

    @Test func leavesNoNamespaceBehind() throws {
        let report = try runner(masquerade: true).run(try Self.scenario)
        let left = try CommandRunner.current.run(["ip", "netns", "list"]).split(separator: "\n")
            .filter { $0.hasPrefix(report.namespacePrefix) }
        #expect(left.isEmpty, "\(left)")
    }
}
