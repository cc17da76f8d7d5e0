import Foundation
import IptablesBackend
import NftablesBackend
import KubeAPI
import Logging
import ProxyConformance
import ProxyCore
import ProxyDaemon
import TestAPIServer
import Testing

/// The daemon against the test API server, programming a namespace of a kernel topology, checked
/// with real packets: it follows creates, scale-downs and deletes, and an API server restart with
/// an expired resourceVersion, without ever removing the rules meanwhile.
@Suite(.serialized) struct DaemonEndToEndTests {
    private static let agent = Bundle.main.bundleURL.appendingPathComponent("proxyd-conformance-agent").path
    private static let clusterIP = "10.96.0.50:80/tcp"
    private static let allEndpoints: Set<String> = ["10.244.1.2:8080", "10.244.1.3:8080", "10.244.2.2:8080"]

    /// The backend of a mode, programming a namespace.
    private static func sync(_ mode: ProxyMode, _ namespace: String, options: ProxyOptions) throws -> any GraphSyncing {
        let runner = CommandRunner.inNamespace(namespace)
        if mode == .nftables {
            let proxier = NftablesProxier(family: .ipv4, connection: try NftNetlink(namespace: namespace), runner: runner)
            return GraphSync(backend: proxier, options: options.adjusted(for: mode))
        }
        return GraphSync(backend: IptablesProxier(family: .ipv4, variant: .nft, runner: runner), options: options)
    }

    /// Whether the mode's rules are in the namespace.
    private static func rulesInPlace(_ mode: ProxyMode, _ runner: CommandRunner) throws -> Bool {
        mode == .nftables ? try runner.run(["nft", "list", "table", "ip", "proxyd"]).contains("clusterip-cluster")
            : try runner.run(["iptables-nft-save", "-t", "nat"]).contains("KUBE-SERVICES")
    }

    @Test(arguments: [ProxyMode.iptables, .nftables])
    func followsTheAPIServerWithRealPackets(_ mode: ProxyMode) async throws {
        let scenario = try ScenarioCatalog.scenario(named: "cluster-ip-basic")
        let topology = try KernelTopology(
            scenario: scenario, agent: Self.agent, prefix: "pxe\(UInt32.random(in: 0..<UInt32.max) % 100_000)-")
        defer { topology.tearDown() }
        let server = try await TestAPIServer()
        let kubeconfig = try server.certificates.writeKubeconfig(server: server.url)
        let client = try KubeClient(connection: APIConnection.resolve(kubeconfig: kubeconfig, master: nil))
        let logger = Logger(label: "daemon-e2e")
        let runner = CommandRunner.inNamespace(topology.node.name)
        let worker = SyncWorker(syncs: [try Self.sync(mode, topology.node.name, options: scenario.options)])
        let health = ProxyHealth(timeout: .seconds(60))
        let daemon = ProxyDaemon(
            source: ClusterWatcher(client: client, nodeName: scenario.options.nodeName, serviceProxyName: nil,
                                   relistPeriod: .seconds(900), watchTimeoutSeconds: 30...60, logger: logger),
            worker: worker, scheduler: SyncScheduler(minInterval: .milliseconds(100), maxInterval: .seconds(30)),
            nodeName: scenario.options.nodeName, health: health, metrics: ProxyMetrics(mode: mode, families: [.ipv4]),
            serviceHealth: ServiceHealthServers(listen: .any(includingIPv6: false), proxyHealthy: { true }, logger: logger),
            logger: logger)
        let running = Task { try await daemon.run() }
        defer { running.cancel() }

        // Nothing is programmed until the lists are in; then the service appears when created.
        let web = try #require(scenario.objects.first { $0.key.name == "web" })
        var slice = try #require(scenario.objects.compactMap { object -> EndpointSlice? in
            if case .endpointSlice(let slice) = object { slice } else { nil }
        }.first)
        try await server.create(Self.json(web))
        try await server.create(Self.json(.endpointSlice(slice)))
        #expect(try await eventually(topology) { $0 == Self.allEndpoints }, "ClusterIP traffic reaches the 3 pods")

        // Scale the slice down to one endpoint: traffic goes only there.
        let full = slice.endpoints
        slice.endpoints = [try #require(full?.first)]
        try await server.update(Self.json(.endpointSlice(slice)))
        #expect(try await eventually(topology) { $0 == ["10.244.1.2:8080"] }, "only the remaining endpoint answers")

        // The API server goes away; the rules stay. It comes back with the old resourceVersion
        // expired and a change made meanwhile: the daemon lists again and converges.
        await server.stop()
        #expect(try probe(topology).endpoints == ["10.244.1.2:8080"], "rules stay while the API server is down")
        slice.endpoints = full
        try await server.update(Self.json(.endpointSlice(slice)))
        await server.compact()
        try await server.start()
        #expect(try await eventually(topology) { $0 == Self.allEndpoints }, "converges after the relist")
        let lists = await server.requestLog.filter { $0.isList && $0.path.hasSuffix("endpointslices") }
        #expect(lists.count >= 2, "the EndpointSlices were listed again after the 410")

        // Delete the Service: its ClusterIP no longer leads anywhere.
        try await server.delete(kind: "Service", namespace: "shop", name: "web")
        #expect(try await eventually(topology) { $0.isEmpty }, "a deleted service answers no more")
        #expect(health.isHealthy)

        running.cancel()
        _ = await running.result
        try await client.shutdown()
        await server.stop()
        #expect(try Self.rulesInPlace(mode, runner), "stopping leaves the rules in place")
    }

    /// Probes the ClusterIP from the node until the answering endpoints satisfy `condition` (30 s at most:
    /// other suites can hold the cooperative threads for a while).
    private func eventually(_ topology: KernelTopology, _ condition: (Set<String>) -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if condition(try probe(topology).endpoints) { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return false
    }

    private func probe(_ topology: KernelTopology) throws -> KernelObservation {
        KernelObservation(agentOutput: try topology.node.exec([
            Self.agent, "probe", "--to", Self.clusterIP, "--from", "10.0.1.1", "--count", "15",
            "--timeout-milliseconds", "300",
        ]))
    }

    private static func json(_ object: KubeObject) throws -> String {
        String(decoding: try JSONEncoder().encode(object), as: UTF8.self)
    }
}
