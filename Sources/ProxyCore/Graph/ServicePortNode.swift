/// One service port in the service graph: its frontends, the policy for internal and external
/// traffic, and the endpoint sets those policies lead to.
///
/// Every decision a backend needs is already made here; a backend only chooses how to express it.
public struct ServicePortNode: Hashable, Sendable {
    public let name: ServicePortName
    public let clusterIP: IPAddress
    public let port: Int
    public let nodePort: Int?
    public let externalIPs: [IPAddress]
    public let loadBalancerIPs: [IPAddress]
    /// The health-check NodePort (LoadBalancer with `externalTrafficPolicy: Local`).
    public let healthCheckNodePort: Int?
    /// The ClientIP session-affinity timeout in seconds, or nil without affinity.
    public let sessionAffinityTimeout: Int?
    /// Whether any usable endpoint exists anywhere.
    public let hasEndpoints: Bool
    /// Where ClusterIP traffic goes (masqueraded per ``NodeContext`` rules).
    public let internalRoute: TrafficRoute
    /// How traffic through external frontends is handled; nil when the port has none.
    public let external: ExternalPolicy?
    /// Source ranges guarding the load-balancer IPs; nil when unrestricted or without endpoints.
    public let loadBalancerFirewall: LoadBalancerFirewall?
    /// Endpoints for the Cluster policy, sorted by `ip:port`; empty when no route uses them.
    public let clusterEndpoints: [ServiceEndpoint]
    /// This node's endpoints for the Local policy, sorted by `ip:port`; empty when no route uses them.
    public let localEndpoints: [ServiceEndpoint]
    /// How many endpoints the port's slices list, usable or not (upstream sizes "large clusters" by it).
    public let listedEndpointCount: Int

    public init(
        name: ServicePortName, clusterIP: IPAddress, port: Int, nodePort: Int?, externalIPs: [IPAddress],
        loadBalancerIPs: [IPAddress], healthCheckNodePort: Int?, sessionAffinityTimeout: Int?, hasEndpoints: Bool,
        internalRoute: TrafficRoute, external: ExternalPolicy?, loadBalancerFirewall: LoadBalancerFirewall?,
        clusterEndpoints: [ServiceEndpoint], localEndpoints: [ServiceEndpoint], listedEndpointCount: Int
    ) {
        self.name = name
        self.clusterIP = clusterIP
        self.port = port
        self.nodePort = nodePort
        self.externalIPs = externalIPs
        self.loadBalancerIPs = loadBalancerIPs
        self.healthCheckNodePort = healthCheckNodePort
        self.sessionAffinityTimeout = sessionAffinityTimeout
        self.hasEndpoints = hasEndpoints
        self.internalRoute = internalRoute
        self.external = external
        self.loadBalancerFirewall = loadBalancerFirewall
        self.clusterEndpoints = clusterEndpoints
        self.localEndpoints = localEndpoints
        self.listedEndpointCount = listedEndpointCount
    }

    public var transport: TransportProtocol { name.transport }

    /// Every frontend: the ClusterIP, then externalIPs, load-balancer IPs and the NodePort.
    public var frontends: [Frontend] {
        var result = [Frontend(kind: .clusterIP, address: clusterIP, port: port, transport: transport)]
        result += externalIPs.map { Frontend(kind: .externalIP, address: $0, port: port, transport: transport) }
        result += loadBalancerIPs.map { Frontend(kind: .loadBalancer, address: $0, port: port, transport: transport) }
        if let nodePort { result.append(Frontend(kind: .nodePort, address: nil, port: nodePort, transport: transport)) }
        return result
    }

    /// The endpoints of a set.
    public func endpoints(_ kind: EndpointSetKind) -> [ServiceEndpoint] {
        kind == .cluster ? clusterEndpoints : localEndpoints
    }

    /// Every endpoint some route may use: the cluster and local sets together, sorted by `ip:port`.
    public var reachableEndpoints: [ServiceEndpoint] {
        Array(Set(clusterEndpoints).union(localEndpoints)).sorted()
    }

    /// The route a frontend's traffic takes once any short-circuit did not apply.
    public func route(for kind: Frontend.Kind) -> TrafficRoute {
        kind.isExternal ? (external?.route ?? .reject) : internalRoute
    }
}
