/// When to sync: kube-proxy's bounded-frequency runner.
///
/// A sync runs soon after it is requested, but never sooner than ``minInterval`` after the
/// previous one (changes that arrive meanwhile are batched into one sync: each sync reads the whole state), and at least every
/// ``maxInterval`` even without requests. A failed sync is retried after a backoff that starts
/// at `minInterval` (at least one second) and doubles up to `maxInterval`.
public final class SyncScheduler: Sendable {
    /// kube-proxy's `minSyncPeriod`.
    public let minInterval: Duration
    /// kube-proxy's `syncPeriod`.
    public let maxInterval: Duration
    private let signal = SyncSignal()

    public init(minInterval: Duration, maxInterval: Duration) {
        self.minInterval = minInterval
        self.maxInterval = maxInterval
    }

    /// Asks for a sync as soon as the minimum interval allows.
    public func request() async {
        await signal.raise()
    }

    /// Runs `sync` on schedule until the task is cancelled. `sync` returns whether it succeeded.
    /// The first run waits for a request.
    public func run(_ sync: () async -> Bool) async {
        var lastRun: ContinuousClock.Instant?
        var retryAt: ContinuousClock.Instant?
        var retryDelay = max(minInterval, .seconds(1))
        while !Task.isCancelled {
            let periodic = lastRun.map { $0 + maxInterval }
            let deadline = [periodic, retryAt].compactMap { $0 }.min()
            await signal.wait(until: deadline)
            if Task.isCancelled { return }
            if let lastRun, ContinuousClock.now < lastRun + minInterval {
                try? await Task.sleep(until: lastRun + minInterval)
                if Task.isCancelled { return }
            }
            await signal.clear()
            lastRun = .now
            if await sync() {
                retryAt = nil
                retryDelay = max(minInterval, .seconds(1))
            } else {
                retryAt = .now + retryDelay
                retryDelay = min(retryDelay * 2, max(maxInterval, .seconds(1)))
            }
        }
    }
}
