import Foundation
import ProxyCore
import Testing
import TestAPIServer
@testable import KubeAPI

/// The cluster watcher: Services and EndpointSlices for this proxy, and only this node's Node.
@Suite(.timeLimit(.minutes(1))) struct ClusterWatcherTests {
    @Test func watchesServicesEndpointSlicesAndThisNodeOnly() async throws {
        try await withAPIServer { server, client in
            let versionWeb = try await server.create(Manifest.service("web"))
            try await server.create(Manifest.service("other", labels: [ServiceInfo.serviceProxyNameLabel: "other-proxy"]))
            let versionSlice = try await server.create(Manifest.endpointSlice("web-abc", service: "web"))
            try await server.create(Manifest.node("node-a"))
            try await server.create(Manifest.node("node-b"))
            let watcher = ClusterWatcher(
                client: client, nodeName: "node-a", serviceProxyName: nil, relistPeriod: .seconds(900), logger: testLogger)
            #expect(watcher.requiredKinds == ["Service", "EndpointSlice"])

            try await whileRunning({ collector in await watcher.run(deliver: { await collector.receive($0) }) }) { collector in
                #expect(await eventually { await Set(collector.replacements.map(\.kind)) == ["Service", "EndpointSlice", "Node"] })
                let lists = Dictionary(await collector.replacements.map { ($0.kind, $0.names) }, uniquingKeysWith: { first, _ in first })
                #expect(lists == ["Service": ["web"], "EndpointSlice": ["web-abc"], "Node": ["node-a"]])
                #expect(await server.waitForOpenWatches(atLeast: 3))

                let nodeRequests = await server.requestLog.filter { $0.path == "/api/v1/nodes" }
                #expect(nodeRequests.contains(where: \.isList) && nodeRequests.contains(where: \.isWatch))
                #expect(nodeRequests.allSatisfy { $0.parameters["fieldSelector"] == "metadata.name=node-a" })
                #expect(nodeRequests.allSatisfy { $0.parameters["labelSelector"] == nil })
                let sliceRequests = await server.requestLog.filter { $0.path == "/apis/discovery.k8s.io/v1/endpointslices" }
                #expect(sliceRequests.allSatisfy {
                    $0.parameters["labelSelector"] == "!service.kubernetes.io/service-proxy-name,!service.kubernetes.io/headless"
                })

                try await server.update(Manifest.node("node-b", labels: ["changed": "yes"]))
                let versionNode = try await server.update(Manifest.node("node-a", labels: ["topology.kubernetes.io/zone": "z1"]))
                #expect(await eventually { await collector.versions(of: "Node") == ["node-a": versionNode] })
                #expect(await collector.versions(of: "Service") == ["web": versionWeb])
                #expect(await collector.versions(of: "EndpointSlice") == ["web-abc": versionSlice])
                let nodeUpserts = await collector.updates.compactMap { update -> String? in
                    guard case .upserted(.node(let node)) = update else { return nil }
                    return node.metadata.name
                }
                #expect(nodeUpserts == ["node-a"])
            }
        }
    }
}
