import ProxyCore

/// Checks a scenario's probes against the reference tracer of ``ProxyCore``: no root, no kernel.
public struct TraceRunner: Sendable {
    public init() {}

    /// Runs every probe of a scenario in every IP family it addresses.
    /// - Throws: ``InputError`` when the scenario's objects are invalid.
    public func run(_ scenario: Scenario) throws -> [ProbeReport] {
        let state = try scenario.clusterState()
        var tracers: [IPFamily: ReferenceTracer] = [:]
        for family in IPFamily.allCases {
            tracers[family] = ReferenceTracer(graph: GraphBuilder(options: scenario.options, family: family).build(from: state))
        }
        return scenario.probes.map { probe in
            let result = tracers[probe.destination.address.family]!.trace(probe.packet)
            let matches = Probe.canonicalVerdict(result.verdict) == Probe.canonicalVerdict(probe.verdict)
                && result.masquerade == probe.masquerade
            return ProbeReport(probe: probe, status: matches ? .passed : .failed, observed: result.verdict,
                               observedMasquerade: result.masquerade, explanation: result.steps)
        }
    }
}
