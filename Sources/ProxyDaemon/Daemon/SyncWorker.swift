import Dispatch
import ProxyCore

/// Runs the per-family syncs on a thread of their own, one at a time.
///
/// A sync blocks (it waits for `iptables-restore`, or the kernel's netlink answer), so it must not
/// hold one of the few threads Swift's concurrency runs on. The syncs are only touched on the
/// worker's serial queue, which is what makes the class safe to share.
public final class SyncWorker: @unchecked Sendable {
    /// The result of one family's sync.
    public struct Result: Sendable {
        public let family: IPFamily
        /// The outcome, or the backend's error.
        public let outcome: Swift.Result<SyncOutcome, any Error>
        /// Whether the sync was (or was meant to be) full.
        public let full: Bool
        public let duration: Duration
    }

    private let queue = DispatchQueue(label: "proxyd.sync")
    private let syncs: [any GraphSyncing]
    /// The families synced, in order.
    public let families: [IPFamily]
    /// The backend's name.
    public let backendName: String

    /// Takes ownership of the syncs, one per IP family.
    public init(syncs: sending [any GraphSyncing]) {
        self.syncs = syncs
        self.families = syncs.map(\.family)
        self.backendName = syncs.first?.backendName ?? "none"
    }

    /// Syncs every family with the state; a failure of one family does not stop the others.
    public func sync(_ state: ClusterState, changes: StateChanges) async -> [Result] {
        await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: self.syncs.map { sync in
                    let start = ContinuousClock.now
                    let outcome = Swift.Result { try sync.sync(state, changes: changes, full: false) }
                    return Result(family: sync.family, outcome: outcome, full: sync.lastAttemptWasFull,
                                  duration: .now - start)
                })
            }
        }
    }
}
