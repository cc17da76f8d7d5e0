import Synchronization
import Testing
@testable import ProxyDaemon

/// The bounded-frequency runner: requests within the minimum interval collapse into one sync,
/// the maximum interval syncs without requests, and a failed sync is retried.
///
/// Other suites block the cooperative threads at times (they wait for processes), so waits
/// here have generous deadlines and the assertions are about order and counts, not about time.
@Suite struct SyncSchedulerTests {
    /// Sync start times, recorded by the sync closure.
    private final class Runs: Sendable {
        let starts = Mutex<[ContinuousClock.Instant]>([])
        var count: Int { starts.withLock { $0.count } }
        func record() { starts.withLock { $0.append(.now) } }
    }

    private static func eventually(_ condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(60)
        while !condition(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        return condition()
    }

    @Test func requestsWithinTheMinimumIntervalCollapseIntoOneSync() async throws {
        let scheduler = SyncScheduler(minInterval: .seconds(1), maxInterval: .seconds(120))
        let runs = Runs()
        let task = Task { await scheduler.run { runs.record(); return true } }
        defer { task.cancel() }
        #expect(runs.count == 0, "no sync before a request")
        await scheduler.request()
        #expect(try await Self.eventually { runs.count == 1 }, "a request syncs")
        for _ in 0..<20 { await scheduler.request() }
        #expect(try await Self.eventually { runs.count == 2 }, "the requests are served")
        try await Task.sleep(for: .milliseconds(1500))
        #expect(runs.count == 2, "twenty requests made one sync")
        let starts = runs.starts.withLock { $0 }
        #expect(starts[1] - starts[0] >= .seconds(1), "never sooner than minSyncPeriod after the last sync")
    }

    @Test func theMaximumIntervalSyncsWithoutRequests() async throws {
        let scheduler = SyncScheduler(minInterval: .milliseconds(10), maxInterval: .milliseconds(200))
        let runs = Runs()
        let task = Task { await scheduler.run { runs.record(); return true } }
        defer { task.cancel() }
        await scheduler.request()
        #expect(try await Self.eventually { runs.count >= 3 }, "syncPeriod syncs without requests")
    }

    @Test func aFailedSyncIsRetried() async throws {
        let scheduler = SyncScheduler(minInterval: .milliseconds(10), maxInterval: .seconds(120))
        let runs = Runs()
        let task = Task { await scheduler.run { runs.record(); return runs.count >= 2 } }
        defer { task.cancel() }
        await scheduler.request()
        #expect(try await Self.eventually { runs.count == 2 }, "retried without a new request")
    }
}
