/// Something that keeps one IP family of the kernel in step with the cluster state: a
/// ``GraphSync`` of any backend, seen without its backend type (what a daemon loop drives).
public protocol GraphSyncing: AnyObject {
    /// The IP family it programs.
    var family: IPFamily { get }
    /// The backend's name (`iptables`, ...).
    var backendName: String { get }
    /// The graph the kernel holds, or nil when unknown.
    var applied: ServiceGraph? { get }
    /// Whether the next sync will be full (asks the backend, which may read the kernel).
    var nextSyncIsFull: Bool { get }
    /// Whether the last sync, successful or not, was full.
    var lastAttemptWasFull: Bool { get }
    /// Syncs the kernel with the state; see ``GraphSync/sync(_:changes:full:)``.
    @discardableResult
    func sync(_ state: ClusterState, changes: StateChanges, full: Bool) throws -> SyncOutcome
}

/// The result of one sync.
public struct SyncOutcome: Sendable {
    public let graph: ServiceGraph
    public let diff: GraphDiff
    /// Whether everything was rendered (first sync, after a failure, or asked for).
    public let full: Bool
}
