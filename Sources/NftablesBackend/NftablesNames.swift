import CNetfilterShim

/// Names and sizes the nftables backend is built around.
public enum NftablesNames {
    /// Our own table, in families `ip` and `ip6`.
    public static let table = "proxyd"
    /// Upstream kube-proxy's table, touched only by `--cleanup`.
    public static let upstreamTable = "kube-proxy"

    /// The netlink receive buffer size libmnl recommends (`MNL_SOCKET_BUFFER_SIZE`).
    public static var receiveBufferSize: Int { Int(CNetfilterShim_mnl_socket_buffer_size()) }
}
