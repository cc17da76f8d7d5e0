/// A validated Service: every value the proxy uses, parsed and range-checked.
///
/// Built with ``init(_:)``, which throws an ``InputError`` naming the first bad field.
public struct ServiceInfo: Hashable, Sendable {
    /// The label that hands a Service to another proxy implementation.
    public static let serviceProxyNameLabel = "service.kubernetes.io/service-proxy-name"

    /// `spec.type`.
    public enum Kind: String, Hashable, Sendable {
        case clusterIP = "ClusterIP"
        case nodePort = "NodePort"
        case loadBalancer = "LoadBalancer"
        case externalName = "ExternalName"
    }

    /// One validated entry of `spec.ports`.
    public struct Port: Hashable, Sendable {
        public let name: String
        public let transport: TransportProtocol
        public let port: Int
        /// The node port, or nil for none.
        public let nodePort: Int?
    }

    public let name: NamespacedName
    public let kind: Kind
    public let labels: [String: String]
    /// The ClusterIPs, one per family at most; empty for headless and ExternalName services.
    public let clusterIPs: [IPAddress]
    public let ports: [Port]
    public let externalIPs: [IPAddress]
    public let loadBalancerSourceRanges: [CIDR]
    /// Load-balancer ingress IPs whose `ipMode` is unset or `VIP` (`Proxy` ones get no rules).
    public let loadBalancerIPs: [IPAddress]
    public let externalTrafficPolicyLocal: Bool
    public let internalTrafficPolicyLocal: Bool
    /// The ClientIP session-affinity timeout in seconds, or nil without affinity.
    public let sessionAffinityTimeout: Int?
    public let healthCheckNodePort: Int?

    /// Whether the proxy ignores this Service: headless and ExternalName services.
    public var isSkipped: Bool { kind == .externalName || clusterIPs.isEmpty }

    /// Validates an API Service.
    /// - Throws: ``InputError`` naming the object and the first invalid field.
    public init(_ service: Service) throws {
        let name = try ObjectIdentity.name(of: service.metadata, kind: "Service")
        let reader = FieldReader(object: "Service \(name)")
        guard let spec = service.spec else { throw reader.fail("spec", "is required") }
        self.name = name
        self.labels = service.metadata.labels ?? [:]

        let type = try reader.oneOf(spec.type, ["", "ClusterIP", "NodePort", "LoadBalancer", "ExternalName"], "spec.type")
        self.kind = Kind(rawValue: type) ?? .clusterIP

        var clusterIPs: [IPAddress] = []
        if kind != .externalName {
            let written = spec.clusterIPs ?? []
            if written.isEmpty, let single = spec.clusterIP, single != "None", !single.isEmpty {
                clusterIPs = [try reader.ip(single, "spec.clusterIP")]
            }
            for (index, text) in written.enumerated() where text != "None" && !text.isEmpty {
                clusterIPs.append(try reader.ip(text, "spec.clusterIPs[\(index)]"))
            }
        }
        self.clusterIPs = clusterIPs

        self.ports = try (spec.ports ?? []).enumerated().map { index, port in
            let field = "spec.ports[\(index)]"
            return Port(
                name: port.name ?? "",
                transport: try reader.transport(port.protocol, "\(field).protocol"),
                port: try reader.port(port.port, "\(field).port"),
                nodePort: try reader.optionalPort(port.nodePort, "\(field).nodePort"))
        }
        self.externalIPs = try (spec.externalIPs ?? []).enumerated().map { index, text in
            try reader.ip(text, "spec.externalIPs[\(index)]")
        }
        self.loadBalancerSourceRanges = try (spec.loadBalancerSourceRanges ?? []).enumerated().map { index, text in
            try reader.cidr(text, "spec.loadBalancerSourceRanges[\(index)]")
        }
        var loadBalancerIPs: [IPAddress] = []
        for (index, ingress) in (service.status?.loadBalancer?.ingress ?? []).enumerated() {
            let field = "status.loadBalancer.ingress[\(index)]"
            let mode = try reader.oneOf(ingress.ipMode, ["", "VIP", "Proxy"], "\(field).ipMode")
            guard let text = ingress.ip, !text.isEmpty else { continue }
            let address = try reader.ip(text, "\(field).ip")
            if mode != "Proxy" { loadBalancerIPs.append(address) }
        }
        self.loadBalancerIPs = loadBalancerIPs

        let externalPolicy = try reader.oneOf(
            spec.externalTrafficPolicy, ["", "Cluster", "Local"], "spec.externalTrafficPolicy")
        self.externalTrafficPolicyLocal = externalPolicy == "Local" && (kind == .nodePort || kind == .loadBalancer)
        let internalPolicy = try reader.oneOf(
            spec.internalTrafficPolicy, ["", "Cluster", "Local"], "spec.internalTrafficPolicy")
        self.internalTrafficPolicyLocal = internalPolicy == "Local"

        let affinity = try reader.oneOf(spec.sessionAffinity, ["", "None", "ClientIP"], "spec.sessionAffinity")
        if affinity == "ClientIP" {
            let timeout = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800
            guard (1...86400).contains(timeout) else {
                throw reader.fail("spec.sessionAffinityConfig.clientIP.timeoutSeconds", "\(timeout) is not in 1..86400")
            }
            self.sessionAffinityTimeout = timeout
        } else {
            self.sessionAffinityTimeout = nil
        }
        let healthCheckNodePort = try reader.optionalPort(spec.healthCheckNodePort, "spec.healthCheckNodePort")
        self.healthCheckNodePort = kind == .loadBalancer && externalTrafficPolicyLocal ? healthCheckNodePort : nil
    }

    /// The ClusterIP of a family, if the service has one.
    public func clusterIP(for family: IPFamily) -> IPAddress? {
        clusterIPs.first { $0.family == family }
    }
}

/// Reads the identity of an object from its metadata.
enum ObjectIdentity {
    /// The object's namespace (default `default`, as `kubectl apply` does) and name.
    static func name(of metadata: ObjectMeta, kind: String) throws -> NamespacedName {
        guard let name = metadata.name, !name.isEmpty else {
            throw InputError(object: kind, field: "metadata.name", message: "is required")
        }
        let namespace = metadata.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        return NamespacedName(namespace: namespace, name: name)
    }
}
