import ProxyCore

/// A map of the frontends of one select chain and protocol that have exactly N endpoints, and the
/// one rule that reads it: `dnat ip to ip daddr . tcp dport . numgen random mod N map @endpoints-tcp-N`
/// (docs/nftables-layout.md §5). It exists exactly while it has elements.
struct SizeMap: Hashable, Comparable {
    let chain: SelectChain
    let transport: TransportProtocol
    let size: Int

    var name: String { "\(chain.mapPrefix)-\(transport.ruleName)-\(size)" }

    /// The key as the rule builds it: the frontend (address and port, or NodePort) and a bucket.
    private var key: NftKey {
        (chain.isNodePort ? [] : [.destinationAddress]) + [.destinationPort(transport), .randomBucket(modulus: size)]
    }

    func definition(_ family: IPFamily) -> NftSet {
        NftSet(name, key: .typeOf(key), value: .typeOf([.destinationAddress, .destinationPort(transport)]))
    }

    var rule: NftRule { NftRule([.dnatThroughMap(key, map: name)]) }

    /// The rules of a select chain come by size, then protocol.
    static func < (lhs: SizeMap, rhs: SizeMap) -> Bool {
        (lhs.chain, lhs.size, lhs.transport) < (rhs.chain, rhs.size, rhs.transport)
    }
}
