import ProxyCore

/// The sets and maps every `proxyd` table holds, whatever the cluster (docs/nftables-layout.md §3.2).
enum FixedSet: String, CaseIterable {
    case nodePortIPs = "nodeport-ips"
    case endpointHairpin = "endpoint-hairpin"
    case clusterIPCluster = "clusterip-cluster"
    case clusterIPLocal = "clusterip-local"
    case externalCluster = "external-cluster"
    case externalLocal = "external-local"
    case nodePortCluster = "nodeport-cluster"
    case nodePortLocal = "nodeport-local"
    case noEndpointReject = "no-endpoint-reject"
    case noEndpointDrop = "no-endpoint-drop"
    case noEndpointNodePortReject = "no-endpoint-nodeport-reject"
    case noEndpointNodePortDrop = "no-endpoint-nodeport-drop"
    case firewallIPs = "firewall-ips"
    case firewallAllow = "firewall-allow"
    case healthCheckNodePorts = "health-check-nodeports"
    case affinityCluster = "affinity-cluster"
    case affinityLocal = "affinity-local"
    case affinityNodePortCluster = "affinity-nodeport-cluster"
    case affinityNodePortLocal = "affinity-nodeport-local"

    var name: String { rawValue }

    /// `addr . proto . port`, matched as `ip daddr . meta l4proto . th dport`.
    static let addressKey: NftKey = [.destinationAddress, .transportProtocol, .anyDestinationPort]
    /// `proto . port`, matched as `meta l4proto . th dport`.
    static let portKey: NftKey = [.transportProtocol, .anyDestinationPort]

    /// The declaration in a table of a family.
    func definition(_ family: IPFamily) -> NftSet {
        let address: NftDataType = family == .ipv4 ? .ipv4Address : .ipv6Address
        let addressKey = NftSet.Typing.types([address, .transportProtocol, .port])
        let portKey = NftSet.Typing.types([.transportProtocol, .port])
        let verdict = NftSet.Typing.types([.verdict])
        switch self {
        case .nodePortIPs:
            return NftSet(name, key: .types([address]),
                          comment: "addresses that accept NodePort traffic (nodePortAddresses)")
        case .endpointHairpin:
            return NftSet(name, key: .types([address, address]),
                          comment: "E . E for every endpoint IP: a DNAT-ed packet from E to E is hairpin traffic")
        case .clusterIPCluster: return NftSet(name, key: addressKey, comment: "ClusterIPs routed to cluster endpoints")
        case .clusterIPLocal:
            return NftSet(name, key: addressKey, comment: "ClusterIPs routed to local endpoints (internalTrafficPolicy Local)")
        case .externalCluster:
            return NftSet(name, key: addressKey, comment: "external IPs and load-balancer IPs with externalTrafficPolicy Cluster")
        case .externalLocal:
            return NftSet(name, key: addressKey, comment: "external IPs and load-balancer IPs with externalTrafficPolicy Local")
        case .nodePortCluster: return NftSet(name, key: portKey, comment: "NodePorts with externalTrafficPolicy Cluster")
        case .nodePortLocal: return NftSet(name, key: portKey, comment: "NodePorts with externalTrafficPolicy Local")
        case .noEndpointReject: return NftSet(name, key: addressKey, comment: "frontends of services without endpoints")
        case .noEndpointDrop: return NftSet(name, key: addressKey, comment: "frontends whose Local policy has no local endpoints")
        case .noEndpointNodePortReject: return NftSet(name, key: portKey, comment: "NodePorts of services without endpoints")
        case .noEndpointNodePortDrop:
            return NftSet(name, key: portKey, comment: "NodePorts whose Local policy has no local endpoints")
        case .firewallIPs: return NftSet(name, key: addressKey, comment: "load-balancer IPs with loadBalancerSourceRanges")
        case .firewallAllow:
            return NftSet(name, key: .types([address, .transportProtocol, .port, address]), flags: .interval,
                          comment: "load-balancer IP . protocol . port . allowed source range")
        case .healthCheckNodePorts: return NftSet(name, key: .types([.port]), comment: "health-check NodePorts")
        case .affinityCluster:
            return NftSet(name, key: addressKey, value: verdict,
                          comment: "address frontends with ClientIP affinity: their cluster endpoint chain")
        case .affinityLocal:
            return NftSet(name, key: addressKey, value: verdict,
                          comment: "address frontends with ClientIP affinity: their local endpoint chain")
        case .affinityNodePortCluster:
            return NftSet(name, key: portKey, value: verdict,
                          comment: "NodePorts with ClientIP affinity: their cluster endpoint chain")
        case .affinityNodePortLocal:
            return NftSet(name, key: portKey, value: verdict,
                          comment: "NodePorts with ClientIP affinity: their local endpoint chain")
        }
    }
}
