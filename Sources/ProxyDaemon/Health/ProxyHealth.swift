import Foundation
import ProxyCore
import Synchronization

/// Whether the proxy's rules are current and whether this node should get load-balancer traffic:
/// the state of upstream's `ProxyHealthServer` (`pkg/proxy/healthcheck/proxy_health.go`).
///
/// The sync loop calls ``updated(_:)`` when a family's proxier starts (in case its first sync
/// never succeeds) and after every successful sync, and ``queuedUpdate(_:)`` whenever a change
/// is queued. The proxy is unhealthy while some family that synced before has had an update
/// queued for longer than the timeout; families that never synced are not judged.
public final class ProxyHealth: Sendable {
    /// How node eligibility is judged when no Node object is known.
    public enum NodePolicy: Hashable, Sendable {
        /// The node is watched through the API: until its Node object is seen, it is not eligible.
        case requireNode
        /// There is no Node object to watch (proxyd runs from manifest files): the node is
        /// eligible unless a Node given to ``ProxyHealth/setNode(_:)`` is being removed.
        case assumeEligible
    }

    private struct State {
        var lastUpdated: [IPFamily: Date] = [:]
        var oldestPendingQueued: [IPFamily: Date] = [:]
        var node: NodeInfo?
    }

    /// How long a queued update may stay pending before the proxy is unhealthy (2 × syncPeriod).
    public let timeout: Duration
    private let nodePolicy: NodePolicy
    private let now: @Sendable () -> Date
    private let state = Mutex(State())

    /// - Parameters:
    ///   - timeout: how long a queued update may stay pending; upstream uses 2 × syncPeriod.
    ///   - nodePolicy: how a missing Node object is judged.
    ///   - now: the clock; tests inject their own.
    public init(
        timeout: Duration, nodePolicy: NodePolicy = .requireNode, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.timeout = timeout
        self.nodePolicy = nodePolicy
        self.now = now
    }

    /// Notes that a change for a family was queued: starts the timeout unless one is already running.
    public func queuedUpdate(_ family: IPFamily) {
        let time = now()
        state.withLock { state in
            if state.oldestPendingQueued[family] == nil { state.oldestPendingQueued[family] = time }
        }
    }

    /// Notes that a family's rules are current: clears its pending update and records the time.
    public func updated(_ family: IPFamily) {
        let time = now()
        state.withLock { state in
            state.oldestPendingQueued[family] = nil
            state.lastUpdated[family] = time
        }
    }

    /// Sets this node's Node object; nil when it does not exist (or was deleted).
    public func setNode(_ node: NodeInfo?) {
        state.withLock { $0.node = node }
    }

    /// Whether no family has an update pending for longer than the timeout.
    public var isHealthy: Bool { snapshot().isHealthy }

    /// Whether this node may receive load-balancer traffic: its Node exists (or is not required)
    /// and is neither being deleted nor tainted `ToBeDeletedByClusterAutoscaler`.
    public var isNodeEligible: Bool {
        let node = state.withLock { $0.node }
        guard let node else { return nodePolicy == .assumeEligible }
        return !node.isBeingRemoved
    }

    /// The `/healthz` answer: 200 only when healthy and the node is eligible.
    public func healthzReport() -> HealthReport {
        let snapshot = snapshot()
        let nodeEligible = isNodeEligible
        let isOK = snapshot.isHealthy && nodeEligible
        return HealthReport(isOK: isOK, json: snapshot.json(succeeded: isOK, nodeEligible: nodeEligible))
    }

    /// The `/livez` answer: 200 when healthy, whatever the node's eligibility.
    public func livezReport() -> HealthReport {
        let snapshot = snapshot()
        let isOK = snapshot.isHealthy
        return HealthReport(isOK: isOK, json: snapshot.json(succeeded: isOK, nodeEligible: nil))
    }

    private func snapshot() -> HealthSnapshot {
        let currentTime = now()
        let timeout = timeout.seconds
        return state.withLock { state in
            let status = state.lastUpdated.sorted { $0.key.rawValue < $1.key.rawValue }.map { family, lastUpdated in
                let pending = state.oldestPendingQueued[family]
                let late = pending.map { currentTime.timeIntervalSince($0) >= timeout } ?? false
                return HealthSnapshot.FamilyStatus(family: family, lastUpdated: lastUpdated, isHealthy: !late)
            }
            return HealthSnapshot(
                isHealthy: status.allSatisfy(\.isHealthy), lastUpdated: state.lastUpdated.values.max(),
                currentTime: currentTime, status: status)
        }
    }
}
