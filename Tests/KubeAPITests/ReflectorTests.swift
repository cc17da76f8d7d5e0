import Foundation
import ProxyCore
import Testing
import TestAPIServer
@testable import KubeAPI

/// A reflector's updates while its watch is healthy: the first list, then each change in order.
@Suite(.timeLimit(.minutes(1))) struct ReflectorTests {
    @Test func theFirstUpdateReplacesThenChangesArriveAsUpsertsAndDeletes() async throws {
        try await withAPIServer { server, client in
            let otherProxy = [ServiceInfo.serviceProxyNameLabel: "other-proxy"]
            try await server.create(Manifest.service("a"))
            try await server.create(Manifest.service("b"))
            try await server.create(Manifest.service("ignored", labels: otherProxy))
            let reflector = reflector(client)

            try await whileRunning(running(reflector)) { collector in
                #expect(await eventually { await !collector.updates.isEmpty })
                guard case .replaced(let kind, let objects, let unreadable, let errors) = await collector.updates.first else {
                    Issue.record("the first update is not a list: \(await collector.updates)")
                    return
                }
                #expect(kind == "Service")
                #expect(Set(objects.map(\.key.name)) == ["a", "b"])
                #expect(unreadable.isEmpty && errors.isEmpty)
                #expect(await server.waitForOpenWatches())

                let versionC = try await server.create(Manifest.service("c"))
                let versionA = try await server.update(Manifest.service("a", annotations: ["changed": "yes"]))
                try await server.delete(kind: "Service", name: "b")
                try await server.update(Manifest.service("ignored", labels: otherProxy, annotations: ["changed": "yes"]))
                try await server.create(Manifest.service("d", labels: otherProxy))
                try await server.update(Manifest.service("d"))  // now selected: arrives as ADDED
                let versionD2 = try await server.object(kind: "Service", name: "d").flatMap(Self.resourceVersion)
                try await server.update(Manifest.service("c", labels: otherProxy))  // no longer selected: DELETED

                let expected = ["a": versionA, "d": versionD2 ?? ""]
                #expect(await eventually { await collector.versions(of: "Service") == expected })
                let changes = await collector.updates.dropFirst().map(Self.summary)
                #expect(changes == ["upserted c \(versionC)", "upserted a \(versionA)", "deleted b", "upserted d \(versionD2 ?? "")",
                                    "deleted c"])
            }
        }
    }

    @Test func aWatchedObjectThatDoesNotDecodeIsSkippedNamingItsField() async throws {
        try await withAPIServer { server, client in
            try await server.create(Manifest.service("a"))
            let reflector = reflector(client)

            try await whileRunning(running(reflector)) { collector in
                #expect(await eventually { await !collector.updates.isEmpty })
                #expect(await server.waitForOpenWatches())
                try await server.update(Manifest.service("a", spec: #"{"ports": "x"}"#))

                #expect(await eventually { await collector.updates.count == 2 })
                guard case .skipped(let error) = await collector.updates.last else {
                    Issue.record("not skipped: \(await collector.updates)")
                    return
                }
                #expect(error.object == "Service default/a")
                #expect(error.field == "spec.ports")
                #expect(await collector.versions(of: "Service").keys.sorted() == ["a"], "the previous version stays")
            }
        }
    }

    @Test func aListedObjectThatDoesNotDecodeIsUnreadable() async throws {
        try await withAPIServer { server, client in
            try await server.create(Manifest.service("good"))
            try await server.create(Manifest.service("bad", spec: #"{"ports": "x"}"#))
            let reflector = reflector(client)

            try await whileRunning(running(reflector)) { collector in
                #expect(await eventually { await !collector.updates.isEmpty })
                guard case .replaced(_, let objects, let unreadable, let errors) = await collector.updates.first else {
                    Issue.record("the first update is not a list")
                    return
                }
                #expect(objects.map(\.key.name) == ["good"])
                #expect(unreadable == [KubeObject.Key(kind: "Service", namespace: "default", name: "bad")])
                #expect(errors.map(\.description) == ["Service default/bad: spec.ports: expected a list"])
            }
        }
    }

    @Test func manyQuickUpdatesArriveAllAndInOrder() async throws {
        try await withAPIServer { server, client in
            try await server.create(Manifest.service("busy"))
            let reflector = reflector(client)

            try await whileRunning(running(reflector)) { collector in
                #expect(await eventually { await !collector.updates.isEmpty })
                #expect(await server.waitForOpenWatches())
                var versions: [String] = []
                for count in 1...200 {
                    versions.append(try await server.update(Manifest.service("busy", annotations: ["count": "\(count)"])))
                }

                #expect(await eventually(timeout: .seconds(20)) { await collector.updates.count == 201 })
                let upserts = await collector.updates.dropFirst().compactMap { update -> (String, String)? in
                    guard case .upserted(let object) = update else { return nil }
                    return (object.metadata.annotations?["count"] ?? "", object.metadata.resourceVersion ?? "")
                }
                #expect(upserts.map(\.0) == (1...200).map(String.init))
                #expect(upserts.map(\.1) == versions)
            }
        }
    }

    static func summary(_ update: ResourceUpdate) -> String {
        switch update {
        case .replaced(let kind, let objects, _, _): "replaced \(kind) \(objects.map(\.key.name).sorted())"
        case .upserted(let object): "upserted \(object.key.name) \(object.metadata.resourceVersion ?? "")"
        case .deleted(let key): "deleted \(key.name)"
        case .skipped(let error): "skipped \(error)"
        }
    }

    static func resourceVersion(_ json: String) -> String? {
        let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return (object?["metadata"] as? [String: Any])?["resourceVersion"] as? String
    }
}
