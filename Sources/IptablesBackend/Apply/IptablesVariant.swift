import ProxyCore

/// Which iptables implementation the node uses: the nf_tables-based one or the legacy x_tables one.
///
/// Rules written with one are invisible to the other, so proxyd must use the node's. Detection
/// follows the iptables-wrapper script that kube-proxy's image runs: kubelet (1.24+) creates a
/// `KUBE-IPTABLES-HINT` chain (older ones a `KUBE-KUBELET-CANARY` chain) in the mangle table of
/// the variant it uses; without either, the variant holding more rules wins, and nft on a tie.
public enum IptablesVariant: String, Hashable, Sendable, CaseIterable {
    case nft
    case legacy

    /// The restore command of this variant and IP family.
    public func restoreCommand(ipv6: Bool) -> String {
        "\(ipv6 ? "ip6tables" : "iptables")-\(rawValue)-restore"
    }

    /// The save command of this variant and IP family.
    public func saveCommand(ipv6: Bool) -> String {
        "\(ipv6 ? "ip6tables" : "iptables")-\(rawValue)-save"
    }

    /// Detects the variant of a network namespace.
    public static func detect(runner: CommandRunner = .current) -> IptablesVariant {
        func save(_ variant: IptablesVariant, _ arguments: [String]) -> String {
            (try? runner.run([variant.saveCommand(ipv6: false)] + arguments)) ?? ""
        }
        // `iptables-legacy-save -t mangle` would create the legacy mangle table: read all tables there.
        let mangle = [IptablesVariant.nft: save(.nft, ["-t", "mangle"]), .legacy: save(.legacy, [])]
        for hint in ["KUBE-IPTABLES-HINT", "KUBE-KUBELET-CANARY"] {
            for variant in [IptablesVariant.nft, .legacy] where mangle[variant]!.contains(":\(hint) ") {
                return variant
            }
        }
        func ruleCount(_ variant: IptablesVariant) -> Int {
            save(variant, []).split(separator: "\n").filter { $0.hasPrefix("-") }.count
        }
        return ruleCount(.legacy) > ruleCount(.nft) ? .legacy : .nft
    }
}
