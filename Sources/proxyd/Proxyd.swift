import ArgumentParser
import Foundation
import IptablesBackend
import ProxyCore

/// The `proxyd` command: a Kubernetes service proxy.
@main
struct Proxyd: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "proxyd",
        abstract: "A Kubernetes service proxy: programs ClusterIP, NodePort, externalIP and load-balancer "
            + "rules from Services and EndpointSlices, as kube-proxy does.",
        discussion: """
            `proxyd --mode iptables --source PATH --once` programs the current network namespace once \
            from manifest files; `proxyd --mode iptables --cleanup` removes what proxyd (or kube-proxy) \
            programmed. Use `proxyd trace` to ask what happens to a packet and `proxyd render` to see \
            what a backend would program.
            """,
        version: version,
        subcommands: [TraceCommand.self, RenderCommand.self, BenchCommand.self]
    )

    enum VariantChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, nft, legacy
    }

    @OptionGroup var modeOptions: ModeOptions

    @OptionGroup var cluster: ClusterSourceOptions

    @Flag(help: "Program the rules once from --source and exit (non-zero with the kernel's error on failure).")
    var once = false

    @Flag(help: "Remove every rule and chain proxyd (or kube-proxy in this mode) created, and nothing else; then exit.")
    var cleanup = false

    @Option(help: "Which iptables to program: auto (detect the node's, as kube-proxy's image does), nft or legacy.")
    var iptablesVariant: VariantChoice = .auto

    func run() throws {
        // Checked here, not in validate(): ArgumentParser validates parent commands of subcommands too.
        guard once || cleanup else {
            throw ValidationError("give --once (program from --source and exit) or --cleanup; watching the API is not built yet")
        }
        if once { _ = try cluster.requiredSource() }
        let mode = modeOptions.mode
        guard mode == .iptables else { throw Failure("mode \(mode.rawValue) cannot program the kernel yet; use iptables") }
        let variant: IptablesVariant = switch iptablesVariant {
        case .auto: IptablesVariant.detect()
        case .nft: .nft
        case .legacy: .legacy
        }
        if cleanup {
            for family in IPFamily.allCases {
                do {
                    try IptablesProxier(family: family, variant: variant).cleanup()
                } catch where family == .ipv6 {
                    Standard.error.write("proxyd: IPv6 cleanup skipped: \(error)")
                }
            }
            return
        }
        let loaded = try LoadedCluster(cluster)
        let settings = IptablesSettings(dropInvalid: !Self.conntrackIsLiberal)
        for family in IPFamily.allCases {
            guard let graph = loaded.graphs[family], family == .ipv4 || !graph.ports.isEmpty else { continue }
            let sync = GraphSync(backend: IptablesProxier(family: family, variant: variant, settings: settings),
                                 options: loaded.options)
            do {
                try sync.sync(loaded.state, changes: StateChanges())
            } catch {
                throw Failure("\(family) sync failed: \(error)")
            }
        }
    }

    /// `net.netfilter.nf_conntrack_tcp_be_liberal` is set: upstream then keeps INVALID packets.
    private static var conntrackIsLiberal: Bool {
        let text = (try? String(contentsOfFile: "/proc/sys/net/netfilter/nf_conntrack_tcp_be_liberal", encoding: .utf8)) ?? "0"
        return text.trimmingCharacters(in: .whitespacesAndNewlines) != "0"
    }
}
