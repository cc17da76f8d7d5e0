import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ProxyCore

/// Lists and watches API collections over HTTPS, with the connection's client certificate or token.
///
/// Responses are JSON (`Accept: application/json`); a list page is decoded at once, a watch is
/// decoded event by event as its chunks arrive, never buffered whole.
public final class KubeClient: Sendable {
    /// One page of a list.
    public struct ListPage: Sendable {
        public let objects: [APIObject]
        /// The collection's resourceVersion at the time of the list: where a watch starts.
        public let resourceVersion: String
        /// The token for the next page, or nil on the last one.
        public let continueToken: String?
    }

    public let connection: APIConnection
    private let http: HTTPClient
    private let userAgent: String

    /// Prepares the client (no request is made yet).
    /// - Throws: ``InputError`` when a certificate or key of the connection is not valid.
    public init(connection: APIConnection, userAgent: String = "proxyd") throws {
        self.connection = connection
        self.userAgent = userAgent
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: try connection.tlsConfiguration(),
            timeout: .init(connect: .seconds(10), read: nil))
        configuration.httpVersion = .http1Only
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes every connection; call once before dropping the client.
    public func shutdown() async throws {
        try await http.shutdown()
    }

    /// Lists one page of a collection.
    /// - Parameters:
    ///   - limit: the page size (0: everything at once).
    ///   - continueToken: the previous page's token.
    /// - Throws: ``APIError`` for an error answer; transport errors as they come.
    public func list(_ resource: APIResource, selectors: ListSelectors, limit: Int = 500, continueToken: String? = nil)
        async throws -> ListPage
    {
        var query = selectors.queryItems
        if limit > 0 { query.append(("limit", String(limit))) }
        if let continueToken { query.append(("continue", continueToken)) }
        let (response, requestLine) = try await send(resource.path, query: query, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 1 << 30)
        let decoder = JSONDecoder()
        decoder.userInfo[APIObject.kindKey] = resource.kind
        do {
            let list = try decoder.decode(ObjectList.self, from: Data(body.readableBytesView))
            return ListPage(objects: list.items ?? [], resourceVersion: list.metadata?.resourceVersion ?? "",
                            continueToken: list.metadata?.continue.flatMap { $0.isEmpty ? nil : $0 })
        } catch {
            throw APIError(code: Int(response.status.code), status: APIStatus(message: "the list is not valid JSON: \(error)"),
                           request: requestLine)
        }
    }

    /// Watches a collection from a resourceVersion, calling `handle` for each event as it arrives.
    ///
    /// Returns when the server ends the stream (its `timeoutSeconds` passed); a line that is not a
    /// valid event is passed to `handle` as a failure, and the stream goes on.
    /// - Throws: ``APIError`` for an error answer (410 when the version is too old), transport
    ///   errors, or what `handle` throws.
    public func watch(
        _ resource: APIResource, selectors: ListSelectors, from resourceVersion: String, timeoutSeconds: Int,
        handle: (Result<WatchEvent, InputError>) async throws -> Void
    ) async throws {
        var query = selectors.queryItems
        query += [("watch", "true"), ("resourceVersion", resourceVersion), ("allowWatchBookmarks", "true"),
                  ("timeoutSeconds", String(timeoutSeconds))]
        let (response, requestLine) = try await send(resource.path, query: query, timeout: .seconds(Int64(timeoutSeconds) + 30))
        let decoder = JSONDecoder()
        decoder.userInfo[APIObject.kindKey] = resource.kind
        var splitter = LineSplitter()
        func decode(_ line: [UInt8]) -> Result<WatchEvent, InputError> {
            do {
                return .success(try decoder.decode(WatchEvent.self, from: Data(line)))
            } catch {
                return .failure(InputError(origin: requestLine, message: "not a valid watch event: \(error)"))
            }
        }
        for try await chunk in response.body {
            for line in splitter.append(chunk) { try await handle(decode(line)) }
        }
        if let last = splitter.finish() { try await handle(decode(last)) }
    }

    /// Sends a GET and returns the response once its head arrived with a success status.
    private func send(_ path: String, query: [(String, String)], timeout: TimeAmount)
        async throws -> (HTTPClientResponse, String)
    {
        var components = URLComponents()
        components.path = path
        components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        // `+` is legal in a query but means a space to most servers; encode it as Go's client does.
        let pathAndQuery = (components.string ?? path).replacingOccurrences(of: "+", with: "%2B")
        let requestLine = "GET \(pathAndQuery)"
        var request = HTTPClientRequest(url: connection.server + pathAndQuery)
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: userAgent)
        if let authorization = try connection.authorization() {
            request.headers.add(name: "Authorization", value: authorization)
        }
        let response = try await http.execute(request, timeout: timeout)
        guard (200..<300).contains(response.status.code) else {
            let body = try? await response.body.collect(upTo: 1 << 20)
            let status = body.flatMap { try? JSONDecoder().decode(APIStatus.self, from: Data($0.readableBytesView)) }
            throw APIError(code: Int(response.status.code), status: status, request: requestLine)
        }
        return (response, requestLine)
    }
}

/// A `*List` response.
private struct ObjectList: Decodable {
    struct Metadata: Decodable {
        var resourceVersion: String?
        var `continue`: String?
    }
    var metadata: Metadata?
    var items: [APIObject]?
}
