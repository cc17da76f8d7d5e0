import ProxyCore

/// One field of an element's key or value.
public enum NftValue: Hashable, Sendable, Comparable {
    case address(IPAddress)
    /// A network: only in the last field of an interval set's key (`… . 192.168.0.0/24`).
    case network(CIDR)
    case transportProtocol(TransportProtocol)
    case port(Int)
    case integer(UInt32)

    /// Values of one kind compare by value; kinds compare in declaration order.
    public static func < (lhs: NftValue, rhs: NftValue) -> Bool {
        switch (lhs, rhs) {
        case (.address(let left), .address(let right)): left < right
        case (.network(let left), .network(let right)):
            (left.network, left.prefixLength) < (right.network, right.prefixLength)
        case (.transportProtocol(let left), .transportProtocol(let right)): left < right
        case (.port(let left), .port(let right)): left < right
        case (.integer(let left), .integer(let right)): left < right
        default: lhs.rank < rhs.rank
        }
    }

    private var rank: Int {
        switch self {
        case .address: 0
        case .network: 1
        case .transportProtocol: 2
        case .port: 3
        case .integer: 4
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
