import ProxyCore

/// One packet a scenario sends, and what kube-proxy semantics say must happen to it.
public struct Probe: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let source: IPAddress
    public let destination: HostPort
    /// The expected verdict in upstream's tracer format (see ``TraceResult/verdict``).
    public let verdict: String
    /// Whether the packet must be masqueraded.
    public let masquerade: Bool

    public init(name: String, source: IPAddress, destination: HostPort, verdict: String, masquerade: Bool) {
        self.name = name
        self.source = source
        self.destination = destination
        self.verdict = verdict
        self.masquerade = masquerade
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
