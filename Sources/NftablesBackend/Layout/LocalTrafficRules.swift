import ProxyCore

/// The rules that recognise this node's pod traffic (upstream's `LocalTrafficDetector` in nft).
struct LocalTrafficRules {
    let detector: LocalTrafficDetector

    init(_ detector: LocalTrafficDetector) { self.detector = detector }

    /// Marks traffic that is not pod traffic for masquerade. With several pod CIDRs, pod traffic
    /// skips straight to the select chain, so only the rest reaches the mark rule.
    func masqueradeUnlessLocal(then select: String, mark: String) -> [NftRule] {
        switch detector {
        case .none: []
        case .sourceCIDRs(let cidrs) where cidrs.count > 1:
            shortCircuit(to: select) + [NftRule([.verdict(.jump(mark))])]
        case .sourceCIDRs(let cidrs):
            [NftRule([.addressInNetwork(.sourceAddress, cidrs[0], negated: true), .verdict(.jump(mark))])]
        case .bridgeInterface(let name):
            [NftRule([.inputInterface(name, isPrefix: false, negated: true), .verdict(.jump(mark))])]
        case .interfaceNamePrefix(let prefix):
            [NftRule([.inputInterface(prefix, isPrefix: true, negated: true), .verdict(.jump(mark))])]
        }
    }

    /// Sends pod traffic to a chain (`goto`).
    func shortCircuit(to chain: String) -> [NftRule] {
        matches.map { NftRule([$0, .verdict(.goto(chain))]) }
    }

    /// One match per way a packet can be pod traffic.
    private var matches: [NftExpression] {
        switch detector {
        case .none: []
        case .sourceCIDRs(let cidrs): cidrs.map { .addressInNetwork(.sourceAddress, $0, negated: false) }
        case .bridgeInterface(let name): [.inputInterface(name, isPrefix: false, negated: false)]
        case .interfaceNamePrefix(let prefix): [.inputInterface(prefix, isPrefix: true, negated: false)]
        }
    }
}
