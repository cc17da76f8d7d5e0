import ProxyCore

/// What real packets did for one probe: the attempts' outcomes as the agent reported them.
public struct KernelObservation: Hashable, Sendable {
    /// One attempt.
    public enum Attempt: Hashable, Sendable {
        /// An endpoint (`ip:port`) answered and saw this client address.
        case answered(endpoint: String, sawSource: String)
        case refused
        case timedOut
        case unreachable
        case failed(String)
    }

    public let attempts: [Attempt]

    /// Parses the output of `proxyd-conformance-agent probe`.
    public init(agentOutput: String) {
        attempts = agentOutput.split(whereSeparator: \.isNewline).map { line in
            let words = line.split(separator: " ").map(String.init)
            switch words.first {
            case "answer" where words.count >= 4:
                let endpoint = IPAddress(words[1]).map { $0.joined(port: Int(words[2]) ?? 0) } ?? "\(words[1]):\(words[2])"
                return .answered(endpoint: endpoint, sawSource: words[3])
            case "refused": return .refused
            case "timeout": return .timedOut
            case "unreachable": return .unreachable
            default: return .failed(String(line))
            }
        }
    }

    /// The endpoints that answered.
    public var endpoints: Set<String> {
        Set(attempts.compactMap { if case .answered(let endpoint, _) = $0 { endpoint } else { nil } })
    }

    /// A one-line summary in the tracer's vocabulary: endpoints joined by ", ", or REJECT / DROP /
    /// UNREACHABLE for attempts nobody answered.
    public var summary: String {
        var parts = endpoints.sorted()
        if attempts.contains(.refused) { parts.append("REJECT") }
        if attempts.contains(.timedOut) { parts.append("DROP") }
        if attempts.contains(.unreachable) { parts.append("UNREACHABLE") }
        for case .failed(let text) in attempts { parts.append("error: \(text)") }
        return parts.joined(separator: ", ")
    }

    /// The client addresses the endpoints saw.
    public var sourcesSeen: Set<String> {
        Set(attempts.compactMap { if case .answered(_, let source) = $0 { source } else { nil } })
    }
}
