import Testing
@testable import ProxyCore

@Suite struct GoDurationTests {
    @Test(arguments: [
        ("1m0s", Duration.seconds(60)), ("30s", .seconds(30)), ("1h0m0s", .seconds(3600)),
        ("500ms", .milliseconds(500)), ("0s", .zero), ("0", .zero), ("1h30m", .seconds(5400)),
        ("250ms", .milliseconds(250)), ("1.5s", .milliseconds(1500)), ("-1s", .seconds(-1)), ("+2m", .seconds(120)),
        ("1us", .microseconds(1)), ("1µs", .microseconds(1)), ("1μs", .microseconds(1)), ("7ns", .nanoseconds(7)),
        ("2h45m30.5s", .milliseconds(9_930_500)), (".5m", .seconds(30)), ("1.s", .seconds(1)),
        ("24h0m0s", .seconds(86400)),
    ])
    func parses(text: String, expected: Duration) throws {
        #expect(try #require(GoDuration(text)).duration == expected)
    }

    @Test(arguments: ["30", "x", "", "-", "1d", "s", ".s", "1s30", "1 s", "--1s", "9999999999h", "1h-1m"])
    func rejects(text: String) {
        #expect(GoDuration(text) == nil)
    }

    @Test(arguments: [
        (Duration.seconds(60), "1m0s"), (.seconds(30), "30s"), (.seconds(3600), "1h0m0s"),
        (.milliseconds(500), "500ms"),
        (.zero, "0s"), (.seconds(5400), "1h30m0s"), (.seconds(90), "1m30s"), (.milliseconds(1500), "1.5s"),
        (.seconds(-5), "-5s"), (.microseconds(1), "1µs"), (.nanoseconds(1500), "1.5µs"), (.nanoseconds(7), "7ns"),
        (.nanoseconds(1_000_000_001), "1.000000001s"), (.seconds(86400), "24h0m0s"), (.milliseconds(-250), "-250ms"),
    ])
    func printsLikeGo(duration: Duration, expected: String) {
        #expect(GoDuration(duration).description == expected)
    }

    @Test func roundTripsThroughItsDescription() throws {
        for text in ["1h2m3.456789s", "15m0s", "1.234ms", "-3h0m0s"] {
            let parsed = try #require(GoDuration(text))
            #expect(GoDuration(parsed.description) == parsed)
        }
    }
}
