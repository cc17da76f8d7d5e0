import ArgumentParser
import Foundation
import IptablesBackend
import Logging
import ProxyCore

/// The `proxyd` command: a Kubernetes service proxy.
@main
struct Proxyd: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "proxyd",
        abstract: "A Kubernetes service proxy: programs ClusterIP, NodePort, externalIP and load-balancer "
            + "rules from Services and EndpointSlices, as kube-proxy does.",
        discussion: """
            `proxyd --config FILE` runs as kube-proxy does: it watches the API server (kubeconfig from the \
            file's clientConnection, --kubeconfig, or the pod's service account) and keeps the rules in step, \
            until SIGTERM. With --source PATH it watches manifest files instead. \
            `proxyd --mode iptables --source PATH --once` programs the current network namespace once; \
            `proxyd --mode iptables --cleanup` removes what proxyd (or kube-proxy) programmed. \
            Use `proxyd trace` to ask what happens to a packet and `proxyd render` to see what a backend \
            would program.
            """,
        version: version,
        subcommands: [TraceCommand.self, RenderCommand.self, BenchCommand.self]
    )

    enum VariantChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, nft, legacy
    }

    @OptionGroup var modeOptions: ModeOptions

    @OptionGroup var cluster: ClusterSourceOptions

    @OptionGroup var daemon: DaemonOptions

    @Flag(help: "Program the rules once from --source and exit (non-zero with the kernel's error on failure).")
    var once = false

    @Flag(help: "Remove every rule and chain proxyd (or kube-proxy in this mode) created, and nothing else; then exit.")
    var cleanup = false

    @Option(help: "Which iptables to program: auto (detect the node's, as kube-proxy's image does), nft or legacy.")
    var iptablesVariant: VariantChoice = .auto

    func run() async throws {
        if cleanup { return try cleanUp() }
        if once { return try programOnce() }
        let configuration = try DaemonConfiguration(daemon: daemon, cluster: cluster, mode: modeOptions)
        bootstrapLogging(verbosity: configuration.config.logging.verbosity)
        try await DaemonLauncher(configuration: configuration, cluster: cluster, master: daemon.master, variant: iptablesVariant)
            .run()
    }

    /// `--cleanup`: removes every family's rules of the mode.
    private func cleanUp() throws {
        if modeOptions.mode == .ipvs { throw Failure("mode ipvs cannot program the kernel yet; use iptables or nftables") }
        let variant = modeOptions.mode == .iptables ? BackendFactory.variant(iptablesVariant) : nil
        for family in IPFamily.allCases {
            do {
                if let variant {
                    try IptablesProxier(family: family, variant: variant).cleanup()
                } else {
                    try BackendFactory.nftablesProxier(family: family).cleanup()
                }
            } catch where family == .ipv6 {
                Standard.error.write("proxyd: IPv6 cleanup skipped: \(error)")
            }
        }
    }

    /// `--once`: programs the rules of `--source` and exits.
    private func programOnce() throws {
        _ = try cluster.requiredSource()
        let loaded = try LoadedCluster(cluster, mode: modeOptions.mode)
        let syncs = try BackendFactory.syncs(
            mode: modeOptions.mode, options: loaded.options, variant: iptablesVariant)
        for sync in syncs where sync.family == .ipv4 || loaded.graphs[sync.family]?.ports.isEmpty == false {
            do {
                try sync.sync(loaded.state, changes: StateChanges(), full: false)
            } catch {
                throw Failure("\(sync.family) sync failed: \(error)")
            }
        }
    }

    /// Logs go to standard error; `-v` 2 and up shows debug lines, 5 and up trace lines.
    private func bootstrapLogging(verbosity: Int) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = verbosity >= 5 ? .trace : verbosity >= 2 ? .debug : .info
            return handler
        }
    }
}
