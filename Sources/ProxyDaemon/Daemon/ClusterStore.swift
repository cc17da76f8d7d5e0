import Foundation
import KubeAPI
import ProxyCore

/// The daemon's cluster state, fed by a source and read by the sync loop.
///
/// It knows when the first complete lists are in (nothing is programmed before), counts the
/// changes for metrics, and keeps the EndpointSlice trigger times that the network programming
/// latency is measured from.
actor ClusterStore {
    /// EndpointSlice annotation with the time of the change that triggered the slice's update.
    static let triggerTimeAnnotation = "endpoints.kubernetes.io/last-change-trigger-time"

    /// What the sync loop takes: the state, what changed since the last take, and trigger times.
    struct Snapshot: Sendable {
        let state: ClusterState
        let changes: StateChanges
        let triggerTimes: [Date]
    }

    /// Change counts of one update, for the `*_changes_total` metrics.
    struct Counts: Sendable {
        var services = 0
        var endpoints = 0
    }

    private var state = ClusterState()
    private var listedKinds: Set<String> = []
    private let requiredKinds: Set<String>
    private var triggerTimes: [Date] = []
    private var pendingCounts = Counts()

    init(requiredKinds: Set<String>) {
        self.requiredKinds = requiredKinds
    }

    /// Whether every required kind has been listed once.
    var isReady: Bool { requiredKinds.isSubset(of: listedKinds) }

    /// The Node object of this node, if known.
    func node(named name: String) -> NodeInfo? { state.nodes[name] }

    /// Whether the state changed since the last snapshot.
    var hasPendingChanges: Bool { state.hasPendingChanges }

    /// Changes counted since the last snapshot (the `*_changes_pending` gauges).
    var pending: Counts { pendingCounts }

    /// Applies one update.
    /// - Returns: the errors of objects that were skipped (to log), and the changes counted.
    func apply(_ update: ResourceUpdate) -> (errors: [InputError], counts: Counts) {
        var errors: [InputError] = []
        var counts = Counts()
        func count(_ kind: String, _ amount: Int = 1) {
            if kind == "Service" { counts.services += amount }
            if kind == "EndpointSlice" { counts.endpoints += amount }
        }
        switch update {
        case .replaced(let kind, let objects, let unreadable, let listErrors):
            let before = state.keys(ofKind: kind)
            errors = listErrors + state.replaceAll(ofKind: kind, with: objects, unreadable: unreadable)
            listedKinds.insert(kind)
            count(kind, before.symmetricDifference(state.keys(ofKind: kind)).count)
            objects.forEach(noteTriggerTime)
        case .upserted(let object):
            do {
                try state.upsert(object)
                count(object.key.kind)
                noteTriggerTime(object)
            } catch let error as InputError {
                errors.append(error)
            } catch {
                errors.append(InputError(object: object.displayName, message: "\(error)"))
            }
        case .deleted(let key):
            state.remove(key)
            count(key.kind)
        case .skipped(let error):
            errors.append(error)
        }
        pendingCounts.services += counts.services
        pendingCounts.endpoints += counts.endpoints
        return (errors, counts)
    }

    /// Takes the state and the changes since the last snapshot.
    func snapshot() -> Snapshot {
        let changes = state.takeChanges()
        defer {
            triggerTimes = []
            pendingCounts = Counts()
        }
        return Snapshot(state: state, changes: changes, triggerTimes: triggerTimes)
    }

    private func noteTriggerTime(_ object: KubeObject) {
        guard case .endpointSlice(let slice) = object,
              let text = slice.metadata.annotations?[Self.triggerTimeAnnotation],
              let time = ISO8601DateFormatter().date(from: text)
        else { return }
        triggerTimes.append(time)
    }
}
