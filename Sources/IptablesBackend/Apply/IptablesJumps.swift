/// The rules that send packets from the built-in chains into kube-proxy's chains, and the canary
/// chains, exactly as upstream installs them (inserted at the top, each only once).
enum IptablesJumps {
    struct Jump {
        let table: IptablesTable
        let source: String
        let target: String
        let extra: [String]
        let comment: String?

        /// The rule's arguments after the chain name.
        var arguments: [String] {
            extra + (comment.map { ["-m", "comment", "--comment", $0] } ?? []) + ["-j", target]
        }
    }

    private static let new = ["-m", "conntrack", "--ctstate", "NEW"]

    /// In upstream's installation order.
    static let all: [Jump] = [
        Jump(table: .filter, source: "INPUT", target: "KUBE-EXTERNAL-SERVICES", extra: new,
             comment: "kubernetes externally-visible service portals"),
        Jump(table: .filter, source: "FORWARD", target: "KUBE-EXTERNAL-SERVICES", extra: new,
             comment: "kubernetes externally-visible service portals"),
        Jump(table: .filter, source: "INPUT", target: "KUBE-NODEPORTS", extra: [],
             comment: "kubernetes health check service ports"),
        Jump(table: .filter, source: "FORWARD", target: "KUBE-SERVICES", extra: new, comment: "kubernetes service portals"),
        Jump(table: .filter, source: "OUTPUT", target: "KUBE-SERVICES", extra: new, comment: "kubernetes service portals"),
        Jump(table: .filter, source: "FORWARD", target: "KUBE-FORWARD", extra: [], comment: "kubernetes forwarding rules"),
        Jump(table: .filter, source: "INPUT", target: "KUBE-PROXY-FIREWALL", extra: new,
             comment: "kubernetes load balancer firewall"),
        Jump(table: .filter, source: "OUTPUT", target: "KUBE-PROXY-FIREWALL", extra: new,
             comment: "kubernetes load balancer firewall"),
        Jump(table: .filter, source: "FORWARD", target: "KUBE-PROXY-FIREWALL", extra: new,
             comment: "kubernetes load balancer firewall"),
        Jump(table: .nat, source: "OUTPUT", target: "KUBE-SERVICES", extra: [], comment: "kubernetes service portals"),
        Jump(table: .nat, source: "PREROUTING", target: "KUBE-SERVICES", extra: [], comment: "kubernetes service portals"),
        Jump(table: .nat, source: "POSTROUTING", target: "KUBE-POSTROUTING", extra: [], comment: "kubernetes postrouting rules"),
        Jump(table: .filter, source: "INPUT", target: "KUBE-FIREWALL", extra: [], comment: nil),
        Jump(table: .filter, source: "OUTPUT", target: "KUBE-FIREWALL", extra: [], comment: nil),
    ]

    /// The chain whose disappearance means someone flushed the tables: a full sync follows.
    static let canary = "KUBE-PROXY-CANARY"
    static let canaryTables: [IptablesTable] = [.mangle, .nat, .filter]

    /// Top-level chains kube-proxy owns (KUBE-FIREWALL is shared with kubelet and left alone).
    static let ownedTopLevel: [IptablesTable: [String]] = [
        .filter: ["KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES", "KUBE-FORWARD", "KUBE-NODEPORTS", "KUBE-PROXY-FIREWALL"],
        .nat: ["KUBE-SERVICES", "KUBE-NODEPORTS", "KUBE-POSTROUTING", "KUBE-MARK-MASQ"],
    ]

    /// Prefixes of per-service nat chains.
    static let serviceChainPrefixes = ["KUBE-SVC-", "KUBE-SVL-", "KUBE-EXT-", "KUBE-FW-", "KUBE-SEP-"]

    static func isServiceChain(_ chain: String) -> Bool {
        serviceChainPrefixes.contains(where: chain.hasPrefix)
    }
}
