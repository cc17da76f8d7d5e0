import Foundation

/// Timestamps as Go's `time.Time` marshals them to JSON: RFC 3339 in UTC with up to nine
/// fractional digits, trailing zeros dropped (`2026-11-29T07:01:48.123456789Z`).
enum GoTime {
    /// Go's zero `time.Time`, which upstream reports for a time never set.
    static let zero = "0001-01-01T00:00:00Z"

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// Formats a date, or ``zero`` for nil.
    static func format(_ date: Date?) -> String {
        guard let date else { return zero }
        let interval = date.timeIntervalSince1970
        var seconds = interval.rounded(.down)
        var nanoseconds = Int(((interval - seconds) * 1e9).rounded())
        if nanoseconds >= 1_000_000_000 {
            seconds += 1
            nanoseconds -= 1_000_000_000
        }
        let parts = utcCalendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: seconds))
        var text = pad(parts.year!, 4) + "-" + pad(parts.month!, 2) + "-" + pad(parts.day!, 2) + "T"
            + pad(parts.hour!, 2) + ":" + pad(parts.minute!, 2) + ":" + pad(parts.second!, 2)
        if nanoseconds > 0 {
            var fraction = pad(nanoseconds, 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
