/// One Kubernetes API object of a kind the proxy uses.
///
/// Codable as the object itself: decoding reads `kind` and decodes the matching type, encoding
/// writes the wrapped object.
public enum KubeObject: Hashable, Sendable, Codable {
    case service(Service)
    case endpointSlice(EndpointSlice)
    case node(Node)

    /// Identifies an object: its kind, namespace and name.
    public struct Key: Hashable, Sendable, Codable, CustomStringConvertible {
        public let kind: String
        public let namespace: String
        public let name: String

        public init(kind: String, namespace: String?, name: String) {
            self.kind = kind
            self.namespace = kind == "Node" ? "" : (namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default")
            self.name = name
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(kind: try container.decode(String.self, forKey: .kind),
                      namespace: try container.decodeIfPresent(String.self, forKey: .namespace),
                      name: try container.decode(String.self, forKey: .name))
        }

        public var description: String { namespace.isEmpty ? "\(kind) \(name)" : "\(kind) \(namespace)/\(name)" }
    }

    private enum KindKey: String, CodingKey { case kind }

    public init(from decoder: any Decoder) throws {
        let kind = try decoder.container(keyedBy: KindKey.self).decode(String.self, forKey: .kind)
        switch kind {
        case "Service": self = .service(try Service(from: decoder))
        case "EndpointSlice": self = .endpointSlice(try EndpointSlice(from: decoder))
        case "Node": self = .node(try Node(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: KindKey.kind, in: try decoder.container(keyedBy: KindKey.self),
                debugDescription: "\"\(kind)\" is not Service, EndpointSlice or Node")
        }
    }

    /// Encodes the object with its `apiVersion` and `kind` (list items may have come without them).
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .service(var service):
            service.apiVersion = service.apiVersion ?? "v1"
            service.kind = "Service"
            try service.encode(to: encoder)
        case .endpointSlice(var slice):
            slice.apiVersion = slice.apiVersion ?? "discovery.k8s.io/v1"
            slice.kind = "EndpointSlice"
            try slice.encode(to: encoder)
        case .node(var node):
            node.apiVersion = node.apiVersion ?? "v1"
            node.kind = "Node"
            try node.encode(to: encoder)
        }
    }

    /// The object's kind, namespace and name.
    public var key: Key {
        switch self {
        case .service(let service): Key(kind: "Service", namespace: service.metadata.namespace, name: service.metadata.name ?? "")
        case .endpointSlice(let slice):
            Key(kind: "EndpointSlice", namespace: slice.metadata.namespace, name: slice.metadata.name ?? "")
        case .node(let node): Key(kind: "Node", namespace: nil, name: node.metadata.name ?? "")
        }
    }

    /// `Kind namespace/name` (or `Kind name` for nodes), for messages.
    public var displayName: String { key.description }
}
