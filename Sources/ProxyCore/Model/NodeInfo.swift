/// A validated Node: its labels (for topology), pod CIDRs and addresses.
public struct NodeInfo: Hashable, Sendable {
    /// The label holding a node's zone, used by topology-aware routing.
    public static let zoneLabel = "topology.kubernetes.io/zone"

    public let name: String
    public let labels: [String: String]
    public let podCIDRs: [CIDR]
    /// The InternalIP addresses, then the ExternalIP ones, as upstream's `GetNodeHostIPs` orders them.
    public let addresses: [IPAddress]
    /// Whether the node is being deleted or is marked for removal by the cluster autoscaler.
    public let isBeingRemoved: Bool

    /// Validates an API Node.
    /// - Throws: ``InputError`` naming the object and the first invalid field.
    public init(_ node: Node) throws {
        guard let name = node.metadata.name, !name.isEmpty else {
            throw InputError(object: "Node", field: "metadata.name", message: "is required")
        }
        let reader = FieldReader(object: "Node \(name)")
        self.name = name
        self.labels = node.metadata.labels ?? [:]
        var cidrs = try (node.spec?.podCIDRs ?? []).enumerated().map { index, text in
            try reader.cidr(text, "spec.podCIDRs[\(index)]")
        }
        if cidrs.isEmpty, let single = node.spec?.podCIDR, !single.isEmpty {
            cidrs = [try reader.cidr(single, "spec.podCIDR")]
        }
        self.podCIDRs = cidrs
        var internalAddresses: [IPAddress] = []
        var external: [IPAddress] = []
        for (index, address) in (node.status?.addresses ?? []).enumerated() {
            guard address.type == "InternalIP" || address.type == "ExternalIP", let text = address.address else { continue }
            let ip = try reader.ip(text, "status.addresses[\(index)].address")
            if address.type == "InternalIP" { internalAddresses.append(ip) } else { external.append(ip) }
        }
        self.addresses = internalAddresses + external
        let autoscalerTaint = node.spec?.taints?.contains { $0.key == "ToBeDeletedByClusterAutoscaler" } ?? false
        self.isBeingRemoved = node.metadata.deletionTimestamp != nil || autoscalerTaint
    }

    /// The node's zone label, if set.
    public var zone: String? { labels[NodeInfo.zoneLabel] }
}
