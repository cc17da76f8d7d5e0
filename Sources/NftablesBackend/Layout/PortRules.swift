import ProxyCore

/// What one service port contributes to the table (docs/nftables-layout.md §9): per frontend key,
/// the elements that classify it and select its endpoints; per port, the elements it shares with
/// other ports (hairpin, health-check NodePort) and its affinity chains.
struct PortRules: Hashable {
    /// The elements of one frontend key, materialised only while this port owns the key.
    struct FrontendRules: Hashable {
        let key: FrontendKey
        let claim: FrontendClaim
        let memberships: [Membership]
    }

    let frontends: [FrontendRules]
    /// Elements other ports may hold too; each is kept while any port holds it.
    let shared: [Membership]
    let affinityChains: [AffinityChain]

    init(_ port: ServicePortNode, family: IPFamily) {
        var builder = Builder(port: port, family: family)
        var frontends: [FrontendRules] = []
        var seen: Set<FrontendKey> = []
        for (index, frontend) in port.frontends.enumerated() {
            let key = FrontendKey(frontend)
            guard seen.insert(key).inserted else { continue }
            frontends.append(FrontendRules(key: key, claim: FrontendClaim(port: port.name, index: index),
                                           memberships: builder.memberships(frontend, key: key)))
        }
        self.frontends = frontends
        var shared = port.reachableEndpoints.map {
            Membership(.endpointHairpin, [.address($0.address), .address($0.address)])
        }
        if let healthCheck = port.healthCheckNodePort { shared.append(Membership(.healthCheckNodePorts, [.port(healthCheck)])) }
        self.shared = shared
        self.affinityChains = builder.affinityChains
    }

    /// Builds the memberships of one port's frontends, noting the affinity chains they use.
    private struct Builder {
        let port: ServicePortNode
        let family: IPFamily
        private var affinitySets: Set<EndpointSetKind> = []

        init(port: ServicePortNode, family: IPFamily) {
            self.port = port
            self.family = family
        }

        var comment: String { port.name.description }

        mutating func memberships(_ frontend: Frontend, key: FrontendKey) -> [Membership] {
            let nodePort = frontend.kind == .nodePort
            func classify(_ set: FixedSet) -> Membership { Membership(set, key.values, comment: comment) }
            guard frontend.kind.isExternal else {
                switch port.internalRoute {
                case .endpoints(let set):
                    return [classify(set == .cluster ? .clusterIPCluster : .clusterIPLocal)] + group(nodePort: false, set, key)
                case .drop: return [classify(.noEndpointDrop)]
                case .reject: return [classify(.noEndpointReject)]
                }
            }
            guard let external = port.external, port.hasEndpoints, external.route != .reject else {
                return [classify(nodePort ? .noEndpointNodePortReject : .noEndpointReject)]
            }
            var result: [Membership]
            if external.masqueradesAll {
                result = [classify(nodePort ? .nodePortCluster : .externalCluster)] + group(nodePort: nodePort, .cluster, key)
            } else {
                result = [classify(nodePort ? .nodePortLocal : .externalLocal)] + group(nodePort: nodePort, .cluster, key)
                switch external.route {
                case .endpoints(let set): result += group(nodePort: nodePort, set, key)
                case .drop, .reject: result.append(classify(nodePort ? .noEndpointNodePortDrop : .noEndpointDrop))
                }
            }
            if frontend.kind == .loadBalancer, let firewall = port.loadBalancerFirewall {
                result += firewallMemberships(firewall, key: key)
            }
            return result
        }

        /// Endpoint selection for one frontend in one select chain: size-map elements, or the
        /// affinity verdict-map element.
        private mutating func group(nodePort: Bool, _ set: EndpointSetKind, _ key: FrontendKey) -> [Membership] {
            let endpoints = port.endpoints(set)
            guard !endpoints.isEmpty else { return [] }
            let select = SelectChain(nodePort: nodePort, set: set)
            if port.sessionAffinityTimeout != nil {
                affinitySets.insert(set)
                let chain = set == .cluster ? NftablesNames.clusterAffinityChain(port.name)
                    : NftablesNames.localAffinityChain(port.name)
                return [Membership(.fixed(select.affinityMap), NftElement(key.values, value: .verdict(.goto(chain))))]
            }
            let map = SizeMap(chain: select, transport: port.transport, size: endpoints.count)
            return endpoints.enumerated().map { bucket, endpoint in
                Membership(.size(map), NftElement(key.sizeMapValues + [.integer(UInt32(bucket))],
                                                  value: .data([.address(endpoint.address), .port(endpoint.port)])))
            }
        }

        private func firewallMemberships(_ firewall: LoadBalancerFirewall, key: FrontendKey) -> [Membership] {
            var result = [Membership(.firewallIPs, key.values, comment: comment)]
            // An interval set refuses overlapping ranges, and CIDRs only overlap by nesting: keep
            // the outermost ones.
            let ranges = firewall.sourceRanges.filter { $0.family == family }
                + firewall.allowedLoadBalancerSources.filter { $0.family == family }.map { CIDR(host: $0) }
            var outermost: [CIDR] = []
            for range in ranges.sorted(by: { $0.prefixLength < $1.prefixLength })
            where !outermost.contains(where: { $0.contains(range.network) }) {
                outermost.append(range)
            }
            let sources = outermost.map(Self.sourceValue)
            for source in sources { result.append(Membership(.firewallAllow, key.values + [source])) }
            return result
        }

        /// A source range as nft prints it: a host range is a plain address.
        private static func sourceValue(_ range: CIDR) -> NftValue {
            range.prefixLength == range.address.bitWidth ? .address(range.address) : .network(CIDR(address: range.network, prefixLength: range.prefixLength))
        }

        var affinityChains: [AffinityChain] {
            guard let timeout = port.sessionAffinityTimeout else { return [] }
            return [EndpointSetKind.cluster, .local].filter(affinitySets.contains).map { set in
                let name = set == .cluster ? NftablesNames.clusterAffinityChain(port.name)
                    : NftablesNames.localAffinityChain(port.name)
                return AffinityChain(name: name, port: port.name, endpoints: port.endpoints(set), timeout: timeout, family: family)
            }
        }
    }
}
