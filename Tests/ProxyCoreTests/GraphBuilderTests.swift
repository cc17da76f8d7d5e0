import Testing
@testable import ProxyCore

@Suite struct GraphBuilderTests {
    private func state(_ objects: [KubeObject]) throws -> ClusterState {
        var state = ClusterState()
        for object in objects { try state.upsert(object) }
        return state
    }

    private let web: [KubeObject] = [
        .service(Fixtures.service("web", clusterIP: "172.30.0.41", ports: [.init(name: "p80", port: 80, nodePort: 3001)],
                                  type: "NodePort")),
        .endpointSlice(Fixtures.slice("web-1", service: "web", endpoints: [
            Fixtures.endpoint("10.180.0.1", node: "test-node"), Fixtures.endpoint("10.180.2.1", node: "other"),
        ], ports: [.init(name: "p80", port: 8080)])),
    ]

    @Test func buildsFrontendsRoutesAndEndpoints() throws {
        let graph = GraphBuilder(options: Fixtures.options, family: .ipv4).build(from: try state(web))
        let port = try #require(graph.sortedPorts.first)
        #expect(port.name.description == "ns1/web:p80")
        #expect(port.frontends.map(\.description) == ["cluster-ip 172.30.0.41:80/tcp", "node-port *:3001/tcp"])
        #expect(port.internalRoute == .endpoints(.cluster))
        #expect(port.external == ExternalPolicy(masqueradesAll: true, shortCircuitsLocalTraffic: false,
                                                route: .endpoints(.cluster)))
        #expect(port.clusterEndpoints.map(\.description) == ["10.180.0.1:8080", "10.180.2.1:8080"])
        #expect(port.clusterEndpoints.map(\.isLocal) == [true, false])
    }

    @Test func servicesWithoutThisFamilyOrHandedToAnotherProxyAreSkipped() throws {
        let objects: [KubeObject] = [
            .service(Fixtures.service("v6only", clusterIP: "fd00::10", ports: [.init(port: 80)])),
            .service(Fixtures.service("other-proxy", clusterIP: "172.30.0.9", ports: [.init(port: 80)],
                                      labels: [ServiceInfo.serviceProxyNameLabel: "cilium"])),
            .service(Fixtures.service("headless", clusterIP: "None", ports: [.init(port: 80)])),
        ]
        let state = try state(objects)
        #expect(GraphBuilder(options: Fixtures.options, family: .ipv4).build(from: state).ports.isEmpty)
        let v6 = GraphBuilder(options: Fixtures.options, family: .ipv6).build(from: state)
        #expect(v6.sortedPorts.map(\.name.service.name) == ["v6only"])
        var named = Fixtures.options
        named.serviceProxyName = "cilium"
        #expect(GraphBuilder(options: named, family: .ipv4).build(from: state).sortedPorts.map(\.name.service.name)
            == ["other-proxy"])
    }

    @Test func incrementalUpdateEqualsAFullBuildAndNamesOnlyWhatChanged() throws {
        var state = try state(web + [
            .service(Fixtures.service("db", clusterIP: "172.30.0.42", ports: [.init(name: "sql", port: 5432)])),
        ])
        _ = state.takeChanges()
        let builder = GraphBuilder(options: Fixtures.options, family: .ipv4)
        let before = builder.build(from: state)

        try state.upsert(Fixtures.slice("web-1", service: "web", endpoints: [Fixtures.endpoint("10.180.0.1", node: "test-node")],
                                        ports: [.init(name: "p80", port: 8080)]))
        try state.upsert(Fixtures.service("cache", clusterIP: "172.30.0.43", ports: [.init(port: 6379)]))
        state.removeService(NamespacedName(namespace: "ns1", name: "db"))
        let changes = state.takeChanges()
        #expect(changes.services.map(\.name).sorted() == ["cache", "db", "web"])

        let (after, diff) = builder.update(before, from: state, changes: changes)
        #expect(after == builder.build(from: state))
        #expect(diff.changed.map(\.description) == ["ns1/web:p80"])
        #expect(diff.added.map(\.description) == ["ns1/cache"])
        #expect(diff.removed.map(\.description) == ["ns1/db:sql"])
        #expect(!diff.nodeChanged)
        #expect(diff == GraphDiff.between(before, after))
    }

    @Test func identicalUpdatesRecordNoChange() throws {
        var state = try state(web)
        _ = state.takeChanges()
        for object in web { try state.upsert(object) }
        #expect(state.takeChanges().isEmpty)
    }

    @Test func anInvalidUpdateKeepsThePreviousVersion() throws {
        var state = try state(web)
        _ = state.takeChanges()
        #expect(throws: InputError.self) {
            try state.upsert(Fixtures.service("web", clusterIP: "172.30.0.41", ports: [.init(name: "p80", port: 0)]))
        }
        #expect(state.takeChanges().isEmpty)
        #expect(state.services[NamespacedName(namespace: "ns1", name: "web")]?.ports.first?.port == 80)
    }

    @Test func aNodeChangeThatMovesTheZoneRebuildsEverything() throws {
        var state = try state(web)
        let builder = GraphBuilder(options: Fixtures.options, family: .ipv4)
        let before = builder.build(from: state)
        _ = state.takeChanges()
        try state.upsert(Node(metadata: ObjectMeta(name: "test-node", labels: [NodeInfo.zoneLabel: "zone-a"])))
        let (after, diff) = builder.update(before, from: state, changes: state.takeChanges())
        #expect(diff.nodeChanged)
        #expect(after.node.zone == "zone-a")
    }

    @Test func nodeContextTakesNodeAddressesAndFiltersNodePortAddresses() throws {
        let node = try NodeInfo(Node(
            metadata: ObjectMeta(name: "test-node"), spec: .init(podCIDRs: ["10.244.1.0/24", "fd00:1::/64"]),
            status: .init(addresses: [.init(type: "ExternalIP", address: "203.0.113.9"),
                                      .init(type: "InternalIP", address: "192.168.0.2"),
                                      .init(type: "Hostname", address: "test-node")])))
        var options = ProxyOptions(nodeName: "test-node", localTrafficDetection: .nodeCIDR,
                                   nodePortAddresses: .cidrs([CIDR("192.168.0.0/24")!, CIDR("127.0.0.0/8")!]))
        let context = NodeContext(options: options, family: .ipv4, node: node)
        #expect(context.nodeIPs.map(\.description) == ["192.168.0.2", "203.0.113.9"])
        #expect(context.localTraffic == .sourceCIDRs([CIDR("10.244.1.0/24")!]))
        #expect(context.nodePortAddresses == .only([Fixtures.ip("192.168.0.2"), Fixtures.ip("127.0.0.1")]))
        let v6 = NodeContext(options: options, family: .ipv6, node: node)
        #expect(v6.nodeIPs == [IPAddress.loopback(.ipv6)])
        #expect(v6.nodePortAddresses == .allLocal)
        #expect(!v6.localhostNodePorts)
        options.nodePortAddresses = .primary
        #expect(NodeContext(options: options, family: .ipv4, node: node).nodePortAddresses == .only([Fixtures.ip("192.168.0.2")]))
    }
}
