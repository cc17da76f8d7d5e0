/// What happened to one probe, next to what was expected.
public struct ProbeReport: Hashable, Sendable, CustomStringConvertible {
    public let probe: Probe
    public let observedVerdict: String
    public let observedMasquerade: Bool
    /// How the runner got there (tracer steps, or packet-level observations).
    public let explanation: [String]

    public init(probe: Probe, observedVerdict: String, observedMasquerade: Bool, explanation: [String]) {
        self.probe = probe
        self.observedVerdict = observedVerdict
        self.observedMasquerade = observedMasquerade
        self.explanation = explanation
    }

    /// Whether the observation matches the expectation (endpoint order does not matter).
    public var passed: Bool {
        Probe.canonicalVerdict(observedVerdict) == Probe.canonicalVerdict(probe.verdict)
            && observedMasquerade == probe.masquerade
    }

    public var description: String {
        let status = passed ? "ok" : "FAIL"
        var text = "\(status) \(probe.name): \(probe.source) -> \(probe.destination)\n"
        text += "  expected: \"\(probe.verdict)\" masquerade=\(probe.masquerade)\n"
        text += "  observed: \"\(observedVerdict)\" masquerade=\(observedMasquerade)"
        if !passed { text += "\n" + explanation.map { "    \($0)" }.joined(separator: "\n") }
        return text
    }
}
