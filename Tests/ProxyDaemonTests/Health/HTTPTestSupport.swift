import Foundation
import ProxyDaemon
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Talks to the servers under test over loopback.
enum Probe {
    /// An HTTP answer as curl received it.
    struct Answer {
        let status: Int
        /// Header values by lower-cased name.
        let headers: [String: String]
        let body: String
    }

    /// GETs a URL with curl, without blocking a thread of the cooperative pool (the servers under
    /// test answer on that pool too). Returns nil when nothing answers (connection refused).
    static func get(_ url: String) async throws -> Answer? {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("probe-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        // Generous: the kernel suites of the same test process block the few cooperative threads
        // the servers' handlers also need.
        process.arguments = ["-s", "-i", "--noproxy", "*", "--max-time", "60", "-o", output.path, url]
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        guard status == 0 else { return nil }
        let text = try String(contentsOf: output, encoding: .utf8)
        guard let split = text.range(of: "\r\n\r\n") else { return nil }
        let headLines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusCode = Int(headLines[0].split(separator: " ")[1])!
        var headers: [String: String] = [:]
        for line in headLines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Answer(status: statusCode, headers: headers, body: String(text[split.upperBound...]))
    }

    /// Binds a TCP socket on 127.0.0.1 with SO_REUSEADDR (as servers do), listens, and closes it.
    /// - Returns: the bound port (the system's choice for 0), or nil when the port is in use.
    static func bindLoopback(port: Int) -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(fd, address, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, address, &length) == 0
            }
        }
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : nil
    }

    /// A port free on loopback right now.
    static func freePort() -> Int {
        bindLoopback(port: 0)!
    }

    /// Runs a server made with an on-running callback, passes its bound port to `body`, then
    /// cancels it and waits for it to end.
    static func withRunningServer(
        _ make: (@escaping @Sendable (Int) async -> Void) -> some ProbedServer, body: (Int) async throws -> Void
    ) async throws {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let server = make { continuation.yield($0) }
        let task = Task {
            defer { continuation.finish() }
            try await server.run()
        }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next(), "the server did not start")
        do {
            try await body(port)
        } catch {
            task.cancel()
            _ = try? await task.value
            throw error
        }
        task.cancel()
        _ = try? await task.value
    }

    /// Decodes a JSON object.
    static func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}

/// The servers tests run: lifecycle services that serve until cancelled.
protocol ProbedServer: Sendable {
    func run() async throws
}

extension HealthServer: ProbedServer {}
extension MetricsServer: ProbedServer {}

/// A clock tests move by hand.
final class SteppedClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 += seconds }
    }
}
