import ProxyCore

/// A collection the proxy lists and watches: its URL path, its kind, and how its objects decode.
public struct APIResource: Sendable, Hashable, CustomStringConvertible {
    /// The collection path (`/api/v1/services`).
    public let path: String
    /// The kind of its objects (`Service`).
    public let kind: String

    /// core/v1 Services.
    public static let services = APIResource(path: "/api/v1/services", kind: "Service")
    /// discovery.k8s.io/v1 EndpointSlices.
    public static let endpointSlices = APIResource(path: "/apis/discovery.k8s.io/v1/endpointslices", kind: "EndpointSlice")
    /// core/v1 Nodes.
    public static let nodes = APIResource(path: "/api/v1/nodes", kind: "Node")

    public var description: String { path }
}

/// A list or watch request's selectors, as kube-proxy's informers set them.
public struct ListSelectors: Sendable, Hashable {
    public var labelSelector: String?
    public var fieldSelector: String?

    public init(labelSelector: String? = nil, fieldSelector: String? = nil) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
    }

    /// The selector of Services and EndpointSlices: objects for this proxy (no
    /// `service.kubernetes.io/service-proxy-name` label, or the given one) and not headless.
    public static func serviceObjects(serviceProxyName: String?) -> ListSelectors {
        let proxyName = serviceProxyName.map { "\(ServiceInfo.serviceProxyNameLabel)=\($0)" }
            ?? "!\(ServiceInfo.serviceProxyNameLabel)"
        return ListSelectors(labelSelector: "\(proxyName),!service.kubernetes.io/headless")
    }

    /// The selector of this node's Node object.
    public static func node(named name: String) -> ListSelectors {
        ListSelectors(fieldSelector: "metadata.name=\(name)")
    }

    var queryItems: [(String, String)] {
        [("labelSelector", labelSelector), ("fieldSelector", fieldSelector)].compactMap { name, value in
            value.map { (name, $0) }
        }
    }
}
