import ProxyCore

/// The chain of one service port's endpoint set under ClientIP affinity (docs/nftables-layout.md
/// §6): a client pinned to an endpoint goes back to it; a new client picks an endpoint uniformly,
/// and is remembered in that endpoint's set.
struct AffinityChain: Hashable {
    let name: String
    let rules: [NftRule]
    /// One client set per endpoint, shared with the port's other affinity chain.
    let sets: [NftSet]

    init(name: String, port: ServicePortName, endpoints: [ServiceEndpoint], timeout: Int, family: IPFamily) {
        self.name = name
        let address: NftDataType = family == .ipv4 ? .ipv4Address : .ipv6Address
        let setNames = endpoints.map { NftablesNames.affinitySet(port, endpoint: $0) }
        sets = setNames.map {
            NftSet($0, key: .types([address]), flags: [.dynamic, .timeout], timeout: timeout)
        }
        func pin(_ index: Int) -> [NftExpression] {
            [.updateSet([.sourceAddress], set: setNames[index]), .transportProtocol(port.transport),
             .dnat(endpoints[index].address, port: endpoints[index].port)]
        }
        var rules = endpoints.indices.map { index in
            NftRule([.lookup([.sourceAddress], set: setNames[index], negated: false)] + pin(index))
        }
        let count = endpoints.count
        for index in endpoints.indices {
            // The i-th of n matches with probability 1/(n-i), given that none before it did.
            let choice: [NftExpression] = index < count - 1 ? [.randomBucketIsZero(modulus: count - index)] : []
            rules.append(NftRule(choice + pin(index)))
        }
        self.rules = rules
    }
}
