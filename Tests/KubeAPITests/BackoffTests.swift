import Testing
@testable import KubeAPI

@Suite struct BackoffTests {
    @Test func waitsGrowWithJitterAndStopAtTheMaximum() {
        var backoff = Backoff(initial: .seconds(1), maximum: .seconds(10))
        let waits = (0..<8).map { _ in backoff.next() }
        // Step n waits between step and twice the step (the jitter), capped.
        let steps: [Duration] = [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10), .seconds(10), .seconds(10)]
        for (wait, step) in zip(waits, steps) {
            #expect(wait >= step && wait <= min(step * 2, .seconds(10)), "\(wait) for step \(step)")
        }
        #expect(zip(waits, waits.dropFirst()).allSatisfy { $0 <= $1 }, "\(waits)")
        #expect(waits.suffix(3).allSatisfy { $0 == .seconds(10) })
    }

    @Test func resetStartsOver() {
        var backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(30))
        for _ in 0..<10 { _ = backoff.next() }
        #expect(backoff.next() == .seconds(30))
        backoff.reset()
        let wait = backoff.next()
        #expect(wait >= .milliseconds(100) && wait <= .milliseconds(200))
    }

    @Test func theDefaultsAreClientGos() {
        var backoff = Backoff()
        #expect(backoff.initial == .milliseconds(800))
        #expect(backoff.maximum == .seconds(30))
        let first = backoff.next()
        #expect(first >= .milliseconds(800) && first <= .milliseconds(1600))
    }
}
