import Yams

/// One mapping of a configuration file, read field by field.
///
/// Each field is read by name into a typed value (``ConfigFieldValue``); a value of the wrong type is
/// an ``InputError`` naming the field path (`iptables.syncPeriod`). Fields nobody read are unknown:
/// ``finish()`` reports each as a warning (`iptables.masqueradeAl: unknown field`), the way upstream's
/// lenient decoding logs them rather than failing.
struct ConfigFields {
    /// The path of this mapping (`iptables`); nil for the document itself.
    private let path: String?
    /// The keys in document order.
    private let keys: [String]
    /// The values not read yet.
    private var unread: [String: Yams.Node]
    /// The warnings of the sections read so far.
    private var warnings: [String] = []

    /// Reads a mapping node.
    /// - Throws: ``InputError`` when the node is not a mapping.
    init(_ node: Yams.Node, path: String?) throws {
        self.path = path
        guard let mapping = node.mapping else {
            throw InputError(
                object: KubeProxyConfiguration.kind, field: path, message: "\(node.configDescription) is not an object")
        }
        // The YAML parser rejects duplicate keys, so each key is here once.
        var keys: [String] = []
        var values: [String: Yams.Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? keyNode.configDescription
            keys.append(key)
            values[key] = value
        }
        self.keys = keys
        self.unread = values
    }

    /// Reads a field into a value; an absent or null field leaves the value as it is.
    /// - Throws: ``InputError`` naming the field when the value has the wrong type.
    mutating func read<Value: ConfigFieldValue>(_ key: String, into value: inout Value) throws {
        guard let node = take(key) else { return }
        guard let parsed = Value(configNode: node) else {
            throw InputError(
                object: KubeProxyConfiguration.kind, field: Self.join(path, key),
                message: "\(node.configDescription) is not \(Value.expectation)")
        }
        value = parsed
    }

    /// Reads a nested mapping with `body`, keeping its warnings; an absent or null field is skipped.
    /// - Throws: ``InputError`` when the field is not a mapping, or what `body` throws.
    mutating func section(_ key: String, _ body: (inout ConfigFields) throws -> Void) throws {
        guard let node = take(key) else { return }
        var fields = try ConfigFields(node, path: Self.join(path, key))
        try body(&fields)
        warnings += fields.finish()
    }

    /// Accepts the fields not read so far without a warning, for a section kept only in part.
    mutating func acceptRemaining() {
        unread = [:]
    }

    /// The warnings: one per unknown field of this mapping and of the sections read through it.
    func finish() -> [String] {
        warnings + keys.filter { unread[$0] != nil }.map { "\(Self.join(path, $0)): unknown field" }
    }

    /// Removes a field from the unread ones; nil when it is absent or null.
    private mutating func take(_ key: String) -> Yams.Node? {
        guard let node = unread.removeValue(forKey: key), node.configTag != .null else { return nil }
        return node
    }

    private static func join(_ path: String?, _ key: String) -> String {
        path.map { "\($0).\(key)" } ?? key
    }
}
