import Foundation
import ProxyConformance
import Testing

/// The whole conformance catalog with real packets, programmed by `proxyd --mode iptables --once`,
/// for both iptables variants.
@Suite(.enabled(if: KernelRunner.isAvailable, "needs root and ip netns"))
struct IptablesKernelConformanceTests {
    /// The catalog, or the comma-separated names in `PROXYD_CONFORMANCE_SCENARIOS` when set.
    static let scenarioNames: [String] = {
        let all = (try? ScenarioCatalog.all().map(\.name)) ?? []
        guard let only = ProcessInfo.processInfo.environment["PROXYD_CONFORMANCE_SCENARIOS"] else { return all }
        return all.filter { only.split(separator: ",").map(String.init).contains($0) }
    }()

    static func runner(variant: String) -> KernelRunner {
        let proxyd = ProxydProcess.executable.path
        let dump = ["sh", "-c", "iptables-\(variant)-save; ip6tables-\(variant)-save"]
        let programmer = CommandProgrammer(name: "iptables-\(variant)", dump: dump) { request in
            [proxyd, "--mode", "iptables", "--iptables-variant", variant, "--source", request.sourceFile.path, "--once"]
                + request.nodeFlags
        }
        return KernelRunner(programmer: programmer, agent: Bundle.main.bundleURL.appendingPathComponent("proxyd-conformance-agent").path)
    }

    @Test(arguments: scenarioNames)
    func nftVariant(_ name: String) async throws {
        let report = try await Self.runner(variant: "nft").runDetached(try ScenarioCatalog.scenario(named: name))
        #expect(report.passed, "\(report)")
    }

    @Test(arguments: scenarioNames)
    func legacyVariant(_ name: String) async throws {
        let report = try await Self.runner(variant: "legacy").runDetached(try ScenarioCatalog.scenario(named: name))
        #expect(report.passed, "\(report)")
    }
}
