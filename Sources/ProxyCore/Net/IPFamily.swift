/// An IP address family. kube-proxy runs one single-stack proxier per family; so does proxyd.
public enum IPFamily: String, Hashable, Sendable, CaseIterable, Codable, CustomStringConvertible {
    case ipv4 = "IPv4"
    case ipv6 = "IPv6"

    public var description: String { rawValue }
}
