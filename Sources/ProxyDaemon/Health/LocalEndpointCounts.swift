import ProxyCore
import Synchronization

/// The number of local ready endpoints of each service, shared between the sync loop that sets
/// them and the health-check servers that report them.
final class LocalEndpointCounts: Sendable {
    private let counts = Mutex<[NamespacedName: Int]>([:])

    /// A service's count; 0 when unknown.
    subscript(service: NamespacedName) -> Int {
        counts.withLock { $0[service] ?? 0 }
    }

    /// Replaces every count.
    func replace(with newCounts: [NamespacedName: Int]) {
        counts.withLock { $0 = newCounts }
    }
}
