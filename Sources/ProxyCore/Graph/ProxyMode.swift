/// The backend that programs the kernel: kube-proxy's `mode`.
public enum ProxyMode: String, Hashable, Sendable, CaseIterable, Codable {
    case iptables
    case nftables
    case ipvs
}
