/// A core/v1 Service, as the API server and `kubectl get -o yaml` write it.
///
/// Only the fields the proxy reads are modelled; unknown fields are ignored. Values are kept as
/// written (strings and plain integers) so that ``ServiceInfo`` can report a bad value by field.
public struct Service: Codable, Hashable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: Spec?
    public var status: Status?

    public init(metadata: ObjectMeta, spec: Spec?, status: Status? = nil) {
        self.apiVersion = "v1"
        self.kind = "Service"
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// `spec` of a Service.
    public struct Spec: Codable, Hashable, Sendable {
        public var type: String?
        public var clusterIP: String?
        public var clusterIPs: [String]?
        public var ipFamilies: [String]?
        public var ports: [Port]?
        public var externalIPs: [String]?
        public var externalName: String?
        public var loadBalancerSourceRanges: [String]?
        public var externalTrafficPolicy: String?
        public var internalTrafficPolicy: String?
        public var healthCheckNodePort: Int?
        public var sessionAffinity: String?
        public var sessionAffinityConfig: SessionAffinityConfig?
        public var trafficDistribution: String?

        public init(
            type: String? = nil, clusterIP: String? = nil, clusterIPs: [String]? = nil, ports: [Port]? = nil,
            externalIPs: [String]? = nil, loadBalancerSourceRanges: [String]? = nil,
            externalTrafficPolicy: String? = nil, internalTrafficPolicy: String? = nil,
            healthCheckNodePort: Int? = nil, sessionAffinity: String? = nil,
            sessionAffinityConfig: SessionAffinityConfig? = nil
        ) {
            self.type = type
            self.clusterIP = clusterIP
            self.clusterIPs = clusterIPs
            self.ports = ports
            self.externalIPs = externalIPs
            self.loadBalancerSourceRanges = loadBalancerSourceRanges
            self.externalTrafficPolicy = externalTrafficPolicy
            self.internalTrafficPolicy = internalTrafficPolicy
            self.healthCheckNodePort = healthCheckNodePort
            self.sessionAffinity = sessionAffinity
            self.sessionAffinityConfig = sessionAffinityConfig
        }
    }

    /// One entry of `spec.ports`.
    public struct Port: Codable, Hashable, Sendable {
        public var name: String?
        public var `protocol`: String?
        public var port: Int?
        public var targetPort: IntOrString?
        public var nodePort: Int?

        public init(
            name: String? = nil, protocol: String? = nil, port: Int?, targetPort: IntOrString? = nil,
            nodePort: Int? = nil
        ) {
            self.name = name
            self.protocol = `protocol`
            self.port = port
            self.targetPort = targetPort
            self.nodePort = nodePort
        }
    }

    /// `spec.sessionAffinityConfig`.
    public struct SessionAffinityConfig: Codable, Hashable, Sendable {
        public var clientIP: ClientIPConfig?

        public init(clientIP: ClientIPConfig?) { self.clientIP = clientIP }
    }

    /// `spec.sessionAffinityConfig.clientIP`.
    public struct ClientIPConfig: Codable, Hashable, Sendable {
        public var timeoutSeconds: Int?

        public init(timeoutSeconds: Int?) { self.timeoutSeconds = timeoutSeconds }
    }

    /// `status` of a Service.
    public struct Status: Codable, Hashable, Sendable {
        public var loadBalancer: LoadBalancerStatus?

        public init(loadBalancer: LoadBalancerStatus?) { self.loadBalancer = loadBalancer }
    }

    /// `status.loadBalancer`.
    public struct LoadBalancerStatus: Codable, Hashable, Sendable {
        public var ingress: [LoadBalancerIngress]?

        public init(ingress: [LoadBalancerIngress]?) { self.ingress = ingress }
    }

    /// One entry of `status.loadBalancer.ingress`.
    public struct LoadBalancerIngress: Codable, Hashable, Sendable {
        public var ip: String?
        public var hostname: String?
        public var ipMode: String?

        public init(ip: String?, hostname: String? = nil, ipMode: String? = nil) {
            self.ip = ip
            self.hostname = hostname
            self.ipMode = ipMode
        }
    }
}
