/// A `Status` object: what the API server says when a request fails (also sent as a watch `ERROR`).
public struct APIStatus: Decodable, Sendable, Hashable {
    public var status: String?
    public var message: String?
    public var reason: String?
    public var code: Int?
}

/// A request the API server refused or answered with an error.
public struct APIError: Error, CustomStringConvertible, Sendable {
    /// The HTTP status code (or the `code` of a watch `ERROR` event).
    public let code: Int
    public let status: APIStatus?
    /// The request, as `GET /api/v1/services?...`.
    public let request: String

    /// `410 Gone`: the resourceVersion is too old; the client must list again.
    public var isExpired: Bool { code == 410 }

    public var description: String {
        let detail = status?.message ?? status?.reason ?? "no details"
        return "\(request): HTTP \(code): \(detail)"
    }
}
