import Foundation
import Yams

/// Decodes Kubernetes manifests (YAML or JSON, one or many documents, `kind: List` or `*List`) into
/// API objects, collecting one ``InputError`` per object that cannot be decoded.
///
/// Objects of kinds the proxy does not use (Deployments, Pods, ...) are ignored without complaint,
/// so a directory of ordinary manifests is a valid source.
public struct ManifestDecoder: Sendable {
    /// Documents of this kind are not API objects but belong to another reader (a conformance
    /// scenario, for example); they are handed back as raw YAML nodes.
    public let passthroughKinds: Set<String>

    public init(passthroughKinds: Set<String> = []) {
        self.passthroughKinds = passthroughKinds
    }

    /// The result of decoding one text.
    public struct Contents {
        public var objects: [KubeObject] = []
        public var errors: [InputError] = []
        /// The keys of objects that were identified (kind, namespace, name) but did not decode:
        /// a consumer keeps their previous version rather than treat them as deleted.
        public var unreadable: [KubeObject.Key] = []
        /// Documents of a passthrough kind, in order.
        public var passthrough: [Yams.Node] = []
    }

    /// Decodes every document of a YAML (or JSON) text.
    public func decode(_ text: String) -> Contents {
        var contents = Contents()
        if let object = Self.jsonObject(text), !passthroughKinds.contains(object["kind"] as? String ?? "") {
            // JSON (`kubectl get -o json`, API responses): Foundation's decoder is many times faster than YAML's.
            decodeJSON(object, into: &contents)
            return contents
        }
        do {
            let parser = try Parser(yaml: text)
            var index = 0
            while let document = try parser.nextRoot() {
                index += 1
                decodeDocument(document, label: "document \(index)", into: &contents)
            }
        } catch {
            contents.errors.append(InputError(message: "not valid YAML or JSON: \(error)"))
        }
        return contents
    }

    private func decodeDocument(_ document: Yams.Node, label: String, into contents: inout Contents) {
        guard document.mapping != nil else {
            if document.scalar?.string.isEmpty != true {
                contents.errors.append(InputError(object: label, message: "is not an object (a mapping)"))
            }
            return
        }
        let kind = document["kind"]?.string ?? ""
        if passthroughKinds.contains(kind) {
            contents.passthrough.append(document)
        } else if kind == "List" || kind.hasSuffix("List") {
            let itemKind = kind == "List" ? nil : String(kind.dropLast(4))
            for (index, item) in (document["items"]?.sequence ?? []).enumerated() {
                decodeObject(item, kind: item["kind"]?.string ?? itemKind, label: "\(label) items[\(index)]", into: &contents)
            }
        } else {
            decodeObject(document, kind: kind, label: label, into: &contents)
        }
    }

    /// The top-level object of a text that is JSON, or nil.
    private static func jsonObject(_ text: String) -> [String: Any]? {
        guard text.first(where: { !$0.isWhitespace }) == "{" else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    private func decodeJSON(_ object: [String: Any], into contents: inout Contents) {
        let kind = object["kind"] as? String ?? ""
        guard kind == "List" || kind.hasSuffix("List") else {
            decodeJSONObject(object, kind: kind, label: "document 1", into: &contents)
            return
        }
        let itemKind = kind == "List" ? nil : String(kind.dropLast(4))
        for (index, item) in (object["items"] as? [Any] ?? []).enumerated() {
            let item = item as? [String: Any] ?? [:]
            decodeJSONObject(item, kind: item["kind"] as? String ?? itemKind, label: "items[\(index)]", into: &contents)
        }
    }

    private func decodeJSONObject(_ object: [String: Any], kind: String?, label: String, into contents: inout Contents) {
        let metadata = object["metadata"] as? [String: Any]
        let identity = (name: metadata?["name"] as? String, namespace: metadata?["namespace"] as? String)
        decodeObject(kind: kind, label: label, identity: identity, into: &contents, with: JSONObjectSource(object: object))
    }

    private func decodeObject(_ node: Yams.Node, kind: String?, label: String, into contents: inout Contents) {
        let metadata = node["metadata"]
        let identity = (name: metadata?["name"]?.string, namespace: metadata?["namespace"]?.string)
        decodeObject(kind: kind, label: label, identity: identity, into: &contents, with: YAMLNodeSource(node: node))
    }

    /// Decodes one object of a supported kind from its source.
    private func decodeObject(
        kind: String?, label: String, identity: (name: String?, namespace: String?), into contents: inout Contents,
        with source: some ObjectSource
    ) {
        do {
            switch kind {
            case "Service": contents.objects.append(.service(try source.decode(Service.self)))
            case "EndpointSlice": contents.objects.append(.endpointSlice(try source.decode(EndpointSlice.self)))
            case "Node": contents.objects.append(.node(try source.decode(Node.self)))
            case nil, "":
                contents.errors.append(InputError(object: label, field: "kind", message: "is required"))
            default:
                return
            }
        } catch let error as DecodingError {
            contents.errors.append(Self.describe(error, kind: kind ?? "", identity: identity, label: label))
            if let kind, let name = identity.name {
                contents.unreadable.append(KubeObject.Key(kind: kind, namespace: identity.namespace, name: name))
            }
        } catch {
            contents.errors.append(InputError(object: "\(kind ?? "") (\(label))", message: "\(error)"))
        }
    }

    /// Turns a `DecodingError` into an ``InputError`` naming the object and field path.
    /// - Parameters:
    ///   - kind: the object's kind.
    ///   - identity: its name and namespace, when they could be read.
    ///   - label: where it was in its document, for objects without a name (`items[3]`).
    public static func describe(_ error: DecodingError, kind: String, identity: (name: String?, namespace: String?),
                         label: String) -> InputError {
        let name = identity.name
        let namespace = identity.namespace ?? "default"
        let object = name.map { kind == "Node" ? "\(kind) \($0)" : "\(kind) \(namespace)/\($0)" } ?? "\(kind) (\(label))"
        let (path, message): ([any CodingKey], String) = switch error {
        case .typeMismatch(let type, let context): (context.codingPath, "expected \(Self.typeName(type))")
        case .valueNotFound(let type, let context): (context.codingPath, "expected \(Self.typeName(type)), found null")
        case .keyNotFound(let key, let context): (context.codingPath + [key], "is required")
        case .dataCorrupted(let context): (context.codingPath, context.debugDescription)
        @unknown default: ([], "\(error)")
        }
        return InputError(object: object, field: fieldPath(path), message: message)
    }

    /// `spec.ports[0].port` from a coding path.
    static func fieldPath(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "a number"
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        default: "\(type)".lowercased().hasPrefix("array") ? "a list" : "an object"
        }
    }
}

/// One object as parsed text, decodable into any API type.
private protocol ObjectSource {
    func decode<T: Decodable>(_ type: T.Type) throws -> T
}

/// An object from a YAML document.
private struct YAMLNodeSource: ObjectSource {
    let node: Yams.Node
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try YAMLDecoder().decode(type, from: node) }
}

/// An object from a JSON document.
private struct JSONObjectSource: ObjectSource {
    let object: [String: Any]
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: JSONSerialization.data(withJSONObject: object))
    }
}
