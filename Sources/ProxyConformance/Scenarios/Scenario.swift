import ProxyCore

/// A conformance scenario: API objects, this node's settings, and probes with expected outcomes,
/// possibly over several stages (objects change, the backend syncs again, probes are sent again).
///
/// Scenarios are data: each is one multi-document YAML file of the catalog (see `Catalog/FORMAT.md`),
/// so the same file is also a valid `--source` for `proxyd trace` and `proxyd render` (which see
/// the first stage).
public struct Scenario: Sendable, CustomStringConvertible {
    public let name: String
    public let summary: String
    /// The upstream kube-proxy test this reproduces, if any.
    public let upstreamTest: String?
    public let options: ProxyOptions
    /// Probes sent before the backend has programmed anything (kernel runs only).
    public let probesBeforeSync: [Probe]
    /// The stages, at least one.
    public let stages: [ScenarioStage]

    public init(name: String, summary: String, upstreamTest: String?, options: ProxyOptions,
                probesBeforeSync: [Probe] = [], stages: [ScenarioStage]) {
        precondition(!stages.isEmpty, "a scenario has at least one stage")
        self.name = name
        self.summary = summary
        self.upstreamTest = upstreamTest
        self.options = options
        self.probesBeforeSync = probesBeforeSync
        self.stages = stages
    }

    /// The objects of the first stage.
    public var objects: [KubeObject] { stages[0].objects }

    /// The probes of the first stage.
    public var probes: [Probe] { stages[0].probes }

    /// The cluster state of the first stage.
    public func clusterState() throws -> ClusterState { try stages[0].clusterState() }

    public var description: String { name }
}
