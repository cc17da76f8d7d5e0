import Foundation

/// The `--probability` value of a load-balancing rule, printed as Go's `%0.10f`.
enum Probability {
    static func format(_ value: Double) -> String {
        String(format: "%0.10f", value)
    }
}
