import Crypto
import ProxyCore

/// kube-proxy's iptables chain names: `KUBE-SVC-`, `KUBE-SVL-`, `KUBE-EXT-`, `KUBE-FW-` and
/// `KUBE-SEP-` followed by 16 characters of base32(sha256(...)), so operators' tooling and a
/// switch between kube-proxy and proxyd see the same chains.
public enum IptablesChainNames {
    /// The hash part of a service port's chains: over `ns/name:port` + lower-case protocol.
    public static func serviceHash(_ port: ServicePortName) -> String {
        hash(port.description + port.transport.ruleName)
    }

    /// The hash part of an endpoint chain: over `ns/name:port` + protocol + `ip:port`.
    public static func endpointHash(_ port: ServicePortName, endpoint: ServiceEndpoint) -> String {
        hash(port.description + port.transport.ruleName + endpoint.description)
    }

    /// `KUBE-SVC-…`: the chain of the Cluster-policy endpoints.
    public static func clusterPolicyChain(_ port: ServicePortName) -> String { "KUBE-SVC-" + serviceHash(port) }
    /// `KUBE-SVL-…`: the chain of the Local-policy endpoints.
    public static func localPolicyChain(_ port: ServicePortName) -> String { "KUBE-SVL-" + serviceHash(port) }
    /// `KUBE-EXT-…`: the chain of external traffic.
    public static func externalChain(_ port: ServicePortName) -> String { "KUBE-EXT-" + serviceHash(port) }
    /// `KUBE-FW-…`: the load-balancer source-range chain.
    public static func firewallChain(_ port: ServicePortName) -> String { "KUBE-FW-" + serviceHash(port) }
    /// `KUBE-SEP-…`: the chain of one endpoint.
    public static func endpointChain(_ port: ServicePortName, endpoint: ServiceEndpoint) -> String {
        "KUBE-SEP-" + endpointHash(port, endpoint: endpoint)
    }

    private static func hash(_ text: String) -> String {
        String(Base32.encode(Array(SHA256.hash(data: Array(text.utf8)))).prefix(16))
    }
}
