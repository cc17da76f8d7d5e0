import Testing
@testable import ProxyCore

@Suite struct EndpointSelectionTests {
    private func candidate(
        _ address: String, local: Bool = false, ready: Bool = true, serving: Bool = true, terminating: Bool = false,
        zones: Set<String>? = nil, nodes: Set<String>? = nil
    ) -> EndpointCandidate {
        EndpointCandidate(
            endpoint: ServiceEndpoint(address: Fixtures.ip(address), port: 80, isLocal: local, isReady: ready,
                                      isServing: serving, isTerminating: terminating),
            zoneHints: zones, nodeHints: nodes)
    }

    private func select(_ candidates: [EndpointCandidate], cluster: Bool = true, local: Bool = false,
                        zone: String? = "zone-a") -> EndpointSelection {
        EndpointSelection(candidates: candidates, usesClusterEndpoints: cluster, usesLocalEndpoints: local,
                          nodeName: "test-node", zone: zone)
    }

    @Test func readyEndpointsWinOverTerminatingOnes() {
        let selection = select([candidate("10.0.1.1"), candidate("10.0.1.2", ready: false, terminating: true)])
        #expect(selection.cluster?.map(\.description) == ["10.0.1.1:80"])
        #expect(selection.hasAnyEndpoints)
    }

    @Test func fallsBackToServingTerminatingEndpoints() {
        let selection = select([candidate("10.0.1.1", ready: false, serving: true, terminating: true),
                                candidate("10.0.1.2", ready: false, serving: false, terminating: true)])
        #expect(selection.cluster?.map(\.description) == ["10.0.1.1:80"])
    }

    @Test func noUsableEndpointMeansNone() {
        let selection = select([candidate("10.0.1.1", ready: false, serving: false)], local: true)
        #expect(selection.cluster == [])
        #expect(selection.local == [])
        #expect(!selection.hasAnyEndpoints)
    }

    @Test func localFallbackIsSeparateFromTheClusterOne() {
        let selection = select([candidate("10.0.1.1"),
                                candidate("10.0.2.1", local: true, ready: false, serving: true, terminating: true)],
                               local: true)
        #expect(selection.cluster?.map(\.description) == ["10.0.1.1:80"])
        #expect(selection.local?.map(\.description) == ["10.0.2.1:80"])
    }

    @Test func zoneHintsApplyOnlyWhenEveryReadyEndpointHasThem() {
        let hinted = select([candidate("10.0.1.1", zones: ["zone-a"]), candidate("10.0.1.2", zones: ["zone-b"])])
        #expect(hinted.topologyMode == .preferSameZone)
        #expect(hinted.cluster?.map(\.description) == ["10.0.1.1:80"])
        let partial = select([candidate("10.0.1.1", zones: ["zone-a"]), candidate("10.0.1.2")])
        #expect(partial.topologyMode == .none)
        #expect(partial.cluster?.count == 2)
        let otherZone = select([candidate("10.0.1.1", zones: ["zone-b"])])
        #expect(otherZone.topologyMode == .none)
        let noZoneLabel = select([candidate("10.0.1.1", zones: ["zone-a"])], zone: nil)
        #expect(noZoneLabel.topologyMode == .none)
    }

    @Test func nodeHintsWinOverZoneHints() {
        let selection = select([candidate("10.0.1.1", zones: ["zone-a"], nodes: ["other-node"]),
                                candidate("10.0.1.2", zones: ["zone-a"], nodes: ["test-node"])])
        #expect(selection.topologyMode == .preferSameNode)
        #expect(selection.cluster?.map(\.description) == ["10.0.1.2:80"])
    }

    @Test func unusedSetsAreNil() {
        let selection = select([candidate("10.0.1.1")], cluster: false, local: true)
        #expect(selection.cluster == nil)
        #expect(selection.local == [])
        #expect(selection.hasAnyEndpoints)
    }
}
