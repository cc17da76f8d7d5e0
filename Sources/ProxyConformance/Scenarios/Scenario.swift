import ProxyCore

/// A conformance scenario: API objects, this node's settings, and probes with expected outcomes.
///
/// Scenarios are data: each is one multi-document YAML file of the catalog (see `Catalog/FORMAT.md`),
/// so the same file is also a valid `--source` for `proxyd trace` and `proxyd render`.
public struct Scenario: Sendable, CustomStringConvertible {
    public let name: String
    public let summary: String
    /// The upstream kube-proxy test this reproduces, if any.
    public let upstreamTest: String?
    public let objects: [KubeObject]
    public let options: ProxyOptions
    public let probes: [Probe]

    public init(name: String, summary: String, upstreamTest: String?, objects: [KubeObject], options: ProxyOptions,
                probes: [Probe]) {
        self.name = name
        self.summary = summary
        self.upstreamTest = upstreamTest
        self.objects = objects
        self.options = options
        self.probes = probes
    }

    /// The cluster state of the scenario's objects.
    /// - Throws: the first ``InputError``: a catalog scenario must hold only valid objects.
    public func clusterState() throws -> ClusterState {
        var state = ClusterState()
        for object in objects { try state.upsert(object) }
        return state
    }

    public var description: String { name }
}
