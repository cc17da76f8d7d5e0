import ProxyCore

/// Checks a scenario's probes against the reference tracer of ``ProxyCore``: no root, no kernel.
///
/// Stages after the first are reached the way a daemon reaches them: the changed objects are
/// applied to the cluster state and the graph is updated incrementally.
public struct TraceRunner: Sendable {
    public init() {}

    /// Runs every probe of every stage. Probes meant for before the first sync are not traced.
    /// - Throws: ``InputError`` when the scenario's objects are invalid.
    public func run(_ scenario: Scenario) throws -> [ProbeReport] {
        var state = try scenario.stages[0].clusterState()
        _ = state.takeChanges()
        let builders = IPFamily.allCases.map { GraphBuilder(options: scenario.options, family: $0) }
        var graphs = builders.map { $0.build(from: state) }
        var reports: [ProbeReport] = []
        for (index, stage) in scenario.stages.enumerated() {
            if index > 0 {
                for key in stage.deleted { state.remove(key) }
                for object in stage.applied { try state.upsert(object) }
                let changes = state.takeChanges()
                graphs = zip(builders, graphs).map { builder, graph in builder.update(graph, from: state, changes: changes).graph }
            }
            let tracers = Dictionary(uniqueKeysWithValues: graphs.map { ($0.family, ReferenceTracer(graph: $0)) })
            for probe in stage.probes {
                let result = tracers[probe.destination.address.family]!.trace(probe.packet)
                let matches = Probe.canonicalVerdict(result.verdict) == Probe.canonicalVerdict(probe.verdict)
                    && result.masquerade == probe.masquerade
                let steps = index == 0 ? result.steps : ["stage: \(stage.name)"] + result.steps
                reports.append(ProbeReport(probe: probe, status: matches ? .passed : .failed, observed: result.verdict,
                                           observedMasquerade: result.masquerade, explanation: steps))
            }
        }
        return reports
    }
}
