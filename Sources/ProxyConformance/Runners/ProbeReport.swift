/// What happened to one probe, next to what was expected.
public struct ProbeReport: Hashable, Sendable, CustomStringConvertible {
    /// The probe's result.
    public enum Status: Hashable, Sendable {
        case passed
        case failed
        /// The runner cannot check this probe (the reason says why).
        case skipped(String)
    }

    public let probe: Probe
    public let status: Status
    /// What was observed, in the tracer's vocabulary.
    public let observed: String
    /// Whether the packet was seen masqueraded; nil when that could not be observed.
    public let observedMasquerade: Bool?
    /// How the runner got there (tracer steps, or packet-level observations).
    public let explanation: [String]

    public init(probe: Probe, status: Status, observed: String, observedMasquerade: Bool?, explanation: [String]) {
        self.probe = probe
        self.status = status
        self.observed = observed
        self.observedMasquerade = observedMasquerade
        self.explanation = explanation
    }

    public var passed: Bool { status != .failed }

    public var description: String {
        let status = switch status {
        case .passed: "ok"
        case .failed: "FAIL"
        case .skipped(let reason): "skipped (\(reason))"
        }
        var text = "\(status) \(probe.name): \(probe.source) -> \(probe.destination)"
        guard self.status == .failed else { return text }
        text += "\n  expected: \"\(probe.verdict)\" masquerade=\(probe.masquerade)"
        text += "\n  observed: \"\(observed)\" masquerade=\(observedMasquerade.map { "\($0)" } ?? "unknown")"
        return text + explanation.map { "\n    \($0)" }.joined()
    }
}
