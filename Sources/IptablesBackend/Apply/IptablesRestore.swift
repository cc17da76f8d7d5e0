/// The `iptables-restore` command line of one variant and family, as kube-proxy runs it:
/// `--noflush --counters` so that only the chains named in the input change, and `-w 5 -W 100000`
/// to wait for the xtables lock instead of failing.
public struct IptablesRestore: Sendable {
    public let variant: IptablesVariant
    public let ipv6: Bool

    public init(variant: IptablesVariant, ipv6: Bool) {
        self.variant = variant
        self.ipv6 = ipv6
    }

    /// The command line.
    public var arguments: [String] {
        [variant.restoreCommand(ipv6: ipv6), "--noflush", "--counters", "-w", "5", "-W", "100000"]
    }
}
