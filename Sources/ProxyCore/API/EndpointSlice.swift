/// A discovery.k8s.io/v1 EndpointSlice, as the API server and `kubectl get -o yaml` write it.
///
/// Only the fields the proxy reads are modelled; unknown fields are ignored.
public struct EndpointSlice: Codable, Hashable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var addressType: String?
    public var endpoints: [Endpoint]?
    public var ports: [Port]?

    /// The label naming the Service a slice belongs to.
    public static let serviceNameLabel = "kubernetes.io/service-name"

    public init(metadata: ObjectMeta, addressType: String?, endpoints: [Endpoint]?, ports: [Port]?) {
        self.apiVersion = "discovery.k8s.io/v1"
        self.kind = "EndpointSlice"
        self.metadata = metadata
        self.addressType = addressType
        self.endpoints = endpoints
        self.ports = ports
    }

    /// One entry of `endpoints`.
    public struct Endpoint: Codable, Hashable, Sendable {
        public var addresses: [String]?
        public var conditions: Conditions?
        public var nodeName: String?
        public var zone: String?
        public var hints: Hints?

        public init(
            addresses: [String]?, conditions: Conditions? = nil, nodeName: String? = nil, zone: String? = nil,
            hints: Hints? = nil
        ) {
            self.addresses = addresses
            self.conditions = conditions
            self.nodeName = nodeName
            self.zone = zone
            self.hints = hints
        }
    }

    /// `endpoints[].conditions`; a missing `ready` or `serving` means true.
    public struct Conditions: Codable, Hashable, Sendable {
        public var ready: Bool?
        public var serving: Bool?
        public var terminating: Bool?

        public init(ready: Bool? = nil, serving: Bool? = nil, terminating: Bool? = nil) {
            self.ready = ready
            self.serving = serving
            self.terminating = terminating
        }
    }

    /// `endpoints[].hints`.
    public struct Hints: Codable, Hashable, Sendable {
        public var forZones: [NamedHint]?
        public var forNodes: [NamedHint]?

        public init(forZones: [NamedHint]? = nil, forNodes: [NamedHint]? = nil) {
            self.forZones = forZones
            self.forNodes = forNodes
        }
    }

    /// A zone or node hint: `{name: ...}`.
    public struct NamedHint: Codable, Hashable, Sendable {
        public var name: String?

        public init(name: String?) { self.name = name }
    }

    /// One entry of `ports`.
    public struct Port: Codable, Hashable, Sendable {
        public var name: String?
        public var `protocol`: String?
        public var port: Int?

        public init(name: String?, protocol: String? = nil, port: Int?) {
            self.name = name
            self.protocol = `protocol`
            self.port = port
        }
    }
}
