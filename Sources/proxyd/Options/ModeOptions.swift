import ArgumentParser
import ProxyCore

extension ProxyMode: ExpressibleByArgument {}

/// `--proxy-mode` (alias `--mode`): shared by the root command and `render`, so that ArgumentParser
/// hands the one value to whichever command runs.
struct ModeOptions: ParsableArguments {
    @Option(name: [.customLong("proxy-mode"), .customLong("mode")], help: "The backend: iptables, nftables or ipvs.")
    var mode: ProxyMode = .iptables
}
