import ArgumentParser
import ProxyCore

extension ProxyMode: ExpressibleByArgument {}

/// `proxyd render`: what a backend would program for a cluster read from manifests.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print what a backend would program for a cluster read from manifests.",
        discussion: """
            Until a mode's backend renders its own rules, this prints the mode-agnostic service graph \
            every backend renders: per IP family, each service port's frontends, policy and endpoints.
            """
    )

    @Option(name: .long, help: "The backend: iptables, nftables or ipvs.")
    var mode: ProxyMode = .iptables

    @OptionGroup var cluster: ClusterSourceOptions

    func run() throws {
        let loaded = try LoadedCluster(cluster)
        let families = IPFamily.allCases.filter { family in
            family == .ipv4 || loaded.graphs[family]?.ports.isEmpty == false
        }
        for family in families {
            guard let graph = loaded.graphs[family] else { continue }
            Standard.output.write("# mode \(mode.rawValue)")
            Standard.output.write(GraphDump.text(graph))
        }
    }
}
