import ProxyCore

/// The fixed part of a `proxyd` table: its 25 chains with their rules and its fixed sets
/// (docs/nftables-layout.md §3). Only a handful of rules depend on the node; nothing depends on
/// the services, except the size rules of the select chains, which ``TableStructure`` adds.
struct TableSkeleton: Equatable {
    /// Chains in declaration order, with their rules.
    let chains: [(chain: NftChain, rules: [NftRule])]
    /// `nodeport-ips`: the addresses that accept NodePorts.
    let nodePortAddresses: [IPAddress]

    static func == (lhs: TableSkeleton, rhs: TableSkeleton) -> Bool {
        lhs.nodePortAddresses == rhs.nodePortAddresses
            && lhs.chains.map(\.chain) == rhs.chains.map(\.chain) && lhs.chains.map(\.rules) == rhs.chains.map(\.rules)
    }

    /// The skeleton of a node.
    /// - Parameters:
    ///   - node: the node context of the table's family.
    ///   - masqueradeMark: the bit that marks packets for masquerade (`1 << masqueradeBit`).
    init(node: NodeContext, masqueradeMark: UInt32) {
        let family = node.family
        let loopback = family == .ipv4 ? CIDR("127.0.0.0/8")! : CIDR(host: .loopback(.ipv6))
        func rule(_ expressions: NftExpression...) -> NftRule { NftRule(expressions) }
        func jump(_ chain: String) -> NftExpression { .verdict(.jump(chain)) }
        func goto(_ chain: String) -> NftExpression { .verdict(.goto(chain)) }
        let mark = "mark-for-masquerade"
        let addressKey = FixedSet.addressKey
        let portKey = FixedSet.portKey

        var services = [
            rule(.lookup(addressKey, set: FixedSet.clusterIPCluster.name, negated: false), goto("cluster-ip")),
            rule(.lookup(addressKey, set: FixedSet.clusterIPLocal.name, negated: false), goto("cluster-ip-local")),
            rule(.lookup(addressKey, set: FixedSet.externalCluster.name, negated: false), goto("external-cluster")),
            rule(.lookup(addressKey, set: FixedSet.externalLocal.name, negated: false), goto("external-local")),
        ]
        switch node.nodePortAddresses {
        case .allLocal:
            services.append(rule(.addressIsLocal(.destinationAddress),
                                 .addressInNetwork(.destinationAddress, loopback, negated: true), goto("nodeports")))
            nodePortAddresses = []
        case .only(let addresses):
            services.append(rule(.lookup([.destinationAddress], set: FixedSet.nodePortIPs.name, negated: false),
                                 goto("nodeports")))
            nodePortAddresses = addresses.filter { !$0.isLoopback }
        }

        let detector = LocalTrafficRules(node.localTraffic)
        /// The ClusterIP policy chain: masquerade what is not pod traffic, then select.
        func clusterIPChain(_ select: SelectChain) -> [NftRule] {
            let selectChain = goto(select.name)
            if node.masqueradeAll { return [rule(jump(mark)), rule(selectChain)] }
            return detector.masqueradeUnlessLocal(then: select.name, mark: mark) + [rule(selectChain)]
        }
        /// The ETP Local chain: pods and the node go to all endpoints, the rest to local ones.
        func externalLocalChain(cluster: SelectChain, local: SelectChain) -> [NftRule] {
            detector.shortCircuit(to: cluster.name) + [
                rule(.addressIsLocal(.sourceAddress), jump(mark)),
                rule(.addressIsLocal(.sourceAddress), goto(cluster.name)),
                rule(goto(local.name)),
            ]
        }
        func selectChain(_ select: SelectChain) -> [NftRule] {
            [rule(.verdictMap(select.frontendKey, map: select.affinityMap.name))]
        }
        func base(_ name: String, _ kind: NftChain.Hook.Kind, _ point: NftChain.Hook.Point, _ priority: Int32) -> NftChain {
            NftChain(name, hook: .init(kind, point, priority: priority))
        }

        chains = [
            (base("filter-prerouting-pre-dnat", .filter, .prerouting, -110), [rule(.connectionIsNew, jump("firewall-check"))]),
            (base("filter-output-pre-dnat", .filter, .output, -110), [rule(.connectionIsNew, jump("firewall-check"))]),
            (base("filter-forward", .filter, .forward, 0), [rule(.connectionIsNew, jump("service-endpoints-check"))]),
            (base("filter-input", .filter, .input, 0), [
                rule(.connectionIsNew, jump("service-endpoints-check")),
                rule(.connectionIsNew, jump("nodeport-endpoints-check")),
                rule(.lookup([.destinationPort(.tcp)], set: FixedSet.healthCheckNodePorts.name, negated: false),
                     .verdict(.accept)),
            ]),
            (base("filter-output", .filter, .output, 0), [rule(.connectionIsNew, jump("service-endpoints-check"))]),
            (base("nat-prerouting", .nat, .prerouting, -100), [rule(jump("services"))]),
            (base("nat-output", .nat, .output, -100), [rule(jump("services"))]),
            (base("nat-postrouting", .nat, .postrouting, 100), [rule(jump("masquerading"))]),
            (NftChain("firewall-check"), [
                rule(.lookup(addressKey, set: FixedSet.firewallIPs.name, negated: false),
                     .lookup(addressKey + [.sourceAddress], set: FixedSet.firewallAllow.name, negated: true),
                     .verdict(.drop)),
            ]),
            (NftChain("service-endpoints-check"), [
                rule(.connectionIsDNATed, .verdict(.return)),
                rule(.lookup(addressKey, set: FixedSet.noEndpointReject.name, negated: false), .reject),
                rule(.lookup(addressKey, set: FixedSet.noEndpointDrop.name, negated: false), .verdict(.drop)),
            ]),
            (NftChain("nodeport-endpoints-check"), [
                rule(.connectionIsDNATed, .verdict(.return)),
                rule(.addressIsLocal(.destinationAddress),
                     .lookup(portKey, set: FixedSet.noEndpointNodePortReject.name, negated: false), .reject),
                rule(.addressIsLocal(.destinationAddress),
                     .lookup(portKey, set: FixedSet.noEndpointNodePortDrop.name, negated: false), .verdict(.drop)),
            ]),
            (NftChain("services"), services),
            (NftChain("nodeports"), [
                rule(.lookup(portKey, set: FixedSet.nodePortCluster.name, negated: false), goto("nodeport-cluster")),
                rule(.lookup(portKey, set: FixedSet.nodePortLocal.name, negated: false), goto("nodeport-local")),
            ]),
            (NftChain("cluster-ip"), clusterIPChain(.cluster)),
            (NftChain("cluster-ip-local"), clusterIPChain(.local)),
            (NftChain("external-cluster"), [rule(jump(mark)), rule(goto(SelectChain.cluster.name))]),
            (NftChain("external-local"), externalLocalChain(cluster: .cluster, local: .local)),
            (NftChain("nodeport-cluster"), [rule(jump(mark)), rule(goto(SelectChain.nodePortCluster.name))]),
            (NftChain("nodeport-local"), externalLocalChain(cluster: .nodePortCluster, local: .nodePortLocal)),
        ] + SelectChain.allCases.map { (NftChain($0.name), selectChain($0)) } + [
            (NftChain(mark), [rule(.setMarkBits(masqueradeMark))]),
            (NftChain("masquerading"), [
                rule(.connectionIsDNATed,
                     .lookup([.sourceAddress, .destinationAddress], set: FixedSet.endpointHairpin.name, negated: false),
                     jump(mark)),
                rule(.markBitsClear(masqueradeMark), .verdict(.return)),
                rule(.toggleMarkBits(masqueradeMark)),
                rule(.masqueradeFullyRandom),
            ]),
        ]
    }
}
