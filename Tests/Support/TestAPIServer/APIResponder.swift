import Foundation
import Hummingbird
import NIOCore
import NIOSSL

/// The request context: Hummingbird's core storage plus the connection, which watches close when dropped.
struct APIRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// Answers API requests: authentication, injected failures, then GET of an object, list or watch.
struct APIResponder: HTTPResponder {
    let hub: WatchHub
    let control: RequestControl
    let options: TestAPIServer.Options

    func respond(to request: Request, context: APIRequestContext) async throws -> Response {
        let recorded = RecordedRequest(method: request.method.rawValue, uri: request.uri.description)
        if let status = await control.admit(recorded) {
            let reason = status == 429 ? "TooManyRequests" : "InternalError"
            var response = Self.status(ServerStatus(code: status, reason: reason, message: "injected failure"))
            if status == 429 { response.headers[.retryAfter] = "1" }
            return response
        }
        guard await isAuthenticated(request, context: context) else {
            return Self.status(ServerStatus(code: 401, reason: "Unauthorized", message: "Unauthorized"))
        }
        guard request.method == .get else {
            return Self.status(ServerStatus(code: 405, reason: "MethodNotAllowed", message: "the server does not allow this method"))
        }
        guard let path = ResourcePath(path: recorded.path) else {
            return Self.status(ServerStatus(code: 404, reason: "NotFound", message: "the server could not find the requested resource"))
        }
        do {
            if let name = path.name {
                return try await get(path.resource, ObjectKey(namespace: path.namespace ?? "", name: name))
            }
            let parameters = recorded.parameters
            let filter = ObjectFilter(
                namespace: path.namespace,
                labels: try LabelSelector(parsing: parameters["labelSelector"] ?? ""),
                fields: try FieldSelector(parsing: parameters["fieldSelector"] ?? ""))
            if recorded.isWatch {
                return try await watch(path.resource, filter: filter, parameters: parameters, request: request, channel: context.channel)
            }
            return try await list(path.resource, filter: filter, parameters: parameters)
        } catch let error as SelectorError {
            return Self.status(ServerStatus(code: 400, reason: "BadRequest", message: error.message))
        } catch let error as StoreError {
            return Self.status(ServerStatus(error))
        } catch let status as ServerStatus {
            return Self.status(status)
        }
    }

    /// With a bearer token configured, a request needs that token unless it came with a verified client
    /// certificate; otherwise TLS has already required one.
    private func isAuthenticated(_ request: Request, context: APIRequestContext) async -> Bool {
        guard case .bearerToken(let token) = options.authentication else { return true }
        if request.headers[.authorization] == "Bearer \(token)" { return true }
        return (try? await context.channel.nioSSL_peerCertificate().get()) != nil
    }

    private func get(_ resource: APIResource, _ key: ObjectKey) async throws -> Response {
        guard let object = await hub.object(resource, key) else {
            throw ServerStatus(.notFound(resource, name: key.name))
        }
        return Self.json(object)
    }

    private func list(_ resource: APIResource, filter: ObjectFilter, parameters: [String: String]) async throws -> Response {
        var token: ContinueToken?
        if let text = parameters["continue"], !text.isEmpty {
            guard let decoded = ContinueToken(text) else {
                throw ServerStatus(code: 400, reason: "BadRequest", message: "continue key is not valid")
            }
            token = decoded
        }
        let limit = parameters["limit"].flatMap { Int($0) }
        let page: (items: [JSONValue], more: Bool, resourceVersion: Int)
        do {
            page = try await hub.list(resource, filter: filter, at: token?.resourceVersion, after: token?.lastKey, limit: limit)
        } catch {
            guard case .expired = error else { throw error }
            let message = "The provided continue parameter is too old to display a consistent list result. "
                + "You can start a new list without the continue parameter."
            throw ServerStatus(code: 410, reason: "Expired", message: message)
        }
        var metadata: JSONValue = ["resourceVersion": .string(String(page.resourceVersion))]
        if page.more, let last = page.items.last {
            metadata["continue"] = .string(ContinueToken(resourceVersion: page.resourceVersion, lastKey: ObjectKey(of: last)).encoded)
        }
        let items = page.items.map { item in
            var item = item
            item["kind"] = nil
            item["apiVersion"] = nil
            return item
        }
        return Self.json([
            "kind": .string(resource.kind + "List"), "apiVersion": .string(resource.apiVersion),
            "metadata": metadata, "items": .array(items),
        ])
    }

    /// Streams the watch as chunked JSON lines, one flushed per event, until it times out, the client goes
    /// away, or it is dropped.
    private func watch(
        _ resource: APIResource, filter: ObjectFilter, parameters: [String: String], request: Request, channel: any Channel
    ) async throws -> Response {
        var version: Int?
        if let text = parameters["resourceVersion"], !text.isEmpty, text != "0" {
            guard let number = Int(text) else {
                throw ServerStatus(code: 400, reason: "BadRequest", message: "invalid resource version: \(text)")
            }
            version = number
        }
        let opened: (id: Int, lines: AsyncThrowingStream<String, any Error>)
        do {
            opened = try await hub.openWatch(
                resource, filter: filter, after: version, allowBookmarks: parameters["allowWatchBookmarks"] == "true",
                drop: { Self.closeAbruptly(channel) })
        } catch {
            guard options.expiredWatchResponse == .errorEvent else { throw ServerStatus(error) }
            return Self.json(ByteBuffer(string: WatchHub.expiredLine(error)))
        }
        let (hub, id) = (self.hub, opened.id)
        let timeout = parameters["timeoutSeconds"].flatMap { Int($0) }.map { seconds in
            Task {
                try await Task.sleep(for: .seconds(seconds))
                await hub.closeWatch(id)
            }
        }
        let body = ResponseBody { writer in
            defer { timeout?.cancel() }
            do {
                // The client closing its side of the connection ends the watch, as the real server notices.
                try await request.body.consumeWithInboundCloseHandler { _ in
                    for try await line in opened.lines {
                        try await writer.write(ByteBuffer(string: line))
                    }
                } onInboundClosed: {
                    Task { await hub.closeWatch(id) }
                }
            } catch {
                await hub.closeWatch(id)
                throw error
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: body)
    }

    /// Closes a connection as a broken one ends: without the TLS close_notify (which would also make the
    /// server wait for the client's), by closing from the TLS handler's place in the pipeline downwards.
    private static func closeAbruptly(_ channel: any Channel) {
        channel.eventLoop.execute {
            if let tls = try? channel.pipeline.syncOperations.context(handlerType: NIOSSLServerHandler.self) {
                tls.close(promise: nil)
            } else {
                channel.close(promise: nil)
            }
        }
    }

    private static func json(_ value: JSONValue, status: Int = 200) -> Response {
        json(ByteBuffer(bytes: value.data), status: status)
    }

    private static func json(_ buffer: ByteBuffer, status: Int = 200) -> Response {
        Response(
            status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: buffer))
    }

    private static func status(_ status: ServerStatus) -> Response {
        json(status.json, status: status.code)
    }
}
