import Hummingbird
import HummingbirdTLS
import Logging
import NIOSSL

/// A small Kubernetes API server for tests, speaking the real protocol over HTTPS on 127.0.0.1:
/// client-certificate (or bearer-token) authentication, GET, paginated list with label and field selectors,
/// and watch with resourceVersion, bookmarks and 410 Expired, for Services, EndpointSlices and Nodes.
///
/// ```swift
/// let server = try await TestAPIServer()
/// try await server.create(#"{"kind":"Service","metadata":{"name":"web"},"spec":{"clusterIP":"10.0.0.1"}}"#)
/// let kubeconfig = try server.certificates.writeKubeconfig(server: server.url)
/// ```
public actor TestAPIServer {
    /// How clients authenticate.
    public enum Authentication: Sendable, Equatable {
        /// TLS requires a client certificate signed by the CA (`certificates.client`).
        case clientCertificate
        /// Requests need `Authorization: Bearer <token>` (else 401) unless they present a client certificate
        /// signed by the CA; TLS asks for certificates but does not require one.
        case bearerToken(String)
    }

    /// How a watch from an expired resourceVersion is answered.
    public enum ExpiredWatchResponse: Sendable, Equatable {
        /// 200, then one ERROR event with a 410 Expired `Status`, then the end of the stream (the usual case).
        case errorEvent
        /// 410 Gone with an Expired `Status` body.
        case goneStatus
    }

    /// Settings fixed for the server's life.
    public struct Options: Sendable {
        public var authentication: Authentication
        /// How many events are kept for watches; a watch from before the oldest one is expired.
        public var historyLimit: Int
        public var expiredWatchResponse: ExpiredWatchResponse
        /// When set, every watch that allows bookmarks gets a BOOKMARK this often.
        public var bookmarkInterval: Duration?

        public init(
            authentication: Authentication = .clientCertificate, historyLimit: Int = 1000,
            expiredWatchResponse: ExpiredWatchResponse = .errorEvent, bookmarkInterval: Duration? = nil
        ) {
            self.authentication = authentication
            self.historyLimit = historyLimit
            self.expiredWatchResponse = expiredWatchResponse
            self.bookmarkInterval = bookmarkInterval
        }
    }

    /// The PKI the server's certificate and the client certificates come from.
    public nonisolated let certificates: TestCertificates
    public nonisolated let options: Options
    /// The port the server listens on, chosen by the OS at first start and kept across restarts.
    public nonisolated let port: Int
    /// `https://127.0.0.1:<port>`.
    public nonisolated var url: String { "https://127.0.0.1:\(port)" }

    private let hub: WatchHub
    private let control = RequestControl()
    private var serving: Task<Void, any Error>?
    private var bookmarks: Task<Void, Never>?

    /// Starts a server on 127.0.0.1 at a port the OS chooses, with new certificates unless given some.
    public init(certificates: TestCertificates? = nil, options: Options = Options()) async throws {
        let certificates = if let certificates { certificates } else { try await TestCertificates.generate() }
        let hub = WatchHub(historyLimit: options.historyLimit)
        let responder = APIResponder(hub: hub, control: control, options: options)
        let (serving, port) = try await Self.serve(responder, certificates: certificates, port: 0)
        self.certificates = certificates
        self.options = options
        self.hub = hub
        self.port = port
        self.serving = serving
        startBookmarks()
    }

    deinit {
        bookmarks?.cancel()
        if let serving {
            serving.cancel()
            Task { [hub] in await hub.stopServing() }
        }
    }

    /// Whether the server is listening.
    public var isRunning: Bool { serving != nil }

    /// Stops listening and closes every connection abruptly, as a killed API server would. The objects stay.
    public func stop() async {
        guard let serving else { return }
        self.serving = nil
        bookmarks?.cancel()
        bookmarks = nil
        await hub.stopServing()
        serving.cancel()
        _ = await serving.result
    }

    /// Starts listening again on the same port after `stop()`; does nothing while running.
    public func start() async throws {
        guard serving == nil else { return }
        await hub.resumeServing()
        let responder = APIResponder(hub: hub, control: control, options: options)
        serving = try await Self.serve(responder, certificates: certificates, port: port).task
        startBookmarks()
    }

    /// Stops and starts again on the same port. Without `keepingObjects` the objects and the history are gone,
    /// as with a fresh etcd, and every resourceVersion handed out before is expired.
    public func restart(keepingObjects: Bool = true) async throws {
        await stop()
        if !keepingObjects { await hub.removeAll() }
        try await start()
    }

    // MARK: Objects

    /// Stores a new object given as JSON (its `kind` says which resource; a namespaced object without a
    /// namespace goes to `default`), sets `resourceVersion`, `uid` and `creationTimestamp`, sends ADDED to the
    /// watches, and returns the new resourceVersion. Throws 409 AlreadyExists or 422 Invalid.
    @discardableResult
    public func create(_ json: String) async throws -> String {
        let object = try Self.parse(json)
        do { return String(try await hub.create(object)) } catch { throw ServerStatus(error) }
    }

    /// Replaces a stored object (last write wins), sends MODIFIED, and returns the new resourceVersion.
    /// Throws 404 NotFound or 422 Invalid.
    @discardableResult
    public func update(_ json: String) async throws -> String {
        let object = try Self.parse(json)
        do { return String(try await hub.update(object)) } catch { throw ServerStatus(error) }
    }

    /// Deletes a stored object (`namespace` defaults to `default` for namespaced kinds), sends DELETED, and
    /// returns the resourceVersion of the deletion. Throws 404 NotFound or 422 Invalid.
    @discardableResult
    public func delete(kind: String, namespace: String? = nil, name: String) async throws -> String {
        let resource = try Self.resource(kind: kind)
        let key = Self.key(resource, namespace: namespace, name: name)
        do { return String(try await hub.delete(resource, key)) } catch { throw ServerStatus(error) }
    }

    /// The stored object as JSON with `kind` and `apiVersion`, or `nil`.
    public func object(kind: String, namespace: String? = nil, name: String) async throws -> String? {
        let resource = try Self.resource(kind: kind)
        return await hub.object(resource, Self.key(resource, namespace: namespace, name: name))?.text
    }

    /// The resourceVersion of the latest change.
    public var resourceVersion: String {
        get async { String(await hub.resourceVersion) }
    }

    // MARK: Test controls

    /// Closes every open watch connection abruptly (no final chunk), as a broken connection would.
    public func dropWatches() async {
        await hub.dropWatches()
    }

    /// Forgets the event history: watches from any earlier resourceVersion are expired (410), and so are
    /// continue tokens of lists begun before.
    public func compact() async {
        await hub.compact()
    }

    /// Sends a BOOKMARK at the current resourceVersion to every watch that asked for bookmarks.
    public func sendBookmarks() async {
        await hub.sendBookmarks()
    }

    /// The number of watches streaming now.
    public var openWatchCount: Int {
        get async { await hub.openWatchCount }
    }

    /// Waits until at least `count` watches are streaming; returns whether that happened within `timeout`.
    public func waitForOpenWatches(atLeast count: Int = 1, timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while await hub.openWatchCount < count {
            guard ContinuousClock.now < deadline, (try? await Task.sleep(for: .milliseconds(10))) != nil else { return false }
        }
        return true
    }

    /// Every request received since the start or the last `clearRequestLog()`, oldest first.
    public var requestLog: [RecordedRequest] {
        get async { await control.log }
    }

    /// Empties the request log.
    public func clearRequestLog() async {
        await control.clearLog()
    }

    /// Answers the next `count` requests (of any kind) with `status` (500 InternalError, or 429
    /// TooManyRequests with `Retry-After: 1`) instead of serving them.
    public func failNextRequests(_ count: Int, status: Int = 500) async {
        await control.failNext(count, status: status)
    }

    // MARK: Private

    private func startBookmarks() {
        guard let interval = options.bookmarkInterval else { return }
        bookmarks = Task { [hub] in
            while (try? await Task.sleep(for: interval)) != nil {
                await hub.sendBookmarks()
            }
        }
    }

    /// Runs the HTTPS server on 127.0.0.1 at `port` (0: any) until the returned task is cancelled.
    private static func serve(
        _ responder: APIResponder, certificates: TestCertificates, port: Int
    ) async throws -> (task: Task<Void, any Error>, port: Int) {
        func certificate(_ pem: String) throws -> NIOSSLCertificate {
            try NIOSSLCertificate(bytes: Array(pem.utf8), format: .pem)
        }
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try certificate(certificates.server.certificatePEM))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(certificates.server.keyPEM.utf8), format: .pem)))
        tls.trustRoots = .certificates([try certificate(certificates.ca.certificatePEM)])
        tls.sendCANameList = true
        tls.certificateVerification =
            responder.options.authentication == .clientCertificate ? .noHostnameVerification : .optionalVerification
        var logger = Logger(label: "TestAPIServer")
        logger.logLevel = .critical
        let (bound, boundContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            responder: responder,
            server: try .tls(.http1(), tlsConfiguration: tls),
            configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in boundContinuation.yield(channel.localAddress?.port ?? port) },
            logger: logger)
        let task = Task {
            defer { boundContinuation.finish() }
            try await app.run()
        }
        var iterator = bound.makeAsyncIterator()
        guard let boundPort = await iterator.next() else {
            try await task.value
            throw ServerStatus(code: 503, reason: "ServiceUnavailable", message: "the server stopped while starting")
        }
        return (task, boundPort)
    }

    private static func parse(_ json: String) throws -> JSONValue {
        do {
            return try JSONValue(parsing: json)
        } catch {
            throw ServerStatus(code: 400, reason: "BadRequest", message: "invalid JSON: \(error)")
        }
    }

    private static func resource(kind: String) throws -> APIResource {
        guard let resource = APIResource(kind: kind) else {
            throw ServerStatus(.invalid("kind must be one of \(APIResource.allCases.map(\.kind))"))
        }
        return resource
    }

    private static func key(_ resource: APIResource, namespace: String?, name: String) -> ObjectKey {
        ObjectKey(namespace: resource.isNamespaced ? namespace ?? "default" : "", name: name)
    }
}
