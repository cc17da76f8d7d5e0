import CNetfilterShim
import Crypto
import ProxyCore

/// Names and sizes the nftables backend is built around.
public enum NftablesNames {
    /// Our own table, in families `ip` and `ip6`.
    public static let table = "proxyd"
    /// Upstream kube-proxy's table, touched only by `--cleanup`.
    public static let upstreamTable = "kube-proxy"
    /// The comment of our tables.
    public static let tableComment = "rules for proxyd"

    /// The netlink receive buffer size libmnl recommends (`MNL_SOCKET_BUFFER_SIZE`).
    public static var receiveBufferSize: Int { Int(CNetfilterShim_mnl_socket_buffer_size()) }

    /// `service-<H>`: the affinity chain of a port's cluster endpoints (upstream's name).
    public static func clusterAffinityChain(_ port: ServicePortName) -> String {
        "service-" + hashAndTruncate(base(port))
    }

    /// `local-<H>`: the affinity chain of a port's local endpoints (upstream's name).
    public static func localAffinityChain(_ port: ServicePortName) -> String {
        "local-" + hashAndTruncate(base(port))
    }

    /// `affinity-<H>`: the client set of one endpoint (upstream's name).
    public static func affinitySet(_ port: ServicePortName, endpoint: ServiceEndpoint) -> String {
        let address = endpoint.address.description.replacingOccurrences(of: ":", with: ".")
        return "affinity-" + hashAndTruncate(base(port) + "__\(address)/\(endpoint.port)")
    }

    /// `ns/name/proto/portname`: upstream's `servicePortChainNameBase`.
    private static func base(_ port: ServicePortName) -> String {
        "\(port.service.namespace)/\(port.service.name)/\(port.transport.ruleName)/\(port.port)"
    }

    /// Upstream's `hashAndTruncate`: 8 characters of base32(sha256(name)), `-`, the name; cut to
    /// 240 characters with `...`.
    static func hashAndTruncate(_ name: String) -> String {
        let hash = Base32.encode(Array(SHA256.hash(data: Array(name.utf8))))
        let full = hash.prefix(8) + "-" + name
        return full.count > 240 ? String(full.prefix(237)) + "..." : String(full)
    }
}
