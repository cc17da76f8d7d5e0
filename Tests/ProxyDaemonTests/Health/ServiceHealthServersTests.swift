import Foundation
import Logging
import ProxyCore
import ProxyDaemon
import Synchronization
import Testing

@Suite struct ServiceHealthServersTests {
    let service = NamespacedName(namespace: "ns", name: "web")
    let logger = Logger(label: "test.service-health")
    let proxyHealthy = Flag(true)

    /// A Boolean tests flip while servers read it.
    final class Flag: Sendable {
        private let value: Mutex<Bool>
        init(_ value: Bool) { self.value = Mutex(value) }
        var isSet: Bool { value.withLock { $0 } }
        func set(_ newValue: Bool) { value.withLock { $0 = newValue } }
    }

    func makeServers() -> ServiceHealthServers {
        let flag = proxyHealthy
        return ServiceHealthServers(listen: .only([.loopback(.ipv4)]), proxyHealthy: { flag.isSet }, logger: logger)
    }

    @Test func answersByLocalEndpointsAndProxyHealthOnAnyPath() async throws {
        let servers = makeServers()
        let port = Probe.freePort()
        #expect(await servers.syncServices([service: port]).isEmpty)
        #expect(await servers.servedPorts == [service: port])

        let none = try #require(try await Probe.get("http://127.0.0.1:\(port)/"))
        #expect(none.status == 503)
        #expect(none.headers["x-load-balancing-endpoint-weight"] == "0")

        servers.syncEndpoints([service: 2])
        let two = try #require(try await Probe.get("http://127.0.0.1:\(port)/any/path"))
        #expect(two.status == 200)
        #expect(two.headers["x-load-balancing-endpoint-weight"] == "2")
        #expect(two.headers["content-type"] == "application/json")
        #expect(two.body == "{\n\t\"service\": {\n\t\t\"namespace\": \"ns\",\n\t\t\"name\": \"web\"\n\t},\n\t\"localEndpoints\": 2,\n\t\"serviceProxyHealthy\": true\n}")
        let body = try Probe.json(two.body)
        #expect(body["service"] as? [String: String] == ["namespace": "ns", "name": "web"])
        #expect(body["localEndpoints"] as? Int == 2)

        proxyHealthy.set(false)
        let unhealthy = try #require(try await Probe.get("http://127.0.0.1:\(port)/"))
        #expect(unhealthy.status == 503)
        #expect(try Probe.json(unhealthy.body)["serviceProxyHealthy"] as? Bool == false)
        proxyHealthy.set(true)

        servers.syncEndpoints([:])
        #expect(try await Probe.get("http://127.0.0.1:\(port)/")?.status == 503)
        await servers.shutdown()
    }

    @Test func removingAServiceFreesItsPort() async throws {
        let servers = makeServers()
        let port = Probe.freePort()
        await servers.syncServices([service: port])
        #expect(Probe.bindLoopback(port: port) == nil)
        await servers.syncServices([:])
        #expect(await servers.servedPorts.isEmpty)
        #expect(Probe.bindLoopback(port: port) == port)
        #expect(try await Probe.get("http://127.0.0.1:\(port)/") == nil)
    }

    @Test func aChangedPortMovesTheServer() async throws {
        let servers = makeServers()
        let first = Probe.freePort()
        await servers.syncServices([service: first])
        servers.syncEndpoints([service: 1])
        #expect(try await Probe.get("http://127.0.0.1:\(first)/")?.status == 200)

        let second = Probe.freePort()
        #expect(await servers.syncServices([service: second]).isEmpty)
        servers.syncEndpoints([service: 1])
        #expect(try await Probe.get("http://127.0.0.1:\(first)/") == nil)
        #expect(try await Probe.get("http://127.0.0.1:\(second)/")?.status == 200)
        #expect(Probe.bindLoopback(port: first) == first)
        await servers.shutdown()
        #expect(Probe.bindLoopback(port: second) == second)
    }

    @Test func aPortInUseIsReportedAndRetriedByTheNextSync() async throws {
        let servers = makeServers()
        let other = NamespacedName(namespace: "ns", name: "other")
        let port = Probe.freePort()
        await servers.syncServices([other: port])
        let failures = await servers.syncServices([other: port, service: port])
        #expect(failures.map(\.service) == [service])
        #expect(failures.first?.address == ListenAddress(host: .loopback(.ipv4), port: port))
        #expect(await servers.servedPorts == [other: port])

        #expect(await servers.syncServices([service: port]).isEmpty)  // other released the port
        #expect(await servers.servedPorts == [service: port])
        await servers.shutdown()
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/net/if_inet6"), "needs IPv6"))
    func theDualStackWildcardAnswersOverIPv4AndIPv6() async throws {
        let servers = ServiceHealthServers(listen: .any(includingIPv6: true), proxyHealthy: { true }, logger: logger)
        let port = Probe.freePort()
        #expect(await servers.syncServices([service: port]).isEmpty)
        servers.syncEndpoints([service: 1])
        #expect(try await Probe.get("http://127.0.0.1:\(port)/")?.status == 200)
        #expect(try await Probe.get("http://[::1]:\(port)/")?.status == 200)
        await servers.shutdown()
    }

    @Test func overlappingSyncsDoNotInterleave() async throws {
        let servers = makeServers()
        let port = Probe.freePort()
        async let first = servers.syncServices([service: port])
        async let second = servers.syncServices([service: port])
        let failures = await first + second
        #expect(failures.isEmpty)
        #expect(await servers.servedPorts == [service: port])
        await servers.shutdown()
    }

    // MARK: - Graph helpers

    @Test func healthCheckPortsAndLocalReadyEndpointsComeFromTheGraph() {
        var graph = ServiceGraph(node: NodeContext(options: ProxyOptions(nodeName: "node-a"), family: .ipv4, node: nil))
        let local = [endpoint("10.0.0.1", 80), endpoint("10.0.0.2", 80, ready: false)]
        graph.setPorts([
            portNode(service, "http", port: 80, healthCheckNodePort: 30500, local: local,
                     cluster: local + [endpoint("10.0.1.9", 80, local: false)]),
            portNode(service, "metrics", port: 9090, healthCheckNodePort: 30500,
                     local: [endpoint("10.0.0.1", 9090), endpoint("10.0.0.3", 9090)], cluster: []),
        ], of: service)
        let plain = NamespacedName(namespace: "ns", name: "plain")
        graph.setPorts([portNode(plain, "", port: 80, healthCheckNodePort: nil, local: [], cluster: [endpoint("10.0.0.4", 80)])],
                       of: plain)

        #expect(ServiceHealthServers.healthCheckPorts([graph]) == [service: 30500])
        // 10.0.0.1 counts once over both ports; 10.0.0.2 is not ready; 10.0.1.9 is remote.
        #expect(ServiceHealthServers.localReadyEndpointCounts([graph]) == [service: 2, plain: 1])
    }

    func endpoint(_ ip: String, _ port: Int, local: Bool = true, ready: Bool = true) -> ServiceEndpoint {
        ServiceEndpoint(address: IPAddress(ip)!, port: port, isLocal: local, isReady: ready, isServing: ready, isTerminating: !ready)
    }

    func portNode(
        _ service: NamespacedName, _ name: String, port: Int, healthCheckNodePort: Int?, local: [ServiceEndpoint],
        cluster: [ServiceEndpoint]
    ) -> ServicePortNode {
        ServicePortNode(
            name: ServicePortName(service: service, port: name, transport: .tcp), clusterIP: IPAddress("10.96.0.10")!,
            port: port, nodePort: healthCheckNodePort.map { _ in 31000 + port % 1000 }, externalIPs: [],
            loadBalancerIPs: [], healthCheckNodePort: healthCheckNodePort, sessionAffinityTimeout: nil,
            hasEndpoints: !(local + cluster).isEmpty, internalRoute: .endpoints(.cluster),
            external: nil, loadBalancerFirewall: nil, clusterEndpoints: cluster, localEndpoints: local,
            listedEndpointCount: (local + cluster).count)
    }
}
