import ArgumentParser
import Foundation
import ProxyCore

/// `proxyd trace`: what kube-proxy semantics say happens to a packet.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Trace a packet through the service rules of a cluster read from manifests.",
        discussion: """
            Prints `verdict:` (the endpoints the packet may be DNAT-ed to, joined by ", "; or REJECT, DROP, \
            ACCEPT; or nothing when no service rule matches) and `masquerade: yes|no`.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var modeOptions: ModeOptions

    @OptionGroup var cluster: ClusterSourceOptions

    @Option(name: .long, help: ArgumentHelp("The packet's source IP.", valueName: "ip"))
    var from: String

    @Option(name: .long, help: ArgumentHelp(
        "The packet's destination: IP:PORT[/tcp|udp|sctp], IPv6 as [IP]:PORT. Default protocol: tcp.",
        valueName: "ip:port"))
    var to: String

    @Option(name: .long, help: ArgumentHelp(
        "The interface the packet enters through (for interface-based local-traffic detection).",
        valueName: "name"))
    var inputInterface: String?

    @Option(name: .long, help: "Output format: text (two lines) or json (one object).")
    var output: OutputFormat = .text

    @Flag(name: .long, help: "With text output, also print each decision taken.")
    var explain = false

    func validate() throws {
        _ = try cluster.requiredSource()
        guard IPAddress(from) != nil else { throw ValidationError("--from: \"\(from)\" is not a valid IP address") }
        guard HostPort(to) != nil else {
            throw ValidationError("--to: \"\(to)\" is not IP:PORT[/tcp|udp|sctp] with a port in 1..65535")
        }
    }

    func run() throws {
        guard let source = IPAddress(from), let destination = HostPort(to) else { return }
        let loaded = try LoadedCluster(cluster, mode: modeOptions.mode)
        let packet = Packet(source: source, destination: destination, inputInterface: inputInterface)
        let result: TraceResult
        if let graph = loaded.graphs[destination.address.family], source.family == destination.address.family {
            result = ReferenceTracer(graph: graph).trace(packet)
        } else {
            result = TraceResult(outcome: .noMatch, masquerade: false, service: nil, frontend: nil,
                                 steps: ["source and destination are of different IP families"])
        }
        switch output {
        case .text:
            Standard.output.write(result.description)
            if explain { for step in result.steps { Standard.output.write("  \(step)") } }
        case .json:
            Standard.output.write(try TraceReport(packet: packet, result: result).json())
        }
    }
}

/// The JSON form of a trace.
struct TraceReport: Encodable {
    let source: String
    let destination: String
    let verdict: String
    let outcome: String
    let endpoints: [String]
    let masquerade: Bool
    let service: String?
    let frontend: String?
    let steps: [String]

    init(packet: Packet, result: TraceResult) {
        source = packet.source.description
        destination = packet.destination.description
        verdict = result.verdict
        switch result.outcome {
        case .endpoints(let list): outcome = "dnat"; endpoints = list.map(\.description)
        case .reject: outcome = "reject"; endpoints = []
        case .drop: outcome = "drop"; endpoints = []
        case .accept: outcome = "accept"; endpoints = []
        case .noMatch: outcome = "no-match"; endpoints = []
        }
        masquerade = result.masquerade
        service = result.service?.description
        frontend = result.frontend?.rawValue
        steps = result.steps
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
