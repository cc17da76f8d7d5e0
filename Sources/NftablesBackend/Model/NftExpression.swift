import ProxyCore

/// One step of a rule: a match that ends the rule when it fails, or a statement that acts.
///
/// The IR is deliberately small: exactly what the proxy's layout needs, each case with one nft
/// spelling (``text(_:)``) and one netlink encoding, so a rendered ruleset and what the kernel
/// holds can be compared.
public enum NftExpression: Hashable, Sendable {
    // MARK: Matches

    /// `ct state new`.
    case connectionIsNew
    /// `ct status dnat`: the connection was destination-NAT-ed.
    case connectionIsDNATed
    /// `fib saddr type local` / `fib daddr type local`: the address is one of this host's.
    case addressIsLocal(NftSelector)
    /// `ip saddr 10.0.0.0/8`, `ip daddr != 127.0.0.0/8`: an address inside (or outside) a network.
    case addressInNetwork(NftSelector, CIDR, negated: Bool)
    /// `iifname "cbr0"`, `iifname != "veth*"`: the input interface by name or name prefix.
    case inputInterface(String, isPrefix: Bool, negated: Bool)
    /// `meta l4proto tcp`.
    case transportProtocol(TransportProtocol)
    /// `numgen random mod N 0`: true with probability 1/N.
    case randomBucketIsZero(modulus: Int)
    /// `meta mark & 0x00004000 == 0x00000000`: the bits of a mask are all clear.
    case markBitsClear(UInt32)
    /// `KEY @set`, `KEY != @set`: the key is (not) an element of a set.
    case lookup(NftKey, set: String, negated: Bool)

    // MARK: Statements

    /// A verdict: `accept`, `drop`, `return`, `jump CHAIN`, `goto CHAIN`.
    case verdict(NftVerdict)
    /// `reject`: ICMP port unreachable (ICMPv6 in `ip6` tables).
    case reject
    /// `KEY vmap @map`: the verdict the map holds for the key, if any.
    case verdictMap(NftKey, map: String)
    /// `dnat ip to KEY map @map`: DNAT to the `address . port` the map holds for the key, if any.
    case dnatThroughMap(NftKey, map: String)
    /// `dnat to 10.0.0.1:80` (`[fd00::1]:80` in `ip6` tables).
    case dnat(IPAddress, port: Int)
    /// `update @set { ip saddr }`: add the key to a dynamic set, or refresh its timeout.
    case updateSet(NftKey, set: String)
    /// `meta mark set meta mark | BITS`.
    case setMarkBits(UInt32)
    /// `meta mark set meta mark ^ BITS`.
    case toggleMarkBits(UInt32)
    /// `masquerade fully-random`.
    case masqueradeFullyRandom

    /// The chain a verdict of this expression leads to, if any.
    public var targetChain: String? {
        if case .verdict(let verdict) = self { return verdict.targetChain }
        return nil
    }

    /// The sets and maps it references.
    public var referencedSets: [String] {
        switch self {
        case .lookup(_, let set, _), .updateSet(_, let set): [set]
        case .verdictMap(_, let map), .dnatThroughMap(_, let map): [map]
        default: []
        }
    }
}
