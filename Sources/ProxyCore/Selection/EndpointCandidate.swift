/// An endpoint before selection: the endpoint plus the topology hints selection reads.
public struct EndpointCandidate: Hashable, Sendable {
    public let endpoint: ServiceEndpoint
    /// `hints.forZones` names, or nil when the endpoint has no zone hints.
    public let zoneHints: Set<String>?
    /// `hints.forNodes` names, or nil when the endpoint has no node hints (or the feature is off).
    public let nodeHints: Set<String>?

    public init(endpoint: ServiceEndpoint, zoneHints: Set<String>? = nil, nodeHints: Set<String>? = nil) {
        self.endpoint = endpoint
        self.zoneHints = zoneHints
        self.nodeHints = nodeHints
    }
}
