import Foundation
import ProxyCore

/// One object as the API sent it: decoded, or the error naming its bad field.
///
/// List items come without `kind`, so the expected kind is given to the decoder in its
/// `userInfo` (``APIObject/kindKey``). An object that does not decode never fails its whole list
/// or watch stream; it is reported and skipped.
public struct APIObject: Decodable, Sendable {
    /// The key for the expected kind in a decoder's `userInfo`.
    public static let kindKey = CodingUserInfoKey(rawValue: "proxyd.kind")!

    /// The object, or why it could not be decoded.
    public let result: Result<KubeObject, InputError>
    /// Its kind, namespace and name, when at least those could be read.
    public let key: KubeObject.Key?
    /// Its `metadata.resourceVersion`.
    public let resourceVersion: String?

    public init(from decoder: any Decoder) throws {
        let header = try? ObjectHeader(from: decoder)
        let kind = header?.kind ?? decoder.userInfo[Self.kindKey] as? String ?? ""
        let name = header?.metadata?.name
        self.key = name.map { KubeObject.Key(kind: kind, namespace: header?.metadata?.namespace, name: $0) }
        self.resourceVersion = header?.metadata?.resourceVersion
        do {
            let object: KubeObject = switch kind {
            case "Service": .service(try Service(from: decoder))
            case "EndpointSlice": .endpointSlice(try EndpointSlice(from: decoder))
            case "Node": .node(try Node(from: decoder))
            default: throw InputError(object: name ?? "object", field: "kind", message: "\"\(kind)\" is not Service, EndpointSlice or Node")
            }
            result = .success(object)
        } catch let error as DecodingError {
            // The field path is the object's own (`spec.ports`), not the list's or event's (`items[3].spec.ports`).
            result = .failure(ManifestDecoder.describe(
                error.relative(to: decoder.codingPath), kind: kind, identity: (name, header?.metadata?.namespace),
                label: "object"))
        } catch let error as InputError {
            result = .failure(error)
        }
    }
}

/// The part of any object that identifies it.
struct ObjectHeader: Decodable {
    struct Metadata: Decodable {
        var name: String?
        var namespace: String?
        var resourceVersion: String?
    }
    var kind: String?
    var metadata: Metadata?
}

extension DecodingError {
    /// The same error with its coding path made relative to `prefix`, the path of the value being decoded.
    func relative(to prefix: [any CodingKey]) -> DecodingError {
        func trimmed(_ context: Context) -> Context {
            let path = context.codingPath
            guard !prefix.isEmpty, path.count >= prefix.count,
                  zip(path, prefix).allSatisfy({ $0.stringValue == $1.stringValue && $0.intValue == $1.intValue })
            else { return context }
            return Context(codingPath: Array(path.dropFirst(prefix.count)), debugDescription: context.debugDescription,
                           underlyingError: context.underlyingError)
        }
        return switch self {
        case .typeMismatch(let type, let context): .typeMismatch(type, trimmed(context))
        case .valueNotFound(let type, let context): .valueNotFound(type, trimmed(context))
        case .keyNotFound(let key, let context): .keyNotFound(key, trimmed(context))
        case .dataCorrupted(let context): .dataCorrupted(trimmed(context))
        @unknown default: self
        }
    }
}
