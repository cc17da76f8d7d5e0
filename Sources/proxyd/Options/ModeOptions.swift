import ArgumentParser
import ProxyCore

extension ProxyMode: ExpressibleByArgument {}

/// `--proxy-mode` (alias `--mode`): shared by the root command and `render`, so that ArgumentParser
/// hands the one value to whichever command runs.
struct ModeOptions: ParsableArguments {
    @Option(name: [.customLong("proxy-mode"), .customLong("mode")], help: ArgumentHelp(
        "The backend: iptables, nftables or ipvs. Default: the config file's `mode`, else iptables.",
        valueName: "mode"))
    var given: ProxyMode?

    /// The mode given, or iptables.
    var mode: ProxyMode { given ?? .iptables }
}
