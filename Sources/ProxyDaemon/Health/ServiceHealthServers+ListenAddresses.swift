import ProxyCore

extension ServiceHealthServers {
    /// Where the health-check servers listen.
    public enum ListenAddresses: Hashable, Sendable {
        /// Every address: `0.0.0.0`, or `::` when `includingIPv6`. On Linux a socket bound to `::`
        /// also accepts IPv4 (IPV6_V6ONLY is off by default), as Go's wildcard listener does.
        case any(includingIPv6: Bool)
        /// Only these addresses: the node IPs `nodePortAddresses` selects.
        case only([IPAddress])

        /// The addresses to bind, one server each.
        var hosts: [IPAddress] {
            switch self {
            case .any(let includingIPv6): [includingIPv6 ? .v6(high: 0, low: 0) : .v4(0)]
            case .only(let addresses): addresses
            }
        }
    }
}
