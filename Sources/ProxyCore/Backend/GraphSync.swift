/// Keeps one backend in step with the cluster state: builds or updates the graph, renders the
/// change, applies it, and remembers what was applied.
///
/// A sync is full (rendered against no previous graph, so the backend writes everything) when it
/// is the first one, follows a failure, is asked to be, finds the backend's kernel state tampered
/// with (``ProxyBackend/requiresFullSync``), or when ``fullSyncPeriod`` has passed since the last
/// full one (upstream resyncs fully every hour). Otherwise only the changed services are rebuilt
/// and rendered.
public final class GraphSync<Backend: ProxyBackend>: GraphSyncing {
    public let backend: Backend
    public let builder: GraphBuilder
    /// How long incremental syncs may go on before a full one.
    public let fullSyncPeriod: Duration
    /// The graph the kernel holds, or nil when unknown (before the first sync, after a failure).
    public private(set) var applied: ServiceGraph?
    /// Whether the last sync, successful or not, was full.
    public private(set) var lastAttemptWasFull = false
    private var lastFullSync: ContinuousClock.Instant?

    public init(backend: Backend, options: ProxyOptions, fullSyncPeriod: Duration = .seconds(3600)) {
        self.backend = backend
        self.builder = GraphBuilder(options: options, family: backend.family)
        self.fullSyncPeriod = fullSyncPeriod
    }

    public var family: IPFamily { backend.family }
    public var backendName: String { backend.name }

    /// Whether the next sync will be full.
    public var nextSyncIsFull: Bool {
        guard applied != nil, let lastFullSync else { return true }
        return ContinuousClock.now - lastFullSync >= fullSyncPeriod || backend.requiresFullSync
    }

    /// The result of one sync.
    public typealias Outcome = SyncOutcome

    /// Syncs the backend with the state.
    /// - Parameters:
    ///   - state: the cluster state.
    ///   - changes: what changed since the last sync (from ``ClusterState/takeChanges()``).
    ///   - full: render everything even if an applied graph is known.
    /// - Throws: the backend's error; the next sync is then full.
    @discardableResult
    public func sync(_ state: ClusterState, changes: StateChanges, full: Bool = false) throws -> Outcome {
        let graph: ServiceGraph
        let diff: GraphDiff
        let isFull = full || nextSyncIsFull
        if var updated = applied, !isFull {
            // Let go of the applied graph first, so that the update changes it in place.
            applied = nil
            diff = builder.update(&updated, from: state, changes: changes)
            graph = updated
        } else {
            graph = builder.build(from: state)
            diff = GraphDiff.between(nil, graph)
        }
        lastAttemptWasFull = isFull || diff.nodeChanged
        do {
            let plan = try backend.render(graph, diff: diff)
            try backend.apply(plan)
        } catch {
            applied = nil
            throw error
        }
        applied = graph
        if isFull || diff.nodeChanged { lastFullSync = ContinuousClock.now }
        return Outcome(graph: graph, diff: diff, full: lastAttemptWasFull)
    }
}
