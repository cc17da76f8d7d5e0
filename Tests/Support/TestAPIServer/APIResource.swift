/// A resource the test API server serves: its kind, group/version and REST collection.
enum APIResource: String, Sendable, CaseIterable {
    case services
    case endpointSlices = "endpointslices"
    case nodes

    /// The object kind, as in the `kind` field (`Service`).
var kind: String {
        switch self {
        case .services: "Service"
        case .endpointSlices: "EndpointSlice"
        case .nodes: "Node"
        }
    }

    /// The `apiVersion` of the objects (`v1`, `discovery.k8s.io/v1`).
var apiVersion: String {
        self == .endpointSlices ? "discovery.k8s.io/v1" : "v1"
    }

    /// Whether objects live in a namespace.
var isNamespaced: Bool {
        self != .nodes
    }

    /// The resource whose objects have `kind`.
init?(kind: String) {
        guard let resource = Self.allCases.first(where: { $0.kind == kind }) else { return nil }
        self = resource
    }

    /// The path prefix of the group/version: `/api/v1` or `/apis/discovery.k8s.io/v1`.
    var groupVersionPath: String {
        self == .endpointSlices ? "/apis/discovery.k8s.io/v1" : "/api/v1"
    }
}

/// What a request path names: a collection of one resource (optionally in a namespace), or one object in it.
struct ResourcePath: Equatable {
    var resource: APIResource
    var namespace: String?
    var name: String?

    /// Parses `/api/v1/services`, `/api/v1/namespaces/NS/services[/NAME]`, `/api/v1/nodes[/NAME]`
    /// and the same under `/apis/discovery.k8s.io/v1`; `nil` for any other path.
    init?(path: String) {
        for resource in APIResource.allCases where path.hasPrefix(resource.groupVersionPath + "/") {
            var rest = path.dropFirst(resource.groupVersionPath.count + 1).split(separator: "/", omittingEmptySubsequences: false)
            var namespace: String?
            if resource.isNamespaced, rest.count >= 3, rest[0] == "namespaces", !rest[1].isEmpty {
                namespace = String(rest[1])
                rest.removeFirst(2)
            }
            guard rest.first.map(String.init) == resource.rawValue, rest.count <= 2 else { continue }
            let name = rest.count == 2 ? String(rest[1]) : nil
            if name?.isEmpty == true || (resource.isNamespaced && namespace == nil && name != nil) { return nil }
            self.resource = resource
            self.namespace = namespace
            self.name = name
            return
        }
        return nil
    }
}
