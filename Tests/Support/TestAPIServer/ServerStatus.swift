/// A `Status` object: the body of every error response and of watch ERROR events, and the error the
/// test-facing methods of `TestAPIServer` throw (e.g. 409 AlreadyExists from `create`).
public struct ServerStatus: Error, Equatable, CustomStringConvertible {
    /// The HTTP status code: 404, 409, 410, ...
    public var code: Int
    /// The machine-readable reason: `NotFound`, `AlreadyExists`, `Expired`, ...
    public var reason: String
    public var message: String

    public var description: String { "\(code) \(reason): \(message)" }

    /// The status the real server answers for a store error.
    init(_ error: StoreError) {
        switch error {
        case .invalid(let message):
            self.init(code: 422, reason: "Invalid", message: message)
        case .alreadyExists(let resource, let name):
            self.init(code: 409, reason: "AlreadyExists", message: "\(resource.rawValue) \"\(name)\" already exists")
        case .notFound(let resource, let name):
            self.init(code: 404, reason: "NotFound", message: "\(resource.rawValue) \"\(name)\" not found")
        case .expired(let requested, let compacted):
            self.init(code: 410, reason: "Expired", message: "too old resource version: \(requested) (\(compacted))")
        }
    }

    public init(code: Int, reason: String, message: String) {
        self.code = code
        self.reason = reason
        self.message = message
    }

    var json: JSONValue {
        [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
            "message": .string(message), "reason": .string(reason), "code": .int(Int64(code)),
        ]
    }
}
