import ProxyCore

/// A value a rule reads from the packet or its metadata (an nft primary expression).
///
/// Address selectors take the family of the table they are used in (`ip saddr` in `ip` tables,
/// `ip6 saddr` in `ip6` tables).
public enum NftSelector: Hashable, Sendable {
    /// `ip saddr` / `ip6 saddr`.
    case sourceAddress
    /// `ip daddr` / `ip6 daddr`.
    case destinationAddress
    /// `meta l4proto`: the transport protocol number.
    case transportProtocol
    /// `th dport`: the destination port of any transport header.
    case anyDestinationPort
    /// `tcp dport`, `udp dport`, `sctp dport`: the destination port of one protocol. Matching it
    /// implies `meta l4proto <protocol>` (nft adds that dependency itself).
    case destinationPort(TransportProtocol)
    /// `numgen random mod N`: a random number in 0..<N.
    case randomBucket(modulus: Int)
    /// `iifname`: the input interface's name.
    case inputInterfaceName
    /// `meta mark`: the packet mark.
    case mark

    /// The nft spelling in a table of a family.
    public func text(_ family: IPFamily) -> String {
        let ip = family == .ipv4 ? "ip" : "ip6"
        switch self {
        case .sourceAddress: return "\(ip) saddr"
        case .destinationAddress: return "\(ip) daddr"
        case .transportProtocol: return "meta l4proto"
        case .anyDestinationPort: return "th dport"
        case .destinationPort(let transport): return "\(transport.ruleName) dport"
        case .randomBucket(let modulus): return "numgen random mod \(modulus)"
        case .inputInterfaceName: return "iifname"
        case .mark: return "meta mark"
        }
    }

    /// The data type of the values it reads, as a set key type.
    public func dataType(_ family: IPFamily) -> NftDataType {
        switch self {
        case .sourceAddress, .destinationAddress: family == .ipv4 ? .ipv4Address : .ipv6Address
        case .transportProtocol: .transportProtocol
        case .anyDestinationPort, .destinationPort: .port
        case .randomBucket, .mark: .integer
        case .inputInterfaceName: .interfaceName
        }
    }
}

/// A concatenation of selectors, the key of a set lookup (`ip daddr . meta l4proto . th dport`).
public typealias NftKey = [NftSelector]

extension Array where Element == NftSelector {
    /// The nft spelling, selectors joined with ` . `.
    public func text(_ family: IPFamily) -> String { map { $0.text(family) }.joined(separator: " . ") }
}
