/// An IP network: an address and a prefix length (`10.244.0.0/16`, `fd00::/64`).
///
/// Parsing is sloppy like Kubernetes' `ParseCIDRSloppy` (leading zeros in IPv4 parts are accepted);
/// host bits are kept in ``address`` but ignored by ``contains(_:)`` and cleared in ``description``,
/// as Go's `IPNet.String()` does.
public struct CIDR: Hashable, Sendable, CustomStringConvertible {
    /// The address as written.
    public let address: IPAddress
    /// The number of leading bits that form the network.
    public let prefixLength: Int

    /// Parses `ADDRESS/PREFIX`; returns nil when either part is invalid.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPAddress(parts[0]),
              parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let length = Int(parts[1]),
              length >= 0, length <= address.bitWidth
        else { return nil }
        self.init(address: address, prefixLength: length)
    }

    /// A network from an address and a prefix length (which must fit the address family).
    public init(address: IPAddress, prefixLength: Int) {
        precondition(prefixLength >= 0 && prefixLength <= address.bitWidth, "prefix length out of range")
        self.address = address
        self.prefixLength = prefixLength
    }

    /// The single-address network of an address (`/32` or `/128`).
    public init(host: IPAddress) {
        self.init(address: host, prefixLength: host.bitWidth)
    }

    /// The address family of the network.
    public var family: IPFamily { address.family }

    /// The network address: ``address`` with the host bits cleared.
    public var network: IPAddress {
        switch address {
        case .v4(let value):
            let mask: UInt32 = prefixLength == 0 ? 0 : ~UInt32(0) << (32 - prefixLength)
            return .v4(value & mask)
        case .v6(let high, let low):
            let highMask: UInt64 = prefixLength == 0 ? 0 : (prefixLength >= 64 ? ~0 : ~UInt64(0) << (64 - prefixLength))
            let lowMask: UInt64 = prefixLength <= 64 ? 0 : (prefixLength == 128 ? ~0 : ~UInt64(0) << (128 - prefixLength))
            return .v6(high: high & highMask, low: low & lowMask)
        }
    }

    /// Whether the network contains an address (always false across families).
    public func contains(_ other: IPAddress) -> Bool {
        guard other.family == family else { return false }
        return CIDR(address: other, prefixLength: prefixLength).network == network
    }

    public var description: String { "\(network)/\(prefixLength)" }
}
