/// Where a class of traffic (internal or external) to a service port goes after its policy rules.
public enum TrafficRoute: Hashable, Sendable, CustomStringConvertible {
    /// DNAT to one of the endpoints of a set.
    case endpoints(EndpointSetKind)
    /// The service has no usable endpoints at all: refuse at once (ICMP unreachable / TCP RST).
    case reject
    /// A Local traffic policy has no local endpoints: drop silently.
    case drop

    public var description: String {
        switch self {
        case .endpoints(let kind): "\(kind.rawValue) endpoints"
        case .reject: "REJECT"
        case .drop: "DROP"
        }
    }
}

/// Which endpoint set of a service port a route uses.
public enum EndpointSetKind: String, Hashable, Sendable {
    /// Endpoints for the Cluster traffic policy (any node, topology permitting).
    case cluster
    /// This node's endpoints, for the Local traffic policy.
    case local
}
