/// The kernel runner's result for one scenario.
public struct KernelScenarioReport: Sendable, CustomStringConvertible {
    public let scenario: String
    public let backend: String
    /// The prefix of every namespace the run created (all deleted when the run returns).
    public let namespacePrefix: String
    public let probes: [ProbeReport]
    /// The backend's error when it could not program the namespace.
    public let programmingError: String?
    /// The programmed rules, dumped when something failed.
    public let rules: String?

    public var passed: Bool { programmingError == nil && probes.allSatisfy(\.passed) }

    public var description: String {
        var lines = ["scenario \(scenario) on \(backend): \(passed ? "passed" : "FAILED")"]
        if let programmingError { lines.append("  programming failed: \(programmingError)") }
        lines += probes.map { "  " + $0.description.replacingOccurrences(of: "\n", with: "\n  ") }
        if !passed, let rules { lines.append("  rules in the node namespace:\n" + rules.split(separator: "\n").map { "    \($0)" }.joined(separator: "\n")) }
        return lines.joined(separator: "\n")
    }
}
