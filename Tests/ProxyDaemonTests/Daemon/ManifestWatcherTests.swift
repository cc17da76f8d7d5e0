import Foundation
import KubeAPI
import Logging
import ProxyCore
import Synchronization
import Testing
@testable import ProxyDaemon

/// The manifest source of the daemon: files are read again when they change, and a bad edit
/// keeps what the file held before.
@Suite struct ManifestWatcherTests {
    private final class Collected: Sendable {
        let updates = Mutex<[ResourceUpdate]>([])
        func services() -> [[String]] {
            updates.withLock { updates in
                updates.compactMap { update -> [String]? in
                    guard case .replaced("Service", let objects, _, _) = update else { return nil }
                    return objects.map(\.key.name).sorted()
                }
            }
        }
    }

    private static func service(_ name: String) -> String {
        """
        apiVersion: v1
        kind: Service
        metadata: {name: \(name), namespace: default}
        spec: {clusterIP: 10.96.0.10, ports: [{name: http, port: 80, protocol: TCP}]}

        """
    }

    @Test func rereadsChangedFilesAndKeepsWhatABadEditWouldLose() async throws {
        let directory = NSTemporaryDirectory() + "proxyd-watch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/services.yaml"
        try Self.service("web").write(toFile: file, atomically: true, encoding: .utf8)

        let collected = Collected()
        let watcher = ManifestWatcher(path: directory, pollInterval: .milliseconds(50), logger: Logger(label: "test"))
        let task = Task { await watcher.run { update in collected.updates.withLock { $0.append(update) } } }
        defer { task.cancel() }

        #expect(await Self.eventually { collected.services().last == ["web"] })
        try (Self.service("web") + "---\n" + Self.service("api")).write(toFile: file, atomically: true, encoding: .utf8)
        #expect(await Self.eventually { collected.services().last == ["api", "web"] }, "an edit is picked up")

        try "kind: Service\nmetadata: [not: valid".write(toFile: file, atomically: true, encoding: .utf8)
        try Self.service("extra").write(toFile: directory + "/extra.yaml", atomically: true, encoding: .utf8)
        #expect(await Self.eventually { collected.services().last == ["api", "extra", "web"] },
                "a file that no longer parses keeps its objects; a new file is added")

        try FileManager.default.removeItem(atPath: directory + "/extra.yaml")
        #expect(await Self.eventually { collected.services().last == ["api", "web"] }, "a removed file's objects go")
    }

    private static func eventually(_ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }
}
