import Foundation
import ProxyCore
import Testing
import TestAPIServer
@testable import KubeAPI

/// A reflector recovering from broken watches, expired versions, restarts and failing requests.
@Suite(.timeLimit(.minutes(1))) struct ReflectorRecoveryTests {
    @Test(arguments: [TestAPIServer.ExpiredWatchResponse.errorEvent, .goneStatus])
    func anExpiredVersionAfterADroppedWatchMakesItListAgain(expired: TestAPIServer.ExpiredWatchResponse) async throws {
        try await withAPIServer(options: .init(expiredWatchResponse: expired)) { server, client in
            let versionA = try await server.create(Manifest.service("a"))
            let reflector = reflector(client)

            try await whileRunning(running(reflector)) { collector in
                #expect(await eventually { await collector.replacements.count == 1 })
                #expect(await server.waitForOpenWatches())
                // A change to another resource, then compaction: the version the watch resumes from is gone.
                try await server.create(Manifest.endpointSlice("a-1", service: "a"))
                await server.compact()
                await server.clearRequestLog()
                await server.dropWatches()

                #expect(await eventually(timeout: .seconds(15)) { await collector.replacements.count == 2 })
                #expect(await server.requestLog.filter(\.isList).count == 1)
                #expect(await server.waitForOpenWatches())
                let versionB = try await server.create(Manifest.service("b"))
                #expect(await eventually { await collector.versions(of: "Service") == ["a": versionA, "b": versionB] })
            }
        }
    }

    @Test func aDeleteWhileDisconnectedIsMissingFromTheRelist() async throws {
        try await withAPIServer { server, client in
            try await server.create(Manifest.service("a"))
            try await server.create(Manifest.service("b"))
            let versionC = try await server.create(Manifest.service("c"))
            let reflector = reflector(client)

            try await whileRunning(running(reflector)) { collector in
                #expect(await eventually { await collector.versions(of: "Service").count == 3 })
                #expect(await server.waitForOpenWatches())
                await server.stop()
                try await server.delete(kind: "Service", name: "b")
                let versionA = try await server.update(Manifest.service("a", annotations: ["changed": "offline"]))
                await server.compact()
                await server.clearRequestLog()
                try await server.start()

                let expected = ["a": versionA, "c": versionC]
                #expect(await eventually(timeout: .seconds(20)) { await collector.versions(of: "Service") == expected })
                #expect(await collector.replacements.map(\.names) == [["a", "b", "c"], ["a", "c"]])
                #expect(await server.requestLog.contains(where: \.isList))
                #expect(await !collector.updates.contains { if case .deleted = $0 { true } else { false } })
            }
        }
    }

    @Test func aRestartOnAFreshStoreIsFollowedByARelist() async throws {
        try await withAPIServer { server, client in
            try await server.create(Manifest.service("old"))
            let reflector = reflector(client)

            try await whileRunning(running(reflector)) { collector in
                #expect(await eventually { await collector.replacements.count == 1 })
                #expect(await server.waitForOpenWatches())
                try await server.restart(keepingObjects: false)
                let versionNew = try await server.create(Manifest.service("new"))

                #expect(await eventually(timeout: .seconds(20)) { await collector.versions(of: "Service") == ["new": versionNew] })
                #expect(await collector.replacements.count >= 2)
            }
        }
    }

    @Test func aRestartKeepingTheStoreResumesTheWatchWithoutListing() async throws {
        try await withAPIServer { server, client in
            try await server.create(Manifest.service("a"))
            let reflector = reflector(client)

            try await whileRunning(running(reflector)) { collector in
                #expect(await eventually { await collector.replacements.count == 1 })
                #expect(await server.waitForOpenWatches())
                await server.stop()
                let versionB = try await server.create(Manifest.service("b"))
                await server.clearRequestLog()
                try await server.start()

                #expect(await eventually(timeout: .seconds(20)) { await collector.versions(of: "Service")["b"] == versionB })
                #expect(await collector.replacements.count == 1)
                #expect(await !server.requestLog.contains(where: \.isList))
            }
        }
    }

    @Test func aDroppedWatchResumesAfterTheLastEventItDelivered() async throws {
        try await withAPIServer { server, client in
            try await server.create(Manifest.service("a"))
            let reflector = reflector(client)

            try await whileRunning(running(reflector)) { collector in
                #expect(await eventually { await collector.replacements.count == 1 })
                #expect(await server.waitForOpenWatches())
                let versionB = try await server.create(Manifest.service("b"))
                #expect(await eventually { await collector.versions(of: "Service")["b"] == versionB })
                await server.clearRequestLog()
                await server.dropWatches()

                #expect(await eventually(timeout: .seconds(15)) { await server.requestLog.contains(where: \.isWatch) })
                #expect(await server.waitForOpenWatches())
                let versionC = try await server.create(Manifest.service("c"))
                #expect(await eventually { await collector.versions(of: "Service")["c"] == versionC })
                #expect(await server.requestLog.first(where: \.isWatch)?.parameters["resourceVersion"] == versionB)
                let summaries = await collector.updates.map(ReflectorTests.summary)
                #expect(summaries.filter { $0.hasPrefix("upserted b") }.count == 1, "b is not delivered again: \(summaries)")
            }
        }
    }

    @Test func aBookmarkAdvancesTheVersionADroppedWatchResumesFrom() async throws {
        try await withAPIServer { server, client in
            try await server.create(Manifest.service("web"))
            let reflector = reflector(client)

            try await whileRunning(running(reflector)) { collector in
                #expect(await eventually { await collector.replacements.count == 1 })
                // Changes to another resource move the server's version on without an event on this watch.
                try await server.create(Manifest.endpointSlice("web-1", service: "web"))
                try await server.create(Manifest.endpointSlice("web-2", service: "web"))
                let bookmarked = await server.resourceVersion

                let resumedFrom = await Self.bookmarkAndDrop(server, until: bookmarked)
                #expect(resumedFrom.last == bookmarked, "watches resumed from \(resumedFrom), not the bookmark's \(bookmarked)")
                #expect(await collector.updates.count == 1, "a bookmark delivers nothing")
                #expect(await collector.replacements.count == 1, "no list again")
            }
        }
    }

    @Test func periodicBookmarksFromTheServerAreFollowed() async throws {
        try await withAPIServer(options: .init(bookmarkInterval: .milliseconds(100))) { server, client in
            try await server.create(Manifest.service("web"))
            // Watches end every second, cleanly, so the bookmark is always read before the next watch starts.
            let reflector = reflector(client, watchTimeoutSeconds: 1...1)

            try await whileRunning(running(reflector)) { collector in
                #expect(await eventually { await collector.replacements.count == 1 })
                try await server.create(Manifest.endpointSlice("web-1", service: "web"))
                let bookmarked = await server.resourceVersion

                #expect(await eventually(timeout: .seconds(10)) {
                    await server.requestLog.contains { $0.isWatch && $0.parameters["resourceVersion"] == bookmarked }
                })
                #expect(await collector.replacements.count == 1)
            }
        }
    }

    @Test func failingListsAreRetriedWithBackoff() async throws {
        try await withAPIServer { server, client in
            let versionA = try await server.create(Manifest.service("a"))
            await server.failNextRequests(2)
            let reflector = reflector(client)

            try await whileRunning(running(reflector)) { collector in
                #expect(await eventually(timeout: .seconds(15)) { await collector.replacements.count == 1 })
                let lists = await server.requestLog.filter(\.isList)
                #expect(lists.count == 3)
                #expect(await collector.versions(of: "Service") == ["a": versionA])
                #expect(await server.waitForOpenWatches())
                let versionB = try await server.create(Manifest.service("b"))
                #expect(await eventually { await collector.versions(of: "Service") == ["a": versionA, "b": versionB] })
            }
        }
    }

    @Test func failingWatchesAreRetriedFromTheLastVersion() async throws {
        try await withAPIServer { server, client in
            try await server.create(Manifest.service("a"))
            let reflector = reflector(client)

            try await whileRunning(running(reflector)) { collector in
                #expect(await eventually { await collector.replacements.count == 1 })
                #expect(await server.waitForOpenWatches())
                await server.clearRequestLog()
                await server.failNextRequests(1, status: 429)
                await server.dropWatches()
                let versionB = try await server.create(Manifest.service("b"))

                #expect(await eventually(timeout: .seconds(15)) { await collector.versions(of: "Service")["b"] == versionB })
                let watches = await server.requestLog.filter(\.isWatch)
                #expect(watches.count == 2)
                #expect(Set(watches.map { $0.parameters["resourceVersion"] }).count == 1, "both from the last version seen")
                #expect(await collector.replacements.count == 1)
            }
        }
    }

    /// Sends bookmarks and drops the watch until the next watch resumes from `version` (the drop may overtake
    /// the bookmark on its way to the client; then the bookmark is sent again); returns the versions resumed from.
    static func bookmarkAndDrop(_ server: TestAPIServer, until version: String) async -> [String] {
        var resumedFrom: [String] = []
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline, resumedFrom.last != version {
            guard await server.waitForOpenWatches() else { break }
            await server.clearRequestLog()
            await server.sendBookmarks()
            // Room for the bookmark to reach the client before the connection breaks (more on each retry); the
            // result is checked below, not assumed.
            try? await Task.sleep(for: .milliseconds(50 << min(resumedFrom.count, 4)))
            await server.dropWatches()
            let resumed = await eventually { await server.requestLog.contains(where: \.isWatch) }
            guard resumed else { break }
            resumedFrom.append(await server.requestLog.first(where: \.isWatch)?.parameters["resourceVersion"] ?? "")
        }
        return resumedFrom
    }
}
