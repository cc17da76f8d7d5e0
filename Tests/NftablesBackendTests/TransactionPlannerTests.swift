import ProxyCore
import Testing
@testable import NftablesBackend

@Suite struct TransactionPlannerTests {
    private func index(_ commands: [String], _ prefix: String) -> Int? {
        commands.firstIndex { $0.hasPrefix(prefix) }
    }

    @Test func coldBatchBindsEveryMapBeforeFillingIt() throws {
        var harness = PlannerHarness([PlannerFixtures.port(1, endpoints: [0, 1, 2]), PlannerFixtures.port(2, endpoints: [0])])
        let commands = try harness.sync()
        #expect(commands.first == "add table ip proxyd { comment \"rules for proxyd\" ; }")
        let rule = try #require(index(commands, "add rule ip proxyd select-cluster dnat ip to ip daddr . tcp dport . numgen random mod 3 map @endpoints-tcp-3"))
        let fill = try #require(index(commands, "add element ip proxyd endpoints-tcp-3 {"))
        let map = try #require(index(commands, "add map ip proxyd endpoints-tcp-3"))
        #expect(map < rule && rule < fill)
        #expect(commands.contains("add element ip proxyd clusterip-cluster { 172.30.0.1 . tcp . 80 comment \"ns1/svc1:p80\", 172.30.0.2 . tcp . 80 comment \"ns2/svc2:p80\" }"))
        #expect(try harness.sync().isEmpty, "a second sync with nothing changed writes nothing")
    }

    @Test func endpointAddedMovesTheGroupToTheNextSizeMap() throws {
        var harness = PlannerHarness([PlannerFixtures.port(1, endpoints: [0, 1, 2])])
        _ = try harness.sync()
        let vmapRule = try #require(harness.committed.chains["select-cluster"]?.rules.first?.handle)
        let oldRule = try #require(harness.handle(of: "endpoints-tcp-3", in: "select-cluster"))
        harness.model.update(PlannerFixtures.port(1, endpoints: [0]).name, to: PlannerFixtures.port(1, endpoints: [0, 1, 2, 3]))
        let commands = try harness.sync()
        #expect(commands == [
            "add map ip proxyd endpoints-tcp-4 { typeof ip daddr . tcp dport . numgen random mod 4 : ip daddr . tcp dport ; }",
            "delete rule ip proxyd select-cluster handle \(oldRule)",
            "add rule ip proxyd select-cluster position \(vmapRule) dnat ip to ip daddr . tcp dport . numgen random mod 4 map @endpoints-tcp-4",
            "add element ip proxyd endpoint-hairpin { 10.180.3.1 . 10.180.3.1 }",
            "add element ip proxyd endpoints-tcp-4 { 172.30.0.1 . 80 . 0 : 10.180.0.1 . 80, 172.30.0.1 . 80 . 1 : 10.180.1.1 . 80, 172.30.0.1 . 80 . 2 : 10.180.2.1 . 80, 172.30.0.1 . 80 . 3 : 10.180.3.1 . 80 }",
            "delete set ip proxyd endpoints-tcp-3",
        ])
    }

    @Test func replacedEndpointOnlySwapsElements() throws {
        var harness = PlannerHarness([PlannerFixtures.port(1, endpoints: [0, 1]), PlannerFixtures.port(2, endpoints: [0, 1])])
        _ = try harness.sync()
        harness.model.update(PlannerFixtures.port(1, endpoints: []).name, to: PlannerFixtures.port(1, endpoints: [0, 5]))
        let commands = try harness.sync()
        #expect(commands == [
            "delete element ip proxyd endpoint-hairpin { 10.180.1.1 . 10.180.1.1 }",
            "delete element ip proxyd endpoints-tcp-2 { 172.30.0.1 . 80 . 1 }",
            "add element ip proxyd endpoint-hairpin { 10.180.5.1 . 10.180.5.1 }",
            "add element ip proxyd endpoints-tcp-2 { 172.30.0.1 . 80 . 1 : 10.180.5.1 . 80 }",
        ])
    }

    @Test func deletedServiceLeavesNothingBehind() throws {
        var harness = PlannerHarness([PlannerFixtures.port(1, endpoints: [0, 1]), PlannerFixtures.port(2, endpoints: [0])])
        let cold = PlannerHarness([PlannerFixtures.port(1, endpoints: [0, 1])])
        _ = try harness.sync()
        harness.model.update(PlannerFixtures.port(2, endpoints: []).name, to: nil)
        let commands = try harness.sync()
        #expect(commands.contains("delete element ip proxyd clusterip-cluster { 172.30.0.2 . tcp . 80 }"))
        #expect(commands.last == "delete set ip proxyd endpoints-tcp-1")
        #expect(!commands.contains { $0.hasPrefix("delete element ip proxyd endpoints-tcp-1") }, "the map goes as a whole")
        #expect(TableStructure(harness.model).ruleset(harness.model) == TableStructure(cold.model).ruleset(cold.model))
    }

    @Test func affinityEndpointRemovalRewritesOnlyItsChain() throws {
        var harness = PlannerHarness([PlannerFixtures.port(1, endpoints: [0, 1, 2], affinity: 10800)])
        let chain = NftablesNames.clusterAffinityChain(PlannerFixtures.port(1, endpoints: []).name)
        _ = try harness.sync()
        harness.model.update(PlannerFixtures.port(1, endpoints: []).name, to: PlannerFixtures.port(1, endpoints: [0, 2], affinity: 10800))
        let commands = try harness.sync()
        let removed = NftablesNames.affinitySet(PlannerFixtures.port(1, endpoints: []).name,
                                                endpoint: ServiceEndpoint(address: IPAddress("10.180.1.1")!, port: 80, isLocal: false))
        #expect(commands.last == "delete set ip proxyd \(removed)")
        #expect(commands.allSatisfy { !$0.contains("select-cluster") && !$0.contains("clusterip-cluster") })
        #expect(harness.committed.chains[chain]?.rules.map(\.rule) == harness.model.affinityChains.first?.rules.map { $0 })
    }

    @Test func sharedFrontendKeyBelongsToTheFirstPortAndPassesOnWhenItGoes() throws {
        // Two services claim 172.30.0.1:80: the first in name order owns the key.
        let first = PlannerFixtures.port(1, endpoints: [0])
        let clash = ServicePortNode(
            name: ServicePortName(service: NamespacedName(namespace: "ns9", name: "svc9"), port: "p80", transport: .tcp),
            clusterIP: IPAddress("172.30.0.9")!, port: 80, nodePort: nil, externalIPs: [IPAddress("172.30.0.1")!],
            loadBalancerIPs: [], healthCheckNodePort: nil, sessionAffinityTimeout: nil, hasEndpoints: true,
            internalRoute: .endpoints(.cluster),
            external: ExternalPolicy(masqueradesAll: true, shortCircuitsLocalTraffic: false, route: .endpoints(.cluster)),
            loadBalancerFirewall: nil, clusterEndpoints: first.clusterEndpoints, localEndpoints: [], listedEndpointCount: 1)
        var harness = PlannerHarness([first, clash])
        _ = try harness.sync()
        #expect(harness.model.elements(of: .fixed(.externalCluster)).isEmpty)
        harness.model.update(first.name, to: nil)
        let commands = try harness.sync()
        #expect(commands.contains("add element ip proxyd external-cluster { 172.30.0.1 . tcp . 80 comment \"ns9/svc9:p80\" }"))
        #expect(commands.contains("delete element ip proxyd clusterip-cluster { 172.30.0.1 . tcp . 80 }"))
    }
}
