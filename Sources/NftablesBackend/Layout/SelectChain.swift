import ProxyCore

/// One of the four chains that pick an endpoint (docs/nftables-layout.md §5): for address or
/// NodePort frontends, from the cluster or the local endpoint set.
enum SelectChain: CaseIterable, Hashable, Comparable {
    case cluster
    case local
    case nodePortCluster
    case nodePortLocal

    /// The select chain for a frontend kind and an endpoint set.
    init(nodePort: Bool, set: EndpointSetKind) {
        switch (nodePort, set) {
        case (false, .cluster): self = .cluster
        case (false, .local): self = .local
        case (true, .cluster): self = .nodePortCluster
        case (true, .local): self = .nodePortLocal
        }
    }

    var name: String {
        switch self {
        case .cluster: "select-cluster"
        case .local: "select-local"
        case .nodePortCluster: "select-nodeport-cluster"
        case .nodePortLocal: "select-nodeport-local"
        }
    }

    /// The prefix of its size maps' names.
    var mapPrefix: String {
        switch self {
        case .cluster: "endpoints"
        case .local: "local-endpoints"
        case .nodePortCluster: "nodeport-endpoints"
        case .nodePortLocal: "nodeport-local-endpoints"
        }
    }

    /// The verdict map that sends affinity frontends to their chains.
    var affinityMap: FixedSet {
        switch self {
        case .cluster: .affinityCluster
        case .local: .affinityLocal
        case .nodePortCluster: .affinityNodePortCluster
        case .nodePortLocal: .affinityNodePortLocal
        }
    }

    var isNodePort: Bool { self == .nodePortCluster || self == .nodePortLocal }

    /// The frontend key its maps are keyed by.
    var frontendKey: NftKey { isNodePort ? FixedSet.portKey : FixedSet.addressKey }
}
