/// The answer of a health endpoint: whether it succeeds and the JSON body it returns.
public struct HealthReport: Hashable, Sendable {
    /// Whether the endpoint answers 200 (otherwise 503).
    public let isOK: Bool
    /// The JSON body, shaped as upstream's `ProxyHealth` marshals.
    public let json: String

    /// The HTTP status code: 200 or 503.
    public var statusCode: Int { isOK ? 200 : 503 }
}
