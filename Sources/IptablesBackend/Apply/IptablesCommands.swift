import ProxyCore

/// Runs the iptables tools of one variant and family with kube-proxy's wait flags.
public struct IptablesCommands: Sendable {
    public let variant: IptablesVariant
    public let ipv6: Bool
    public let runner: CommandRunner

    public init(variant: IptablesVariant, ipv6: Bool, runner: CommandRunner = .current) {
        self.variant = variant
        self.ipv6 = ipv6
        self.runner = runner
    }

    private var binary: String { "\(ipv6 ? "ip6tables" : "iptables")-\(variant.rawValue)" }

    /// Runs `iptables -w 5 -W 100000 ARGS`; throws ``CommandRunner/Failure`` on a non-zero exit.
    public func run(_ arguments: [String]) throws {
        try runner.run([binary, "-w", "5", "-W", "100000"] + arguments)
    }

    /// Whether `iptables ARGS` succeeds (for `-C` checks and `-N` of an existing chain).
    public func succeeds(_ arguments: [String]) -> Bool {
        (try? run(arguments)) != nil
    }

    /// The output of `iptables-save [ARGS]`; nil when it fails.
    public func save(_ arguments: [String] = []) -> String? {
        try? runner.run([variant.saveCommand(ipv6: ipv6)] + arguments)
    }

    /// The chain names of a table, from `iptables-save -t TABLE`; empty when the table cannot be read.
    public func chains(in table: IptablesTable) -> [String] {
        (save(["-t", table.rawValue]) ?? "").split(separator: "\n").compactMap { line in
            line.hasPrefix(":") ? String(line.dropFirst().split(separator: " ")[0]) : nil
        }
    }

    /// The restore command line, as kube-proxy runs it: `--noflush --counters` so that only the
    /// chains named in the input change, and `-w 5 -W 100000` to wait for the xtables lock.
    public var restoreArguments: [String] {
        [variant.restoreCommand(ipv6: ipv6), "--noflush", "--counters", "-w", "5", "-W", "100000"]
    }

    /// Applies a restore input atomically; throws the tool's error, the tables then unchanged.
    public func restore(_ text: String) throws {
        try runner.run(restoreArguments, input: text)
    }

    /// Sets a per-namespace sysctl (`net.ipv4.conf.all.route_localnet`).
    public func sysctl(_ key: String, _ value: String) throws {
        try runner.run(["sysctl", "-qw", "\(key)=\(value)"])
    }
}
