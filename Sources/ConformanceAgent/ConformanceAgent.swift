#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import ArgumentParser
import Foundation
import ProxyCore

/// The program the conformance kernel runner starts inside test namespaces: `serve` plays a pod
/// that answers with its name and the source address it saw; `probe` plays a client.
@main
struct ConformanceAgent: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxyd-conformance-agent",
        abstract: "Test pod server and client for the proxyd conformance kernel runner.",
        subcommands: [Serve.self, Probe.self])
}

/// A transport port, as `PORT/proto`.
struct ListenPort: ExpressibleByArgument {
    let port: Int
    let transport: TransportProtocol

    init?(argument: String) {
        let parts = argument.split(separator: "/")
        guard let first = parts.first, let port = Int(first), (1...65535).contains(port) else { return nil }
        let transport = parts.count > 1 ? TransportProtocol(apiValue: String(parts[1])) : .tcp
        guard let transport else { return nil }
        self.port = port
        self.transport = transport
    }
}

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Answer every connection or datagram with `NAME PORT SOURCE-IP`: who answered, on which port, seeing which client.")

    @Option(help: "The name to answer with.") var name: String
    @Option(help: "A port to serve, PORT/tcp|udp|sctp (repeatable).") var listen: [ListenPort]

    func run() throws {
        var threads: [Thread] = []
        for entry in listen {
            for family in IPFamily.allCases {
                guard let socket = try? Socket(family: family, transport: entry.transport) else { continue }
                do {
                    try socket.bind(nil, port: entry.port)
                    if entry.transport != .udp { try socket.listen() }
                } catch {
                    socket.close()
                    continue
                }
                let label = "\(name) \(entry.port)"
                let thread = Thread {
                    if entry.transport == .udp { Self.serveDatagrams(socket, label: label) } else { Self.serveStreams(socket, label: label) }
                }
                thread.start()
                threads.append(thread)
            }
        }
        guard !threads.isEmpty else { throw ValidationError("nothing to serve") }
        emit("ready")
        while true { sleep(3600) }
    }

    private static func serveStreams(_ socket: Socket, label: String) {
        while true {
            guard let (client, peer) = try? socket.accept() else { continue }
            client.setTimeout(milliseconds: 1000)
            _ = try? client.receive()
            try? client.send("\(label) \(peer.map(\.description) ?? "?")\n")
            client.close()
        }
    }

    private static func serveDatagrams(_ socket: Socket, label: String) {
        while true {
            guard let (_, sender) = try? socket.receiveFrom() else { continue }
            let peer = SocketAddress.address(of: sender).map(\.description) ?? "?"
            socket.send("\(label) \(peer)\n", to: sender)
        }
    }
}

struct Probe: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Connect and print one line per attempt: `answer NAME PORT SEEN-SOURCE`, `refused`, `timeout`, "
            + "`unreachable` or `error TEXT`.")

    @Option(help: "The destination, IP:PORT[/proto].") var to: String
    @Option(help: "The source address to bind.") var from: String?
    @Option(help: "The source port to bind (default: any).") var sourcePort: Int = 0
    @Option(help: "How long one attempt may take.") var timeoutMilliseconds: Int = 1000
    @Option(help: "How many attempts (each with a new source port).") var count: Int = 1
    @Option(help: "Stop early once this many different servers (name and port) answered.") var stopAfterNames: Int?
    @Flag(help: "Stop at the first attempt nobody answered.") var stopUnanswered = false

    func run() throws {
        guard let destination = HostPort(to) else { throw ValidationError("--to: not IP:PORT[/proto]") }
        let source = try from.map { text in
            guard let address = IPAddress(text) else { throw ValidationError("--from: not an IP address") }
            return address
        }
        var names: Set<String> = []
        for _ in 0..<count {
            let line = attempt(destination, source: source)
            emit(line)
            if line.hasPrefix("answer ") { names.insert(line.split(separator: " ")[1...2].joined(separator: " ")) }
            if let stopAfterNames, names.count >= stopAfterNames { break }
            if stopUnanswered, !line.hasPrefix("answer ") { break }
        }
    }

    private func attempt(_ destination: HostPort, source: IPAddress?) -> String {
        let family = destination.address.family
        let socket: Socket
        do {
            socket = try Socket(family: family, transport: destination.transport)
        } catch {
            return "error \(error)"
        }
        defer { socket.close() }
        socket.setTimeout(milliseconds: timeoutMilliseconds)
        do {
            if source != nil || sourcePort != 0 { try socket.bind(source, port: sourcePort) }
            try socket.connect(destination.address, port: destination.port, timeoutMilliseconds: timeoutMilliseconds)
            try socket.send("hello\n")
            let reply = try socket.receive().trimmingCharacters(in: .whitespacesAndNewlines)
            return reply.isEmpty ? "timeout" : "answer \(reply)"
        } catch let failure as Socket.Failure {
            switch failure.errno {
            case ECONNREFUSED, ECONNRESET: return "refused"
            case EAGAIN, EINPROGRESS, ETIMEDOUT: return "timeout"
            case EHOSTUNREACH, ENETUNREACH: return "unreachable"
            default: return "error \(failure)"
            }
        } catch {
            return "error \(error)"
        }
    }
}

/// Writes one line to standard output at once (no buffering: the runner reads lines as they come).
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
