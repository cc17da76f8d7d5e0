/// A core/v1 Node: only what the proxy reads (labels, pod CIDRs, addresses, taints).
public struct Node: Codable, Hashable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: Spec?
    public var status: Status?

    public init(metadata: ObjectMeta, spec: Spec? = nil, status: Status? = nil) {
        self.apiVersion = "v1"
        self.kind = "Node"
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// `spec` of a Node.
    public struct Spec: Codable, Hashable, Sendable {
        public var podCIDR: String?
        public var podCIDRs: [String]?
        public var taints: [Taint]?

        public init(podCIDR: String? = nil, podCIDRs: [String]? = nil, taints: [Taint]? = nil) {
            self.podCIDR = podCIDR
            self.podCIDRs = podCIDRs
            self.taints = taints
        }
    }

    /// One entry of `spec.taints`.
    public struct Taint: Codable, Hashable, Sendable {
        public var key: String?
        public var value: String?
        public var effect: String?
    }

    /// `status` of a Node.
    public struct Status: Codable, Hashable, Sendable {
        public var addresses: [Address]?

        public init(addresses: [Address]?) { self.addresses = addresses }
    }

    /// One entry of `status.addresses`.
    public struct Address: Codable, Hashable, Sendable {
        public var type: String?
        public var address: String?

        public init(type: String?, address: String?) {
            self.type = type
            self.address = address
        }
    }
}
