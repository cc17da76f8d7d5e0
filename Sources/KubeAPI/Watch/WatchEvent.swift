/// One event of a watch stream (`{"type": "...", "object": {...}}`).
public enum WatchEvent: Decodable, Sendable {
    case added(APIObject)
    case modified(APIObject)
    case deleted(APIObject)
    /// A progress marker: the stream has everything up to this resourceVersion.
    case bookmark(resourceVersion: String?)
    /// The server ended the watch with an error (`410 Expired` most often).
    case error(APIStatus)

    private enum CodingKeys: String, CodingKey { case type, object }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "ADDED": self = .added(try container.decode(APIObject.self, forKey: .object))
        case "MODIFIED": self = .modified(try container.decode(APIObject.self, forKey: .object))
        case "DELETED": self = .deleted(try container.decode(APIObject.self, forKey: .object))
        case "BOOKMARK":
            self = .bookmark(resourceVersion: try container.decode(ObjectHeader.self, forKey: .object).metadata?.resourceVersion)
        case "ERROR": self = .error(try container.decode(APIStatus.self, forKey: .object))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unknown watch event type \"\(type)\"")
        }
    }
}
