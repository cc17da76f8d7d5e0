/// What kube-proxy semantics say happens to a packet.
public struct TraceResult: Hashable, Sendable, CustomStringConvertible {
    /// The packet's fate.
    public enum Outcome: Hashable, Sendable {
        /// DNAT-ed to one of these endpoints (chosen at random, or by session affinity).
        case endpoints([ServiceEndpoint])
        /// Refused at once.
        case reject
        /// Dropped silently.
        case drop
        /// Accepted for the node itself (a health-check NodePort).
        case accept
        /// No service rule matched; the packet goes on as if the proxy were not there.
        case noMatch
    }

    public let outcome: Outcome
    /// Whether the packet is masqueraded (on any of its possible paths).
    public let masquerade: Bool
    /// The service port whose rules decided, if any.
    public let service: ServicePortName?
    /// The kind of frontend the packet hit, if any.
    public let frontend: Frontend.Kind?
    /// The decisions taken, in order, for humans.
    public let steps: [String]

    public init(outcome: Outcome, masquerade: Bool, service: ServicePortName?, frontend: Frontend.Kind?, steps: [String]) {
        self.outcome = outcome
        self.masquerade = masquerade
        self.service = service
        self.frontend = frontend
        self.steps = steps
    }

    /// The verdict in upstream's tracer format: `10.180.0.1:80, 10.180.2.1:80`, `REJECT`, `DROP`,
    /// `ACCEPT`, or empty when nothing matched.
    public var verdict: String {
        switch outcome {
        case .endpoints(let endpoints): endpoints.map(\.description).joined(separator: ", ")
        case .reject: "REJECT"
        case .drop: "DROP"
        case .accept: "ACCEPT"
        case .noMatch: ""
        }
    }

    public var description: String { "verdict: \(verdict)\nmasquerade: \(masquerade ? "yes" : "no")" }
}
