/// Merges the EndpointSlices of a service into the endpoints of one service port.
///
/// Upstream's `EndpointSliceCache` rules: only slices of the port's family count; a slice port
/// belongs to the service port with the same name and protocol, and its number is the target
/// port; duplicates by `ip:port` are resolved in slice-name order, the later one winning unless it
/// is terminating; the result is sorted by `ip:port`.
public enum EndpointMerger {
    /// The endpoints of one service port.
    /// - Parameters:
    ///   - port: the service port.
    ///   - family: the proxier's IP family.
    ///   - slices: the service's slices, ordered by slice name.
    ///   - nodeName: this node, to mark endpoints local.
    ///   - useNodeHints: whether `hints.forNodes` is read (the PreferSameTrafficDistribution feature).
    public static func candidates(
        for port: ServicePortName, family: IPFamily, slices: [EndpointSliceInfo], nodeName: String,
        useNodeHints: Bool
    ) -> [EndpointCandidate] {
        var byKey: [String: EndpointCandidate] = [:]
        for slice in slices where slice.family == family {
            for slicePort in slice.ports where slicePort.name == port.port && slicePort.transport == port.transport {
                for entry in slice.endpoints {
                    let endpoint = ServiceEndpoint(
                        address: entry.address, port: slicePort.port, isLocal: entry.nodeName == nodeName,
                        isReady: entry.isReady, isServing: entry.isServing,
                        isTerminating: entry.isTerminating)
                    let key = endpoint.description
                    if let existing = byKey[key], !existing.endpoint.isTerminating, endpoint.isTerminating { continue }
                    byKey[key] = EndpointCandidate(
                        endpoint: endpoint, zoneHints: entry.zoneHints, nodeHints: useNodeHints ? entry.nodeHints : nil)
                }
            }
        }
        return byKey.values.sorted { $0.endpoint < $1.endpoint }
    }
}
