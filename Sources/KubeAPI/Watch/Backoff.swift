/// Exponential backoff with jitter between failed API requests, as client-go's reflector waits
/// (0.8 s doubling to 30 s); it starts over after a success.
public struct Backoff: Sendable {
    public let initial: Duration
    public let maximum: Duration
    private var current: Duration

    public init(initial: Duration = .milliseconds(800), maximum: Duration = .seconds(30)) {
        self.initial = initial
        self.maximum = maximum
        self.current = initial
    }

    /// The next wait: the current step plus up to 100 % jitter, capped at the maximum; doubles the step.
    public mutating func next() -> Duration {
        let wait = min(current * Double.random(in: 1...2), maximum)
        current = min(current * 2, maximum)
        return wait
    }

    /// Starts over at the initial step.
    public mutating func reset() {
        current = initial
    }
}
