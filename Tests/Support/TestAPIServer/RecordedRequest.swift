import Foundation

/// A request the test API server received, for assertions such as "the client listed again".
public struct RecordedRequest: Sendable, Equatable, CustomStringConvertible {
    /// `GET`, `POST`, ...
    public let method: String
    /// The path without the query: `/api/v1/services`.
    public let path: String
    /// The decoded query parameters: `["watch": "true", "resourceVersion": "12"]`.
    public let parameters: [String: String]
    /// The path and the query as sent: `/api/v1/services?watch=true&resourceVersion=12`.
    public let uri: String

    /// Whether this is a watch (`watch=true` or `watch=1`).
    public var isWatch: Bool {
        parameters["watch"] == "true" || parameters["watch"] == "1"
    }

    /// Whether this is a list: a GET of a collection that is not a watch.
    public var isList: Bool {
        method == "GET" && !isWatch && ResourcePath(path: path)?.name == nil
    }

    public var description: String { "\(method) \(uri)" }

    init(method: String, uri: String) {
        self.method = method
        self.uri = uri
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = String(parts[0])
        parameters = parts.count == 2 ? Self.decodeQuery(parts[1]) : [:]
    }

    /// Decodes `a=1&b=x%2Cy` as Go's `url.ParseQuery` does (`+` is a space); the first value of a key wins.
    private static func decodeQuery(_ query: Substring) -> [String: String] {
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let keyValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let key = decode(keyValue[0])
            if parameters[key] == nil {
                parameters[key] = keyValue.count == 2 ? decode(keyValue[1]) : ""
            }
        }
        return parameters
    }
}

/// The request log and the injected failures, shared by every request.
actor RequestControl {
    private(set) var log: [RecordedRequest] = []
    private var failures: (remaining: Int, status: Int) = (0, 500)

    /// Records `request` and returns the status to fail it with, if a failure is pending.
    func admit(_ request: RecordedRequest) -> Int? {
        log.append(request)
        guard failures.remaining > 0 else { return nil }
        failures.remaining -= 1
        return failures.status
    }

    func clearLog() {
        log.removeAll()
    }

    func failNext(_ count: Int, status: Int) {
        failures = (count, status)
    }
}
