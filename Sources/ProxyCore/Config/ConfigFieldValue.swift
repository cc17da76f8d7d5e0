import Yams

/// A type a configuration field can hold, read from a YAML node the way Kubernetes reads it.
///
/// Upstream converts YAML to JSON and decodes that, so types are strict: a quoted `"5"` is not a
/// number, `30` is not a duration, and `1.30` is not a string. YAML 1.1 spellings of booleans
/// (`yes`, `off`) count as booleans, as they do upstream.
protocol ConfigFieldValue {
    /// What a valid value looks like, for errors: `a number`, `a duration (…)`.
    static var expectation: String { get }

    /// The value of a node; nil when the node holds something else.
    init?(configNode node: Yams.Node)
}

extension Yams.Node {
    /// The node's resolved YAML type, when it is a scalar.
    var configTag: Tag.Name? {
        scalar == nil ? nil : Tag.Name(rawValue: tag.rawValue)
    }

    /// The node's text when it is a string scalar (plain, quoted or block).
    var configString: String? {
        configTag == .str ? scalar?.string : nil
    }

    /// A short rendering of the node for errors: `"abc"` for strings, `5` for other scalars,
    /// `an object` or `a list` otherwise.
    var configDescription: String {
        switch self {
        case .scalar(let scalar): configString != nil ? "\"\(scalar.string)\"" : scalar.string
        case .mapping: "an object"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}

extension String: ConfigFieldValue {
    static var expectation: String { "a string (quote values such as 1.30 or true)" }

    init?(configNode node: Yams.Node) {
        guard let text = node.configString else { return nil }
        self = text
    }
}

extension Bool: ConfigFieldValue {
    static var expectation: String { "true or false" }

    init?(configNode node: Yams.Node) {
        guard node.configTag == .bool, let value = node.bool else { return nil }
        self = value
    }
}

extension Int: ConfigFieldValue {
    /// Kubernetes keeps these fields as 32-bit integers.
    static var expectation: String { "a whole number in the 32-bit range" }

    init?(configNode node: Yams.Node) {
        guard node.configTag == .int, let value = node.int, Int32(exactly: value) != nil else { return nil }
        self = value
    }
}

extension Double: ConfigFieldValue {
    static var expectation: String { "a number" }

    init?(configNode node: Yams.Node) {
        guard node.configTag == .int || node.configTag == .float, let value = node.float else { return nil }
        self = value
    }
}

extension Duration: ConfigFieldValue {
    static var expectation: String { "a duration: numbers with units ns, us, ms, s, m or h, like 30s, 1m0s or 500ms" }

    init?(configNode node: Yams.Node) {
        guard let text = node.configString, let value = GoDuration(text) else { return nil }
        self = value.duration
    }
}

extension Array: ConfigFieldValue where Element == String {
    static var expectation: String { "a list of strings" }

    init?(configNode node: Yams.Node) {
        guard let nodes = node.sequence else { return nil }
        let strings = nodes.compactMap(\.configString)
        guard strings.count == nodes.count else { return nil }
        self = strings
    }
}

extension Dictionary: ConfigFieldValue where Key == String, Value == Bool {
    static var expectation: String { "an object of names to true or false" }

    init?(configNode node: Yams.Node) {
        guard let mapping = node.mapping else { return nil }
        var values: [String: Bool] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string, let flag = Bool(configNode: value) else { return nil }
            values[name] = flag
        }
        self = values
    }
}
