/// A wake-up call between tasks: ``raise()`` wakes the one waiter, or, with none waiting, makes
/// the next ``wait(until:)`` return at once. Raises while nobody waits collapse into one.
actor SyncSignal {
    private var raised = false
    private var waiter: (continuation: CheckedContinuation<Bool, Never>, generation: Int)?
    private var generation = 0

    /// Wakes the waiter, or leaves the signal raised for the next one.
    func raise() {
        if let waiter {
            self.waiter = nil
            waiter.continuation.resume(returning: true)
        } else {
            raised = true
        }
    }

    /// Lowers the signal: raises until now are taken care of.
    func clear() {
        raised = false
    }

    /// Waits until the signal is raised, the deadline passes or the task is cancelled.
    /// - Returns: whether the signal was raised (false on deadline or cancellation).
    @discardableResult
    func wait(until deadline: ContinuousClock.Instant?) async -> Bool {
        if raised {
            raised = false
            return true
        }
        if Task.isCancelled { return false }
        generation += 1
        let current = generation
        // The timer and the cancellation handler reach the actor only once this task is suspended
        // below, so the waiter is always in place when they look for it.
        let timer = deadline.map { deadline in
            Task {
                try? await Task.sleep(until: deadline)
                await self.expire(current)
            }
        }
        defer { timer?.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { waiter = ($0, current) }
        } onCancel: {
            Task { await self.expire(current) }
        }
    }

    private func expire(_ waitGeneration: Int) {
        guard let waiter, waiter.generation == waitGeneration else { return }
        self.waiter = nil
        waiter.continuation.resume(returning: false)
    }
}
