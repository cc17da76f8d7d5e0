/// An IPv4 or IPv6 address, parsed the way Kubernetes parses them.
///
/// Parsing follows `k8s.io/utils/net.ParseIPSloppy`: IPv4 parts with leading zeros are read as
/// decimal (`10.180.00.001` is `10.180.0.1`), and an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) is
/// the IPv4 address. The description is the canonical form (RFC 5952 for IPv6), which is what
/// upstream writes into rules.
public enum IPAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// An IPv4 address, most significant byte first.
    case v4(UInt32)
    /// An IPv6 address as its high and low 64 bits.
    case v6(high: UInt64, low: UInt64)

    /// Parses a textual address; returns nil when the text is not an IP address.
    public init?(_ text: some StringProtocol) {
        if text.contains(":") {
            guard let (high, low) = IPAddress.parseV6(Substring(text)) else { return nil }
            if high == 0 && low >> 32 == 0xFFFF {
                self = .v4(UInt32(truncatingIfNeeded: low))
            } else {
                self = .v6(high: high, low: low)
            }
        } else {
            guard let value = IPAddress.parseV4(Substring(text)) else { return nil }
            self = .v4(value)
        }
    }

    /// The address family.
    public var family: IPFamily {
        switch self {
        case .v4: .ipv4
        case .v6: .ipv6
        }
    }

    /// The number of bits in an address of this family.
    public var bitWidth: Int { family == .ipv4 ? 32 : 128 }

    /// Whether this is a loopback address (127.0.0.0/8 or ::1).
    public var isLoopback: Bool {
        switch self {
        case .v4(let value): value >> 24 == 127
        case .v6(let high, let low): high == 0 && low == 1
        }
    }

    /// Whether this is the unspecified address (0.0.0.0 or ::).
    public var isUnspecified: Bool {
        switch self {
        case .v4(let value): value == 0
        case .v6(let high, let low): high == 0 && low == 0
        }
    }

    /// The loopback address of a family (127.0.0.1 or ::1).
    public static func loopback(_ family: IPFamily) -> IPAddress {
        family == .ipv4 ? .v4(0x7F00_0001) : .v6(high: 0, low: 1)
    }

    public var description: String {
        switch self {
        case .v4(let value):
            return "\(value >> 24).\((value >> 16) & 0xFF).\((value >> 8) & 0xFF).\(value & 0xFF)"
        case .v6(let high, let low):
            return IPAddress.formatV6(high: high, low: low)
        }
    }

    /// The address as `ip:port`, with IPv6 in brackets (Go's `net.JoinHostPort`).
    public func joined(port: Int) -> String {
        family == .ipv4 ? "\(self):\(port)" : "[\(self)]:\(port)"
    }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        switch (lhs, rhs) {
        case (.v4(let a), .v4(let b)): a < b
        case (.v4, .v6): true
        case (.v6, .v4): false
        case (.v6(let ah, let al), .v6(let bh, let bl)): (ah, al) < (bh, bl)
        }
    }

    // MARK: - Parsing

    private static func parseV4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let byte = UInt32(part), byte <= 255
            else { return nil }
            value = value << 8 | byte
        }
        return value
    }

    private static func parseV6(_ text: Substring) -> (UInt64, UInt64)? {
        var groups: [UInt16] = []
        var head = text
        var tail: Substring = ""
        var compressed = false
        if let range = text.range(of: "::") {
            compressed = true
            head = text[..<range.lowerBound]
            tail = text[range.upperBound...]
            if tail.contains("::") { return nil }
        }
        guard let headGroups = parseV6Groups(head, allowV4Suffix: !compressed),
              let tailGroups = parseV6Groups(tail, allowV4Suffix: true)
        else { return nil }
        let missing = 8 - headGroups.count - tailGroups.count
        if compressed {
            guard missing >= 1 else { return nil }
            groups = headGroups + Array(repeating: 0, count: missing) + tailGroups
        } else {
            guard missing == 0 else { return nil }
            groups = headGroups
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (index, group) in groups.enumerated() {
            if index < 4 { high = high << 16 | UInt64(group) } else { low = low << 16 | UInt64(group) }
        }
        return (high, low)
    }

    private static func parseV6Groups(_ text: Substring, allowV4Suffix: Bool) -> [UInt16]? {
        if text.isEmpty { return [] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var groups: [UInt16] = []
        for (index, part) in parts.enumerated() {
            if index == parts.count - 1, allowV4Suffix, part.contains(".") {
                guard let v4 = parseV4(part) else { return nil }
                groups.append(UInt16(v4 >> 16))
                groups.append(UInt16(v4 & 0xFFFF))
            } else {
                guard !part.isEmpty, part.count <= 4, let group = UInt16(part, radix: 16) else { return nil }
                groups.append(group)
            }
        }
        return groups
    }

    // MARK: - Formatting

    private static func formatV6(high: UInt64, low: UInt64) -> String {
        let groups = (0..<8).map { index -> UInt16 in
            let word = index < 4 ? high : low
            return UInt16(truncatingIfNeeded: word >> (UInt64(3 - index % 4) * 16))
        }
        // The longest run of two or more zero groups is written as "::" (the first one on a tie).
        var bestStart = -1
        var bestLength = 1
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else { index += 1; continue }
            let start = index
            while index < 8 && groups[index] == 0 { index += 1 }
            if index - start > bestLength { bestStart = start; bestLength = index - start }
        }
        func hex(_ range: Range<Int>) -> String {
            groups[range].map { String($0, radix: 16) }.joined(separator: ":")
        }
        guard bestStart >= 0 else { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }
}
