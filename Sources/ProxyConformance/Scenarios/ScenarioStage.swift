import ProxyCore

/// One stage of a scenario: the complete set of objects at that point, and the probes sent then.
///
/// Stage 0 holds the scenario's objects; each later stage is a step that applied and deleted
/// objects (`steps` in the scenario file), after which the backend syncs again.
public struct ScenarioStage: Sendable {
    public let name: String
    public let objects: [KubeObject]
    public let probes: [Probe]
    /// What this stage changed against the previous one (empty for stage 0).
    public let applied: [KubeObject]
    public let deleted: [KubeObject.Key]

    public init(name: String, objects: [KubeObject], probes: [Probe], applied: [KubeObject] = [],
                deleted: [KubeObject.Key] = []) {
        self.name = name
        self.objects = objects
        self.probes = probes
        self.applied = applied
        self.deleted = deleted
    }

    /// The next stage: these objects applied (replacing ones with the same key) and deleted.
    func next(name: String, apply: [KubeObject], delete: [KubeObject.Key], probes: [Probe]) -> ScenarioStage {
        var objects = self.objects.filter { object in !delete.contains(object.key) }
        for object in apply {
            if let index = objects.firstIndex(where: { $0.key == object.key }) {
                objects[index] = object
            } else {
                objects.append(object)
            }
        }
        return ScenarioStage(name: name, objects: objects, probes: probes, applied: apply, deleted: delete)
    }

    /// The cluster state of this stage.
    /// - Throws: the first ``InputError``: a catalog scenario must hold only valid objects.
    public func clusterState() throws -> ClusterState {
        var state = ClusterState()
        for object in objects { try state.upsert(object) }
        return state
    }
}
