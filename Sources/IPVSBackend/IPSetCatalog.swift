/// The ipsets of kube-proxy's IPVS mode: names, types and comments as upstream creates them.
///
/// IPVS mode keeps the per-service matching in these sets so that its few iptables rules stay
/// constant in number.
public enum IPSetCatalog {
    /// One ipset definition.
    public struct Definition: Hashable, Sendable {
        public let name: String
        /// The ipset type (`hash:ip,port`, `bitmap:port`, ...).
        public let type: String
        public let comment: String
    }

    public static let all: [Definition] = [
        .init(name: "KUBE-LOOP-BACK", type: "hash:ip,port,ip",
              comment: "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose"),
        .init(name: "KUBE-CLUSTER-IP", type: "hash:ip,port", comment: "Kubernetes service cluster ip + port for masquerade purpose"),
        .init(name: "KUBE-EXTERNAL-IP", type: "hash:ip,port", comment: "Kubernetes service external ip + port for masquerade and filter purpose"),
        .init(name: "KUBE-EXTERNAL-IP-LOCAL", type: "hash:ip,port",
              comment: "Kubernetes service external ip + port with externalTrafficPolicy=local"),
        .init(name: "KUBE-LOAD-BALANCER", type: "hash:ip,port", comment: "Kubernetes service lb portal"),
        .init(name: "KUBE-LOAD-BALANCER-FW", type: "hash:ip,port",
              comment: "Kubernetes service load balancer ip + port for load balancer with sourceRange"),
        .init(name: "KUBE-LOAD-BALANCER-LOCAL", type: "hash:ip,port",
              comment: "Kubernetes service load balancer ip + port with externalTrafficPolicy=local"),
        .init(name: "KUBE-LOAD-BALANCER-SOURCE-IP", type: "hash:ip,port,ip",
              comment: "Kubernetes service load balancer ip + port + source IP for packet filter purpose"),
        .init(name: "KUBE-LOAD-BALANCER-SOURCE-CIDR", type: "hash:ip,port,net",
              comment: "Kubernetes service load balancer ip + port + source cidr for packet filter purpose"),
        .init(name: "KUBE-NODE-PORT-TCP", type: "bitmap:port", comment: "Kubernetes nodeport TCP port for masquerade purpose"),
        .init(name: "KUBE-NODE-PORT-LOCAL-TCP", type: "bitmap:port",
              comment: "Kubernetes nodeport TCP port with externalTrafficPolicy=local"),
        .init(name: "KUBE-NODE-PORT-UDP", type: "bitmap:port", comment: "Kubernetes nodeport UDP port for masquerade purpose"),
        .init(name: "KUBE-NODE-PORT-LOCAL-UDP", type: "bitmap:port",
              comment: "Kubernetes nodeport UDP port with externalTrafficPolicy=local"),
        .init(name: "KUBE-NODE-PORT-SCTP-HASH", type: "hash:ip,port",
              comment: "Kubernetes nodeport SCTP port for masquerade purpose with type 'hash ip:port'"),
        .init(name: "KUBE-NODE-PORT-LOCAL-SCTP-HASH", type: "hash:ip,port",
              comment: "Kubernetes nodeport SCTP port with externalTrafficPolicy=local with type 'hash ip:port'"),
        .init(name: "KUBE-HEALTH-CHECK-NODE-PORT", type: "bitmap:port", comment: "Kubernetes health check node port"),
        .init(name: "KUBE-IPVS-IPS", type: "hash:ip", comment: "IPVS service ip"),
    ]
}
