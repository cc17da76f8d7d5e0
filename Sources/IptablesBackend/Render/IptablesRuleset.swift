/// A restore input for the filter and nat tables: chain lines and rules, in the order written.
///
/// With `iptables-restore --noflush`, a chain line creates or flushes that chain and leaves every
/// other chain alone, so a ruleset may hold only part of the tables (a partial sync).
public struct IptablesRuleset: Hashable, Sendable {
    public var filterChains: [String] = []
    public var filterRules: [String] = []
    public var natChains: [String] = []
    public var natRules: [String] = []
    /// Only the canary chain lives in mangle; written when it is missing.
    public var mangleChains: [String] = []

    public init() {}

    /// The `iptables-restore` input.
    public var restoreText: String {
        var lines: [String] = []
        if !mangleChains.isEmpty { lines += ["*mangle"] + mangleChains.map(IptablesRuleText.chainLine) + ["COMMIT"] }
        lines.append("*filter")
        lines += filterChains.map(IptablesRuleText.chainLine)
        lines += filterRules
        lines += ["COMMIT", "*nat"]
        lines += natChains.map(IptablesRuleText.chainLine)
        lines += natRules
        lines.append("COMMIT")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The number of rules written (for metrics and benchmarks).
    public var ruleCount: Int { filterRules.count + natRules.count }
}
