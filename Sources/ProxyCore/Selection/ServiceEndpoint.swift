/// One endpoint of one service port: where traffic may be DNAT-ed to.
///
/// Ordered and compared by ``description`` (`ip:port`), which is how upstream orders endpoints in
/// its rules: a string sort, so `10.0.0.10:80` comes before `10.0.0.2:80`.
public struct ServiceEndpoint: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let address: IPAddress
    public let port: Int
    /// Whether the endpoint runs on this node.
    public let isLocal: Bool
    /// The `ready` condition (the EndpointSlice controller clears it for terminating endpoints).
    public let isReady: Bool
    /// Serving, whether or not terminating.
    public let isServing: Bool
    public let isTerminating: Bool
    /// `ip:port`, with IPv6 addresses in brackets: computed once, as sorting and every rule use it.
    public let description: String

    public init(address: IPAddress, port: Int, isLocal: Bool, isReady: Bool = true, isServing: Bool = true,
                isTerminating: Bool = false) {
        self.address = address
        self.port = port
        self.isLocal = isLocal
        self.isReady = isReady
        self.isServing = isServing
        self.isTerminating = isTerminating
        self.description = address.joined(port: port)
    }

    public static func < (lhs: ServiceEndpoint, rhs: ServiceEndpoint) -> Bool {
        lhs.description < rhs.description
    }
}
