import ProxyCore

/// A named set or map of a table.
public struct NftSet: Hashable, Sendable {
    /// How the key (or the map's value) is typed.
    public enum Typing: Hashable, Sendable {
        /// `type ipv4_addr . inet_proto . inet_service`.
        case types([NftDataType])
        /// `typeof ip daddr . tcp dport . numgen random mod 3`: typed by the expressions that
        /// produce it (needed for `numgen`, whose integer type cannot be named in a concatenation).
        case typeOf(NftKey)

        /// The field types, for a table of a family.
        public func fields(_ family: IPFamily) -> [NftDataType] {
            switch self {
            case .types(let types): types
            case .typeOf(let selectors): selectors.map { $0.dataType(family) }
            }
        }
    }

    public struct Flags: OptionSet, Hashable, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// Elements are ranges (`flags interval`).
        public static let interval = Flags(rawValue: 1 << 0)
        /// Rules may add elements (`flags dynamic`).
        public static let dynamic = Flags(rawValue: 1 << 1)
        /// Elements expire (`flags timeout`).
        public static let timeout = Flags(rawValue: 1 << 2)
    }

    public let name: String
    public let key: Typing
    /// The value type of a map; nil for a plain set.
    public let value: Typing?
    public let flags: Flags
    /// The default element timeout in seconds (`flags timeout` sets).
    public let timeout: Int?
    public let comment: String?

    public init(_ name: String, key: Typing, value: Typing? = nil, flags: Flags = [], timeout: Int? = nil,
                comment: String? = nil) {
        self.name = name
        self.key = key
        self.value = value
        self.flags = flags
        self.timeout = timeout
        self.comment = comment
    }

    /// Whether it is a map (elements carry a value).
    public var isMap: Bool { value != nil }

    /// Whether it is a verdict map.
    public var isVerdictMap: Bool { value == .types([.verdict]) }

    /// Whether its elements come from packets (`flags dynamic`), so a dump of them is not state.
    public var isDynamic: Bool { flags.contains(.dynamic) }
}
