import ArgumentParser
import IptablesBackend
import NftablesBackend
import ProxyCore

/// `proxyd render`: what a backend would program for a cluster read from manifests.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print what a backend would program for a cluster read from manifests.",
        discussion: """
            iptables: the iptables-restore input of a full sync, per IP family (IPv6 only when the \
            cluster has IPv6 services). nftables: the `proxyd` tables as `nft -f` input. ipvs: \
            until its backend lands, the mode-agnostic service graph every backend renders.
            """
    )

    @OptionGroup var modeOptions: ModeOptions

    @OptionGroup var cluster: ClusterSourceOptions

    func validate() throws { _ = try cluster.requiredSource() }

    func run() throws {
        let loaded = try LoadedCluster(cluster, mode: modeOptions.mode)
        for family in IPFamily.allCases {
            guard let graph = loaded.graphs[family], family == .ipv4 || !graph.ports.isEmpty else { continue }
            switch modeOptions.mode {
            case .iptables:
                Standard.output.write("# \(family) (\(family == .ipv4 ? "iptables" : "ip6tables")-restore input)")
                Standard.output.write(IptablesRenderer(settings: IptablesSettings()).render(graph).ruleset.restoreText,
                                      terminator: "")
            case .nftables:
                Standard.output.write(NftTextRenderer.render(NftablesRenderer().render(graph)), terminator: "")
            case .ipvs:
                Standard.output.write("# mode \(modeOptions.mode.rawValue): service graph")
                Standard.output.write(GraphDump.text(graph))
            }
        }
    }
}
