/// Runs the iptables tools of one variant and family with kube-proxy's wait flags.
public struct IptablesCommands: Sendable {
    public let variant: IptablesVariant
    public let ipv6: Bool

    public init(variant: IptablesVariant, ipv6: Bool) {
        self.variant = variant
        self.ipv6 = ipv6
    }

    private var binary: String { "\(ipv6 ? "ip6tables" : "iptables")-\(variant.rawValue)" }

    /// Runs `iptables -w 5 -W 100000 ARGS`; throws ``IptablesRestore/Failure`` on a non-zero exit.
    public func run(_ arguments: [String]) throws {
        try IptablesRestore.run([binary, "-w", "5", "-W", "100000"] + arguments, input: "")
    }

    /// Whether `iptables ARGS` succeeds (for `-C` checks and `-N` of an existing chain).
    public func succeeds(_ arguments: [String]) -> Bool {
        (try? run(arguments)) != nil
    }

    /// The chain names of a table, from `iptables-save -t TABLE`; empty when the table cannot be read.
    public func chains(in table: IptablesTable) -> [String] {
        let text = IptablesVariant.runSave(variant.saveCommand(ipv6: ipv6), ["-t", table.rawValue]) ?? ""
        return text.split(separator: "\n").compactMap { line in
            line.hasPrefix(":") ? String(line.dropFirst().split(separator: " ")[0]) : nil
        }
    }

    /// Applies a restore input atomically.
    public func restore(_ text: String) throws {
        try IptablesRestore(variant: variant, ipv6: ipv6).apply(text)
    }
}
