import ProxyCore

/// Where the kernel runner sends a probe from.
enum ProbeClient {
    /// A namespace that owns the probe's source address, and what it plays.
    case namespace(NetworkNamespace, role: Probe.Client)
    /// The probe cannot be sent as real packets in this topology.
    case unsupported(String)

    /// Finds or creates the host of a probe's source address.
    ///
    /// Without an explicit `client`, the node's IPs and loopback are the node, endpoint addresses
    /// are their pods, addresses in the cluster CIDR are client pods on this node, and anything
    /// else is a host outside the cluster.
    static func resolve(_ probe: Probe, scenario: Scenario, topology: KernelTopology,
                        serviceAddresses: Set<IPAddress>) throws -> ProbeClient {
        let source = probe.source
        let isNodeAddress = source.isLoopback || topology.nodeIPs.contains(source)
        let role = probe.client ?? inferredRole(source, scenario: scenario, topology: topology, isNodeAddress: isNodeAddress)
        switch role {
        case .node:
            guard isNodeAddress else { return .unsupported("\(source) is not an address of this node") }
            return .namespace(topology.node, role: .node)
        case .pod, .otherNodePod:
            let onThisNode = role == .pod
            if !onThisNode, !topology.nodeIPs.contains(probe.destination.address) {
                return .unsupported("a pod on the other node reaches this node's rules only through this node's IPs")
            }
            if let pod = topology.pods[source] {
                guard topology.isOnThisNode(source) == onThisNode else {
                    return .unsupported("\(source) is a pod on the \(onThisNode ? "other" : "this") node")
                }
                return .namespace(pod, role: role)
            }
            return .namespace(try topology.addPod(source, onThisNode: onThisNode), role: role)
        case .outside:
            if isNodeAddress || topology.pods[source] != nil {
                return .unsupported("\(source) belongs to a node or a pod, not to an outside host")
            }
            if serviceAddresses.contains(source) {
                return .unsupported("the source is a service address, which a host outside the node cannot own")
            }
            try topology.addOutsideAddress(source)
            return .namespace(topology.outside, role: .outside)
        }
    }

    private static func inferredRole(_ source: IPAddress, scenario: Scenario, topology: KernelTopology,
                                     isNodeAddress: Bool) -> Probe.Client {
        if isNodeAddress { return .node }
        if topology.pods[source] != nil { return topology.isOnThisNode(source) ? .pod : .otherNodePod }
        if scenario.options.clusterCIDRs.contains(where: { $0.contains(source) }) { return .pod }
        return .outside
    }
}
