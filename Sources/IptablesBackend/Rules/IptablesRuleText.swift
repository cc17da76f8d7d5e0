/// Writes rule arguments the way kube-proxy does: joined by spaces, a comment in double quotes
/// only when it contains a space.
enum IptablesRuleText {
    /// `-m comment --comment X`, quoted like upstream.
    static func comment(_ text: String) -> [String] {
        ["-m", "comment", "--comment", text.contains(" ") ? "\"\(text)\"" : text]
    }

    /// One rule line: `-A CHAIN args...`.
    static func line(chain: String, _ arguments: [String]) -> String {
        (["-A", chain] + arguments).joined(separator: " ")
    }

    /// A chain line: `:CHAIN - [0:0]` (declares the chain; in a restore, also flushes it).
    static func chainLine(_ chain: String) -> String { ":\(chain) - [0:0]" }
}
