import Foundation
import Logging
import ProxyCore
import Synchronization
import TestAPIServer
@testable import KubeAPI

// MARK: Shared certificates

/// One PKI for the whole test process (RSA generation with openssl is slow); removed at exit.
enum SharedPKI {
    private static let generation = Task { () throws -> TestCertificates in
        let certificates = try await TestCertificates.generate()
        directory.withLock { $0 = certificates.directory }
        atexit {
            if let path = SharedPKI.directory.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
        }
        return certificates
    }
    private static let directory = Mutex<String?>(nil)

    static var certificates: TestCertificates {
        get async throws { try await generation.value }
    }
}

/// A fresh directory under the system's temporary directory, removed when the value is released.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("kubeapi-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` (subfolders are created) and returns the file's path.
    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

// MARK: Waiting

/// Polls `condition` every 20 ms until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try await condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: .milliseconds(20))
    }
}

/// The result of `operation`, or nil when it has not finished within `timeout` (it is then cancelled).
func within<T: Sendable>(_ timeout: Duration, _ operation: @escaping @Sendable () async -> T) async -> T? {
    let (results, continuation) = AsyncStream<T?>.makeStream()
    let work = Task {
        continuation.yield(await operation())
    }
    let timer = Task {
        try? await Task.sleep(for: timeout)
        continuation.yield(nil)
    }
    var iterator = results.makeAsyncIterator()
    let result = await iterator.next() ?? nil
    timer.cancel()
    if result == nil { work.cancel() }
    continuation.finish()
    return result
}

/// What `body` returned or threw.
func outcome<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}

// MARK: Servers and clients

let testLogger: Logger = {
    var logger = Logger(label: "KubeAPITests")
    logger.logLevel = ProcessInfo.processInfo.environment["KUBEAPI_TEST_LOG"].flatMap { Logger.Level(rawValue: $0) } ?? .critical
    return logger
}()

/// A test API server with the shared certificates and a client for it from a kubeconfig; both are
/// shut down when `body` returns or throws.
func withAPIServer<T>(
    options: TestAPIServer.Options = .init(), credentials: TestCertificates.KubeconfigCredentials = .embedded,
    _ body: (TestAPIServer, KubeClient) async throws -> T
) async throws -> T {
    let certificates = try await SharedPKI.certificates
    let server = try await TestAPIServer(certificates: certificates, options: options)
    let directory = try TemporaryDirectory()
    let path = try directory.write(certificates.kubeconfig(server: server.url, credentials: credentials), to: "kubeconfig")
    let client: KubeClient
    do {
        client = try KubeClient(connection: APIConnection.resolve(kubeconfig: path, master: nil))
    } catch {
        await server.stop()
        throw error
    }
    do {
        let result = try await body(server, client)
        try await client.shutdown()
        await server.stop()
        return result
    } catch {
        try? await client.shutdown()
        await server.stop()
        throw error
    }
}

/// Runs `run` (a reflector or cluster watcher delivering to a new collector) in a task for the
/// duration of `body`, then cancels it and expects it to stop within 10 s.
func whileRunning<T>(
    _ run: @escaping @Sendable (UpdateCollector) async -> Void, _ body: (UpdateCollector) async throws -> T
) async throws -> T {
    let collector = UpdateCollector()
    let task = Task { await run(collector) }
    let result: T
    do {
        result = try await body(collector)
    } catch {
        task.cancel()
        _ = await within(.seconds(10)) { await task.value }
        throw error
    }
    task.cancel()
    let stopped = await within(.seconds(10)) { await task.value } != nil
    guard stopped else { throw TestFailure("the reflector did not stop within 10 s of being cancelled") }
    return result
}

/// A reflector with test settings.
func reflector(
    _ client: KubeClient, _ resource: APIResource = .services,
    selectors: ListSelectors = .serviceObjects(serviceProxyName: nil),
    watchTimeoutSeconds: ClosedRange<Int> = 300...300, pageSize: Int = 500
) -> Reflector {
    Reflector(client: client, resource: resource, selectors: selectors, watchTimeoutSeconds: watchTimeoutSeconds,
              pageSize: pageSize, logger: testLogger)
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

// MARK: Collecting updates

/// Receives a reflector's updates and keeps the objects they describe, as a consumer would.
actor UpdateCollector {
    private(set) var updates: [ResourceUpdate] = []
    private(set) var objects: [KubeObject.Key: KubeObject] = [:]

    func receive(_ update: ResourceUpdate) {
        updates.append(update)
        switch update {
        case .replaced(let kind, let listed, let unreadable, _):
            objects = objects.filter { $0.key.kind != kind || unreadable.contains($0.key) }
            for object in listed { objects[object.key] = object }
        case .upserted(let object):
            objects[object.key] = object
        case .deleted(let key):
            objects[key] = nil
        case .skipped:
            break
        }
    }

    /// The names of the objects of `kind` now held, with their resourceVersions.
    func versions(of kind: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: objects.filter { $0.key.kind == kind }.map { ($0.key.name, $0.value.metadata.resourceVersion ?? "") })
    }

    /// Every `.replaced` update: its kind and the names listed.
    var replacements: [(kind: String, names: Set<String>)] {
        updates.compactMap {
            guard case .replaced(let kind, let objects, _, _) = $0 else { return nil }
            return (kind, Set(objects.map(\.key.name)))
        }
    }
}

extension KubeObject {
    var metadata: ObjectMeta {
        switch self {
        case .service(let service): service.metadata
        case .endpointSlice(let slice): slice.metadata
        case .node(let node): node.metadata
        }
    }
}

// MARK: Objects

/// JSON manifests for the test API server.
enum Manifest {
    static let defaultServiceSpec = #"{"type":"ClusterIP","clusterIP":"10.96.0.10","ports":[{"name":"http","port":80,"protocol":"TCP"}]}"#

    static func service(
        _ name: String, namespace: String = "default", labels: [String: String] = [:],
        annotations: [String: String] = [:], spec: String = defaultServiceSpec
    ) -> String {
        #"{"apiVersion":"v1","kind":"Service","metadata":{"name":"\#(name)","namespace":"\#(namespace)","labels":\#(json(labels)),"annotations":\#(json(annotations))},"spec":\#(spec)}"#
    }

    static func endpointSlice(_ name: String, service: String, address: String = "10.244.0.5") -> String {
        #"{"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"\#(name)","namespace":"default","labels":{"kubernetes.io/service-name":"\#(service)"}},"addressType":"IPv4","endpoints":[{"addresses":["\#(address)"],"conditions":{"ready":true}}],"ports":[{"name":"http","port":8080,"protocol":"TCP"}]}"#
    }

    static func node(_ name: String, labels: [String: String] = [:]) -> String {
        #"{"apiVersion":"v1","kind":"Node","metadata":{"name":"\#(name)","labels":\#(json(labels))},"spec":{"podCIDRs":["10.244.0.0/24"]},"status":{"addresses":[{"type":"InternalIP","address":"192.168.0.10"}]}}"#
    }

    private static func json(_ map: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(map)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

/// Runs `reflector`, delivering to the collector, for `whileRunning`.
func running(_ reflector: Reflector) -> @Sendable (UpdateCollector) async -> Void {
    { collector in await reflector.run { await collector.receive($0) } }
}
