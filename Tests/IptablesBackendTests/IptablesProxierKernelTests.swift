import Foundation
import ProxyCore
import Testing
@testable import IptablesBackend

/// The iptables backend against the real kernel, inside namespaces these tests create.
@Suite(.enabled(if: TestNamespace.isAvailable, "needs root and ip netns"))
struct IptablesProxierKernelTests {
    private static let options = ProxyOptions(
        nodeName: "node-1", nodeIPs: [IPAddress("10.0.1.1")!], clusterCIDRs: [CIDR("10.244.0.0/16")!])

    private static func service(_ name: String, _ ip: String, port: Int = 80, udp: Bool = false) -> Service {
        Service(metadata: ObjectMeta(name: name, namespace: "shop"),
                spec: .init(clusterIP: ip, ports: [.init(name: "p", protocol: udp ? "UDP" : "TCP", port: port)]))
    }

    private static func slice(_ name: String, _ addresses: [String], udp: Bool = false) -> EndpointSlice {
        EndpointSlice(
            metadata: ObjectMeta(name: name + "-x", namespace: "shop", labels: [EndpointSlice.serviceNameLabel: name]),
            addressType: "IPv4", endpoints: addresses.map { .init(addresses: [$0], nodeName: "node-1") },
            ports: [.init(name: "p", protocol: udp ? "UDP" : "TCP", port: 8080)])
    }

    private static func initialState() throws -> ClusterState {
        var state = ClusterState()
        try state.upsert(service("web", "10.96.0.1"))
        try state.upsert(slice("web", ["10.244.1.2", "10.244.1.3"]))
        try state.upsert(service("dns", "10.96.0.10", port: 53, udp: true))
        try state.upsert(slice("dns", ["10.244.1.4"], udp: true))
        try state.upsert(service("steady", "10.96.0.20"))
        try state.upsert(slice("steady", ["10.244.1.9"]))
        return state
    }

    @Test(arguments: IptablesVariant.allCases)
    func incrementalSyncEndsWhereAFullSyncDoes(variant: IptablesVariant) throws {
        let namespace = try TestNamespace()
        let proxier = IptablesProxier(family: .ipv4, variant: variant, runner: namespace.runner)
        let sync = GraphSync(backend: proxier, options: Self.options)
        var state = try Self.initialState()
        let first = try sync.sync(state, changes: state.takeChanges())
        #expect(first.full)

        try state.upsert(Self.slice("web", ["10.244.1.3"]))
        state.removeService(NamespacedName(namespace: "shop", name: "dns"))
        try state.upsert(Self.service("new", "10.96.0.30"))
        let changes = state.takeChanges()
        let (graph, diff) = sync.builder.update(try #require(sync.applied), from: state, changes: changes)
        let plan = try proxier.render(graph, diff: diff)
        #expect(!plan.full)
        let text = plan.ruleset.restoreText
        let steady = IptablesChainNames.clusterPolicyChain(
            ServicePortName(service: NamespacedName(namespace: "shop", name: "steady"), port: "p", transport: .tcp))
        #expect(!text.contains(":\(steady)"), "an unchanged service's chains are not rewritten")
        #expect(text.contains("-A KUBE-SERVICES -m comment --comment \"shop/steady:p cluster IP\""),
                "but its top-level jump is")
        #expect(text.contains("-X KUBE-SVC-"), "the deleted service's chains are removed")
        try proxier.apply(plan)

        let fresh = try TestNamespace()
        let freshSync = GraphSync(backend: IptablesProxier(family: .ipv4, variant: variant, runner: fresh.runner),
                                  options: Self.options)
        var freshState = state
        try freshSync.sync(freshState, changes: freshState.takeChanges())
        #expect(try namespace.ruleset(variant) == fresh.ruleset(variant))
    }

    @Test(arguments: IptablesVariant.allCases)
    func foreignRulesSurviveSyncsAndCleanup(variant: IptablesVariant) throws {
        let namespace = try TestNamespace()
        let iptables = IptablesCommands(variant: variant, ipv6: false, runner: namespace.runner)
        try iptables.run(["-t", "nat", "-N", "FOREIGN"])
        try iptables.run(["-t", "nat", "-A", "FOREIGN", "-s", "192.0.2.1", "-j", "RETURN"])
        try iptables.run(["-t", "nat", "-A", "POSTROUTING", "-j", "FOREIGN"])
        try iptables.run(["-t", "filter", "-A", "INPUT", "-p", "tcp", "--dport", "2222", "-j", "ACCEPT"])
        func foreignRulesPresent() throws -> Bool {
            let rules = try namespace.ruleset(variant)
            return rules.contains("-A FOREIGN -s 192.0.2.1/32 -j RETURN") && rules.contains("-A POSTROUTING -j FOREIGN")
                && rules.contains("-A INPUT -p tcp -m tcp --dport 2222 -j ACCEPT")
        }

        let proxier = IptablesProxier(family: .ipv4, variant: variant, runner: namespace.runner)
        let sync = GraphSync(backend: proxier, options: Self.options)
        var state = try Self.initialState()
        try sync.sync(state, changes: state.takeChanges())
        #expect(try foreignRulesPresent())
        try state.upsert(Self.slice("web", ["10.244.1.7"]))
        try sync.sync(state, changes: state.takeChanges())
        #expect(try foreignRulesPresent())
        try sync.sync(state, changes: StateChanges(), full: true)
        #expect(try foreignRulesPresent())

        try proxier.cleanup()
        #expect(try foreignRulesPresent())
        let left = try namespace.ruleset(variant).split(separator: "\n").filter { $0.contains("KUBE-") }
        // KUBE-FIREWALL is kubelet's chain as much as ours: upstream's cleanup leaves it, and so do we.
        #expect(left.allSatisfy { $0.contains("KUBE-FIREWALL") }, "\(left)")
    }

    @Test func theCanaryTellsWhenTheTablesWereFlushed() throws {
        let namespace = try TestNamespace()
        let proxier = IptablesProxier(family: .ipv4, variant: .nft, runner: namespace.runner)
        let sync = GraphSync(backend: proxier, options: Self.options)
        var state = try Self.initialState()
        try sync.sync(state, changes: state.takeChanges())
        #expect(!proxier.canaryMissing)
        try namespace.runner.run(["iptables-nft", "-t", "mangle", "-X", "KUBE-PROXY-CANARY"])
        #expect(proxier.canaryMissing)
    }

    @Test func routeLocalnetIsSetInTheProgrammedNamespaceOnly() throws {
        let namespace = try TestNamespace()
        let before = try CommandRunner.current.run(["sysctl", "-n", "net.ipv4.conf.all.route_localnet"])
        var state = try Self.initialState()
        try GraphSync(backend: IptablesProxier(family: .ipv4, variant: .nft, runner: namespace.runner), options: Self.options)
            .sync(state, changes: state.takeChanges())
        #expect(try namespace.runner.run(["sysctl", "-n", "net.ipv4.conf.all.route_localnet"]) == "1\n")
        #expect(try CommandRunner.current.run(["sysctl", "-n", "net.ipv4.conf.all.route_localnet"]) == before)
    }

    @Test func variantDetectionFollowsKubeletsHintAndCreatesNoTables() throws {
        let namespace = try TestNamespace()
        #expect(IptablesVariant.detect(runner: namespace.runner) == .nft)
        #expect(try namespace.runner.run(["iptables-legacy-save"]).isEmpty, "detection must not create legacy tables")
        try namespace.runner.run(["iptables-legacy", "-t", "mangle", "-N", "KUBE-IPTABLES-HINT"])
        #expect(IptablesVariant.detect(runner: namespace.runner) == .legacy)
    }
}
