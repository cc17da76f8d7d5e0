extension Duration {
    /// The duration in seconds, as Prometheus and time arithmetic on `Date` want it.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
