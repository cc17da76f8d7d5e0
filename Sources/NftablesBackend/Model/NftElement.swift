import ProxyCore

/// One field of an element's key or value.
public enum NftValue: Hashable, Sendable, Comparable {
    case address(IPAddress)
    /// A network: only in the last field of an interval set's key (`… . 192.168.0.0/24`).
    case network(CIDR)
    case transportProtocol(TransportProtocol)
    case port(Int)
    case integer(UInt32)

    public static func < (lhs: NftValue, rhs: NftValue) -> Bool { lhs.sortKey < rhs.sortKey }

    private var sortKey: String {
        switch self {
        case .address(let address): "a" + address.description
        case .network(let cidr): "n" + cidr.description
        case .transportProtocol(let transport): "t" + transport.ruleName
        case .port(let port): "p" + String(port)
        case .integer(let value): "i" + String(value)
        }
    }
}

/// An element of a set or map.
///
/// Identity for diffing is the key: a set holds one element per key, and changing a map's value
/// means deleting the element and adding it again.
public struct NftElement: Hashable, Sendable {
    /// What the value of a map element is.
    public enum Value: Hashable, Sendable {
        /// A data map's value (`10.180.0.1 . 80`).
        case data([NftValue])
        /// A verdict map's value (`goto service-…`).
        case verdict(NftVerdict)
    }

    public let key: [NftValue]
    /// The map value; nil in a plain set.
    public let value: Value?
    public let comment: String?

    public init(_ key: [NftValue], value: Value? = nil, comment: String? = nil) {
        self.key = key
        self.value = value
        self.comment = comment
    }
}
