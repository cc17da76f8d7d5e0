import Foundation
import NftablesBackend
import ProxyConformance
import ProxyCore
import Testing

/// `proxyd --mode nftables --once` and `--cleanup` as an operator runs them, in a namespace.
@Suite(.enabled(if: KernelRunner.isAvailable, "needs root and ip netns"))
struct NftablesOnceTests {
    private static let cluster = [
        "--source", URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("IptablesBackendTests/Fixtures/overall.yaml").path,
        "--hostname-override", "test-node", "--node-ip", "192.168.0.2", "--cluster-cidr", "10.0.0.0/8",
    ]

    @Test func theKernelHoldsWhatRenderPrintsAndCleanupRemovesOnlyOurTables() throws {
        let namespace = "pxo\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
        try CommandRunner.current.run(["ip", "netns", "add", namespace])
        defer { _ = try? CommandRunner.current.run(["ip", "netns", "del", namespace]) }
        let node = CommandRunner.inNamespace(namespace)
        try node.run(["nft", "-f", "-"], input: "table ip kube-proxy { }\ntable ip other { }\n")

        let proxyd = ProxydProcess.executable.path
        try node.run([proxyd, "--mode", "nftables", "--once"] + Self.cluster)
        let render = try ProxydProcess.run(["render", "--mode", "nftables"] + Self.cluster)
        #expect(render.status == 0)
        let listed = NftListing.normalised(try node.run(["nft", "list", "table", "ip", "proxyd"]))
        let rendered = NftListing.normalised(render.standardOutput)
        #expect(listed == rendered, "kernel only: \(NftListing.lines(listed, notIn: rendered)); render only: \(NftListing.lines(rendered, notIn: listed))")

        // Again: nothing changes, and the table is the same.
        try node.run([proxyd, "--mode", "nftables", "--once"] + Self.cluster)
        #expect(NftListing.normalised(try node.run(["nft", "list", "table", "ip", "proxyd"])) == rendered)

        try node.run([proxyd, "--mode", "nftables", "--cleanup"])
        #expect(try node.run(["nft", "list", "tables"]) == "table ip other\n")
    }
}
