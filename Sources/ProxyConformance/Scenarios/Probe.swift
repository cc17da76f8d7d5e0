import ProxyCore

/// One packet a scenario sends, and what kube-proxy semantics say must happen to it.
public struct Probe: Hashable, Sendable, CustomStringConvertible {
    /// Who sends the probe in a kernel run; inferred from the source address when not given.
    public enum Client: String, Hashable, Sendable, Codable {
        /// A pod on this node.
        case pod
        /// A pod on the other node.
        case otherNodePod = "other-node-pod"
        /// This node itself.
        case node
        /// A host outside the cluster, on the node network.
        case outside
    }

    public let name: String
    public let source: IPAddress
    public let destination: HostPort
    /// The expected verdict in upstream's tracer format (see ``TraceResult/verdict``).
    public let verdict: String
    /// Whether the packet must be masqueraded (the endpoint sees the node, not the client).
    public let masquerade: Bool
    public let client: Client?
    /// A fixed client source port (UDP), so that repeated datagrams share one conntrack entry.
    public let sourcePort: Int?
    /// Whether repeated connections from this client must all reach the same endpoint (session affinity).
    public let sticky: Bool

    public init(name: String, source: IPAddress, destination: HostPort, verdict: String, masquerade: Bool,
                client: Client? = nil, sourcePort: Int? = nil, sticky: Bool = false) {
        self.name = name
        self.source = source
        self.destination = destination
        self.verdict = verdict
        self.masquerade = masquerade
        self.client = client
        self.sourcePort = sourcePort
        self.sticky = sticky
    }

    public var packet: Packet { Packet(source: source, destination: destination) }

    /// The verdict's parts in a canonical order, so endpoint order does not matter when comparing.
    public static func canonicalVerdict(_ verdict: String) -> [String] {
        verdict.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.sorted()
    }

    public var description: String {
        "\(name): \(source) -> \(destination) expects \"\(verdict)\" masquerade=\(masquerade)"
    }
}
