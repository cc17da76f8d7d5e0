import ProxyCore

extension NftExpression {
    /// The nft spelling in a table of a family, as `nft list` prints it.
    public func text(_ family: IPFamily) -> String {
        switch self {
        case .connectionIsNew: return "ct state new"
        case .connectionIsDNATed: return "ct status dnat"
        case .addressIsLocal(let selector): return "fib \(selector == .sourceAddress ? "saddr" : "daddr") type local"
        case .addressInNetwork(let selector, let network, let negated):
            return "\(selector.text(family)) \(negated ? "!= " : "")\(NftValue.network(network).text)"
        case .inputInterface(let name, let isPrefix, let negated):
            return "iifname \(negated ? "!= " : "")\"\(name)\(isPrefix ? "*" : "")\""
        case .transportProtocol(let transport): return "meta l4proto \(transport.ruleName)"
        case .randomBucketIsZero(let modulus): return "numgen random mod \(modulus) 0"
        case .markBitsClear(let bits): return "meta mark & \(Self.hex(bits)) == \(Self.hex(0))"
        case .lookup(let key, let set, let negated): return "\(key.text(family)) \(negated ? "!= " : "")@\(set)"
        case .verdict(let verdict): return verdict.description
        case .reject: return "reject"
        case .verdictMap(let key, let map): return "\(key.text(family)) vmap @\(map)"
        case .dnatThroughMap(let key, let map):
            return "dnat \(family == .ipv4 ? "ip" : "ip6") to \(key.text(family)) map @\(map)"
        case .dnat(let address, let port): return "dnat to \(address.joined(port: port))"
        case .updateSet(let key, let set): return "update @\(set) { \(key.text(family)) }"
        case .setMarkBits(let bits): return "meta mark set meta mark | \(Self.hex(bits))"
        case .toggleMarkBits(let bits): return "meta mark set meta mark ^ \(Self.hex(bits))"
        case .masqueradeFullyRandom: return "masquerade fully-random"
        }
    }

    /// `0x00004000`: how nft prints marks.
    static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}

extension NftRule {
    /// The rule as one line of nft syntax.
    public func text(_ family: IPFamily) -> String { expressions.map { $0.text(family) }.joined(separator: " ") }
}
