import ProxyCore

/// Where the kernel runner sends a probe from.
enum ProbeClient {
    /// A namespace that owns the probe's source address.
    case namespace(NetworkNamespace, role: String)
    /// The probe cannot be sent as real packets in this topology.
    case unsupported(String)

    /// Finds or creates the host of a probe's source address.
    static func resolve(_ probe: Probe, scenario: Scenario, topology: KernelTopology,
                        serviceAddresses: Set<IPAddress>) throws -> ProbeClient {
        let source = probe.source
        if source.isLoopback || topology.nodeIPs.contains(source) {
            return .namespace(topology.node, role: "this node")
        }
        if let pod = topology.pods[source] {
            guard topology.isOnThisNode(source) || topology.nodeIPs.contains(probe.destination.address) else {
                return .unsupported("a pod on the other node only reaches this node's rules through its IPs")
            }
            return .namespace(pod, role: topology.isOnThisNode(source) ? "pod on this node" : "pod on the other node")
        }
        if serviceAddresses.contains(source) {
            return .unsupported("the source is a service address, which a host outside the node cannot own")
        }
        if scenario.options.clusterCIDRs.contains(where: { $0.contains(source) }) {
            return .namespace(try topology.addPod(source, onThisNode: true), role: "client pod on this node")
        }
        try topology.addOutsideAddress(source)
        return .namespace(topology.outside, role: "outside host")
    }
}
