/// One Kubernetes API object of a kind the proxy uses.
public enum KubeObject: Hashable, Sendable {
    case service(Service)
    case endpointSlice(EndpointSlice)
    case node(Node)

    /// `Kind namespace/name` (or `Kind name` for nodes), for messages.
    public var displayName: String {
        switch self {
        case .service(let service): "Service \(service.metadata.namespace ?? "default")/\(service.metadata.name ?? "?")"
        case .endpointSlice(let slice):
            "EndpointSlice \(slice.metadata.namespace ?? "default")/\(slice.metadata.name ?? "?")"
        case .node(let node): "Node \(node.metadata.name ?? "?")"
        }
    }
}
