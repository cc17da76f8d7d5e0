import Foundation

/// The `continue` token of a paginated list, in the real server's format: base64 of
/// `{"v":"meta.k8s.io/v1","rv":12,"start":"namespace/name\u0000"}`, where `rv` is the resourceVersion the
/// whole list is consistent at and `start` the first key of the next page.
struct ContinueToken: Equatable {
    /// The resourceVersion of the first page.
    var resourceVersion: Int
    /// The last key returned so far; the next page starts after it.
    var lastKey: ObjectKey

    init(resourceVersion: Int, lastKey: ObjectKey) {
        self.resourceVersion = resourceVersion
        self.lastKey = lastKey
    }

    /// Decodes a token; `nil` if it is not one this server made.
    init?(_ token: String) {
        guard let data = Data(base64Encoded: token), let json = try? JSONDecoder().decode(JSONValue.self, from: data),
            case .int(let resourceVersion) = json["rv"], let start = json["start"]?.stringValue, start.hasSuffix("\u{0}"),
            let slash = start.firstIndex(of: "/")
        else { return nil }
        self.resourceVersion = Int(resourceVersion)
        lastKey = ObjectKey(namespace: String(start[..<slash]), name: String(start[start.index(after: slash)...].dropLast()))
    }

    var encoded: String {
        let json: JSONValue = [
            "v": "meta.k8s.io/v1", "rv": .int(Int64(resourceVersion)),
            "start": .string("\(lastKey.namespace)/\(lastKey.name)\u{0}"),
        ]
        return json.data.base64EncodedString()
    }
}
