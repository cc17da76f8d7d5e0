import ProxyCore
import Testing
@testable import NftablesBackend

/// How the proxier recovers when the kernel's table is not what it programmed.
@Suite(.serialized, .enabled(if: NetlinkNamespace.isAvailable, "needs root, ip netns and nft"))
struct NftablesRecoveryKernelTests {
    private static func sync(in namespace: NetlinkNamespace) throws -> GraphSync<NftablesProxier> {
        let proxier = NftablesProxier(family: .ipv4, connection: try namespace.netlink(), runner: nil)
        return GraphSync(backend: proxier, options: PlannerFixtures.options)
    }

    private static func state(_ ports: [(Int, [Int])]) throws -> ClusterState {
        var state = ClusterState()
        for (number, endpoints) in ports {
            let name = NamespacedName(namespace: "ns\(number)", name: "svc\(number)")
            try state.upsert(.service(Service(
                metadata: ObjectMeta(name: name.name, namespace: name.namespace),
                spec: .init(clusterIP: "172.30.0.\(number)", ports: [.init(name: "p80", port: 80)]))))
            try state.upsert(.endpointSlice(EndpointSlice(
                metadata: ObjectMeta(name: "\(name.name)-x", namespace: name.namespace,
                                     labels: [EndpointSlice.serviceNameLabel: name.name]),
                addressType: "IPv4",
                endpoints: endpoints.map { .init(addresses: ["10.180.\($0).\(number)"], nodeName: "other-node") },
                ports: [.init(name: "p80", port: 80)])))
        }
        return state
    }

    private static func expectKernelHoldsTheRender(of sync: GraphSync<NftablesProxier>, in namespace: NetlinkNamespace) throws {
        let graph = try #require(sync.applied)
        let expected = NftListing.normalised(NftTextRenderer.render(NftablesRenderer().render(graph)))
        #expect(try namespace.listing(PlannerFixtures.table) == expected)
    }

    @Test func aDeletedTableIsNoticedAndProgrammedAgain() throws {
        let namespace = try NetlinkNamespace()
        let sync = try Self.sync(in: namespace)
        var state = try Self.state([(1, [0, 1, 2])])
        try sync.sync(state, changes: state.takeChanges())
        #expect(!sync.nextSyncIsFull)
        try namespace.nft("delete", "table", "ip", "proxyd")
        #expect(sync.nextSyncIsFull, "the table handle no longer matches")
        try sync.sync(state, changes: state.takeChanges())
        try Self.expectKernelHoldsTheRender(of: sync, in: namespace)
    }

    @Test func aFailedBatchIsFollowedByAReconcile() throws {
        let namespace = try NetlinkNamespace()
        let sync = try Self.sync(in: namespace)
        var state = try Self.state([(1, [0, 1, 2])])
        try sync.sync(state, changes: state.takeChanges())
        // Someone deletes an element the next batch deletes too: that batch fails as a whole.
        try namespace.nft("delete", "element", "ip", "proxyd", "endpoints-tcp-3", "{ 172.30.0.1 . 80 . 1 }")
        state = try Self.state([(1, [0, 5, 2])])
        #expect(throws: NftNetlinkError.self) { try sync.sync(state, changes: StateChanges(services: [NamespacedName(namespace: "ns1", name: "svc1")])) }
        #expect(sync.nextSyncIsFull)
        try sync.sync(state, changes: StateChanges())
        try Self.expectKernelHoldsTheRender(of: sync, in: namespace)
    }
}
