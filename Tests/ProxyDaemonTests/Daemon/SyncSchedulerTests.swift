import Synchronization
import Testing
@testable import ProxyDaemon

/// The bounded-frequency runner: requests within the minimum interval collapse into one sync,
/// the maximum interval syncs without requests, and a failed sync is retried.
@Suite struct SyncSchedulerTests {
    @Test func requestsCollapseAndPeriodicSyncsRun() async throws {
        let scheduler = SyncScheduler(minInterval: .seconds(1), maxInterval: .seconds(3))
        let runs = Mutex(0)
        let task = Task { await scheduler.run { runs.withLock { $0 += 1 }; return true } }
        defer { task.cancel() }
        #expect(runs.withLock { $0 } == 0, "no sync before a request")
        for _ in 0..<20 { await scheduler.request() }
        try await Task.sleep(for: .milliseconds(300))
        #expect(runs.withLock { $0 } == 1, "the first request syncs at once")
        for _ in 0..<20 { await scheduler.request() }
        #expect(runs.withLock { $0 } == 1, "requests within minSyncPeriod wait")
        try await Task.sleep(for: .milliseconds(1500))
        #expect(runs.withLock { $0 } == 2, "and then run once for all of them")
        try await Task.sleep(for: .milliseconds(3500))
        #expect(runs.withLock { $0 } >= 3, "syncPeriod syncs without requests")
    }

    @Test func aFailedSyncIsRetried() async throws {
        let scheduler = SyncScheduler(minInterval: .milliseconds(10), maxInterval: .seconds(60))
        let runs = Mutex(0)
        let task = Task { await scheduler.run { runs.withLock { $0 += 1; return $0 >= 2 } } }
        defer { task.cancel() }
        await scheduler.request()
        let deadline = ContinuousClock.now + .seconds(5)
        while runs.withLock({ $0 }) < 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(runs.withLock { $0 } == 2, "retried after about a second, without a new request")
    }
}
