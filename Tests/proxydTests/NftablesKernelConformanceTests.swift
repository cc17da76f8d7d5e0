import Foundation
import ProxyConformance
import ProxyCore
import Testing

/// The whole conformance catalog with real packets, programmed by `proxyd --mode nftables --once`
/// (a new process per stage, so every stage after the first also reconciles a table it finds).
@Suite(.enabled(if: KernelRunner.isAvailable, "needs root and ip netns"))
struct NftablesKernelConformanceTests {
    static let runner: KernelRunner = {
        let proxyd = ProxydProcess.executable.path
        let dump = ["sh", "-c", "nft list table ip proxyd; nft list table ip6 proxyd"]
        let programmer = CommandProgrammer(name: "nftables", dump: dump) { request in
            [proxyd, "--mode", "nftables", "--source", request.sourceFile.path, "--once"] + request.nodeFlags
        }
        var runner = KernelRunner(programmer: programmer,
                                  agent: Bundle.main.bundleURL.appendingPathComponent("proxyd-conformance-agent").path)
        runner.mode = .nftables
        return runner
    }()

    @Test(arguments: IptablesKernelConformanceTests.scenarioNames)
    func scenario(_ name: String) async throws {
        let report = try await Self.runner.runDetached(try ScenarioCatalog.scenario(named: name))
        #expect(report.passed, "\(report)")
    }
}
