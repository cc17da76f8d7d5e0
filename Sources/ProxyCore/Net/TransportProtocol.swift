/// A transport protocol a Service port can use.
public enum TransportProtocol: String, Hashable, Sendable, CaseIterable, Codable, Comparable, CustomStringConvertible {
    case tcp = "TCP"
    case udp = "UDP"
    case sctp = "SCTP"

    /// Parses the API spelling (`TCP`, `UDP`, `SCTP`) or the lower-case rule spelling (`tcp`).
    public init?(apiValue: String) {
        guard let value = TransportProtocol(rawValue: apiValue.uppercased()) else { return nil }
        self = value
    }

    /// The lower-case name used in rules and chain-name hashes (`tcp`).
    public var ruleName: String { rawValue.lowercased() }

    public var description: String { ruleName }

    public static func < (lhs: TransportProtocol, rhs: TransportProtocol) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}
