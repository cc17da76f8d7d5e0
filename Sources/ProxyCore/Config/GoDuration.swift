/// A duration written the way Go writes a `time.Duration`: `30s`, `1m0s`, `1h30m`, `250ms`, `0s`.
///
/// Kubernetes configuration files hold durations in this form (`metav1.Duration`). Parsing follows Go's
/// `time.ParseDuration`: an optional sign, then one or more decimal numbers, each with an optional
/// fraction and a unit (`ns`, `us` or `µs`, `ms`, `s`, `m`, `h`); a bare `0` is the only number allowed
/// without a unit. The ``description`` is Go's `Duration.String()`, so a parsed value prints the way
/// kube-proxy prints it (`90s` is `1m30s`). Values are whole nanoseconds within Go's range (±292 years).
public struct GoDuration: Hashable, Sendable, CustomStringConvertible {
    /// The duration.
    public var duration: Duration

    /// Wraps a duration, to print it the Go way.
    public init(_ duration: Duration) {
        self.duration = duration
    }

    /// Parses Go's duration syntax; returns nil when the text is not a duration (`30`, `x`, `1d`).
    public init?(_ text: some StringProtocol) {
        guard let nanoseconds = Self.parse(Substring(text)) else { return nil }
        self.duration = .nanoseconds(nanoseconds)
    }

    /// The duration in nanoseconds, clamped to Go's range.
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, carry) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
        guard !overflow, !carry else { return seconds < 0 ? .min : .max }
        return total
    }

    /// Go's `Duration.String()`: `1h0m0s`, `1m30s`, `30s`, `1.5s`, `500ms`, `1µs`, `0s`, `-5s`.
    public var description: String {
        let value = nanoseconds
        let magnitude = value.magnitude
        let sign = value < 0 ? "-" : ""
        if magnitude == 0 { return "0s" }
        if magnitude < Unit.microsecond { return "\(sign)\(magnitude)ns" }
        if magnitude < Unit.millisecond { return sign + Self.decimal(magnitude, fractionDigits: 3) + "µs" }
        if magnitude < Unit.second { return sign + Self.decimal(magnitude, fractionDigits: 6) + "ms" }
        let wholeSeconds = magnitude / Unit.second
        var text = Self.decimal(magnitude % Unit.minute, fractionDigits: 9) + "s"
        if wholeSeconds >= 60 { text = "\(wholeSeconds / 60 % 60)m" + text }
        if wholeSeconds >= 3600 { text = "\(wholeSeconds / 3600)h" + text }
        return sign + text
    }

    // MARK: - Parsing

    /// Nanoseconds per unit.
    private enum Unit {
        static let microsecond: UInt64 = 1_000
        static let millisecond: UInt64 = 1_000_000
        static let second: UInt64 = 1_000_000_000
        static let minute: UInt64 = 60 * second
        static let hour: UInt64 = 60 * minute

        /// Go's unit names, including both spellings of micro (`µ` U+00B5 and `μ` U+03BC).
        static let byName: [Substring: UInt64] = [
            "ns": 1, "us": microsecond, "µs": microsecond, "μs": microsecond, "ms": millisecond,
            "s": second, "m": minute, "h": hour,
        ]
    }

    private static func parse(_ text: Substring) -> Int64? {
        var rest = text
        var negative = false
        if let first = rest.first, first == "-" || first == "+" {
            negative = first == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        guard !rest.isEmpty else { return nil }
        var total: UInt64 = 0
        while !rest.isEmpty {
            guard let (part, remainder) = parseComponent(rest) else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(part)
            guard !overflow, sum <= UInt64(Int64.max) else { return nil }
            total = sum
            rest = remainder
        }
        return negative ? -Int64(total) : Int64(total)
    }

    /// One `<number>[.<fraction>]<unit>` component, in nanoseconds, and the text after it.
    private static func parseComponent(_ text: Substring) -> (UInt64, Substring)? {
        let integerDigits = text.prefix { $0.isASCII && $0.isNumber }
        var rest = text[integerDigits.endIndex...]
        var fractionDigits: Substring = ""
        if rest.first == "." {
            rest = rest.dropFirst()
            fractionDigits = rest.prefix { $0.isASCII && $0.isNumber }
            rest = rest[fractionDigits.endIndex...]
        }
        guard !integerDigits.isEmpty || !fractionDigits.isEmpty else { return nil }
        let unitName = rest.prefix { !($0.isASCII && $0.isNumber) && $0 != "." }
        guard let unit = Unit.byName[unitName] else { return nil }
        rest = rest[unitName.endIndex...]

        guard let integer = integerDigits.isEmpty ? 0 : UInt64(integerDigits) else { return nil }
        let (whole, overflow) = integer.multipliedReportingOverflow(by: unit)
        guard !overflow else { return nil }
        // As Go: the fraction is scaled in floating point; digits beyond 18 cannot change the result.
        let digits = fractionDigits.prefix(18)
        let fraction = digits.isEmpty ? 0 : UInt64(Double(UInt64(digits)!) * (Double(unit) / pow10(digits.count)))
        let (value, carry) = whole.addingReportingOverflow(fraction)
        guard !carry else { return nil }
        return (value, rest)
    }

    private static func pow10(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1) { value, _ in value * 10 }
    }

    // MARK: - Formatting

    /// `value / 10^fractionDigits` as a decimal without trailing zeros in the fraction (Go's `fmtFrac`).
    private static func decimal(_ value: UInt64, fractionDigits: Int) -> String {
        var scale: UInt64 = 1
        for _ in 0..<fractionDigits { scale *= 10 }
        let integer = value / scale
        var fraction = value % scale
        guard fraction != 0 else { return "\(integer)" }
        var digits = fractionDigits
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let text = String(fraction)
        return "\(integer)." + String(repeating: "0", count: digits - text.count) + text
    }
}
