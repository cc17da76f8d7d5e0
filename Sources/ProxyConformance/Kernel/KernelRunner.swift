import Foundation
import ProxyCore

/// Runs a scenario with real packets: builds its topology, lets a backend program this node's
/// namespace stage by stage, sends every probe from a real client and compares what endpoints
/// answered (and which client address they saw) with the expectation.
public struct KernelRunner: Sendable {
    public let programmer: any KernelProgrammer
    /// The `proxyd-conformance-agent` executable.
    public let agent: String
    /// How long one attempt of a REJECT, DROP or no-match probe may take before it counts as dropped.
    public var attemptTimeoutMilliseconds = 600
    /// How long one attempt of a probe that expects an answer may take: longer, so that one SYN
    /// lost while a new pod resolves its neighbours is retransmitted (after 1 s) instead of failing.
    public var answerTimeoutMilliseconds = 2500
    /// How many connections a session-affinity probe makes.
    public var stickyAttempts = 20
    /// The mode under test. The node is programmed with the scenario's options as this mode
    /// applies them (``ProxyOptions/adjusted(for:)``: only iptables answers NodePorts on
    /// localhost); when they differ, every probe's expectation comes from the reference tracer
    /// with the adjusted options instead of the catalog.
    public var mode: ProxyMode = .iptables

    public init(programmer: any KernelProgrammer, agent: String) {
        self.programmer = programmer
        self.agent = agent
    }

    /// Whether this machine can run the kernel runner: root, and `ip netns` available.
    public static var isAvailable: Bool {
        getuid() == 0 && (try? CommandRunner.current.run(["ip", "netns", "list"])) != nil
    }

    /// How many detached runs may go at once in one process (each builds a topology and sends
    /// real packets; more at once only makes probes time out on a small machine).
    public static let maxConcurrentDetachedRuns = 2
    private static let detachedRunSlots = DispatchSemaphore(value: maxConcurrentDetachedRuns)

    /// Runs a scenario on a thread of its own: a run waits for many processes, and doing that on
    /// one of Swift's few cooperative threads would stall every other task of the process. At
    /// most ``maxConcurrentDetachedRuns`` run at once; the others wait on their threads.
    public func runDetached(_ scenario: Scenario) async throws -> KernelScenarioReport {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                Self.detachedRunSlots.wait()
                defer { Self.detachedRunSlots.signal() }
                continuation.resume(with: Result { try self.run(scenario) })
            }.start()
        }
    }

    /// Runs one scenario. The topology and temporary files are always deleted, whatever happens.
    /// - Throws: when the topology cannot be built.
    public func run(_ scenario: Scenario) throws -> KernelScenarioReport {
        let prefix = "pxc\(String(UInt32.random(in: 0...UInt32.max), radix: 36))-"
        let workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(prefix + "work")
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workDirectory) }
        let topology = try KernelTopology(scenario: scenario, agent: agent, prefix: prefix)
        defer { topology.tearDown() }

        let serviceAddresses = try Self.serviceAddresses(of: scenario)
        var reports: [ProbeReport] = []
        for probe in scenario.probesBeforeSync {
            reports.append(try check(probe, stage: "before the first sync", scenario: scenario, topology: topology,
                                     serviceAddresses: serviceAddresses))
        }
        let options = scenario.options.adjusted(for: mode)
        for (index, stage) in scenario.stages.enumerated() {
            let file = workDirectory.appendingPathComponent("stage-\(index).json")
            try ObjectListWriter.write(stage.objects, to: file)
            let request = ProgramRequest(scenario: scenario.name, stage: stage.name, objects: stage.objects,
                                         options: options, sourceFile: file)
            do {
                try programmer.program(request, in: topology.node)
            } catch {
                return KernelScenarioReport(scenario: scenario.name, backend: programmer.name, namespacePrefix: prefix, probes: reports,
                                            programmingError: "stage \(stage.name): \(error)",
                                            rules: programmer.dumpRules(in: topology.node))
            }
            let probes = options == scenario.options ? stage.probes : try Self.traced(stage, options: options)
            for probe in probes {
                reports.append(try check(probe, stage: stage.name, scenario: scenario, topology: topology,
                                         serviceAddresses: serviceAddresses))
            }
        }
        let failed = reports.contains { $0.status == .failed }
        return KernelScenarioReport(scenario: scenario.name, backend: programmer.name, namespacePrefix: prefix, probes: reports,
                                    programmingError: nil, rules: failed ? programmer.dumpRules(in: topology.node) : nil)
    }

    /// A stage's probes with the expectations the reference tracer gives under other options.
    private static func traced(_ stage: ScenarioStage, options: ProxyOptions) throws -> [Probe] {
        let state = try stage.clusterState()
        let tracers = Dictionary(uniqueKeysWithValues: IPFamily.allCases.map {
            ($0, ReferenceTracer(graph: GraphBuilder(options: options, family: $0).build(from: state)))
        })
        return stage.probes.map { probe in
            let result = tracers[probe.destination.address.family]!.trace(probe.packet)
            return Probe(name: probe.name, source: probe.source, destination: probe.destination, verdict: result.verdict,
                         masquerade: result.masquerade, client: probe.client, sourcePort: probe.sourcePort, sticky: probe.sticky)
        }
    }

    // MARK: - One probe

    private func check(_ probe: Probe, stage: String, scenario: Scenario, topology: KernelTopology,
                       serviceAddresses: Set<IPAddress>) throws -> ProbeReport {
        let expected = Probe.canonicalVerdict(probe.verdict)
        if expected == ["ACCEPT"] {
            return skipped(probe, "a health-check NodePort needs the daemon's health server")
        }
        let client = try ProbeClient.resolve(probe, scenario: scenario, topology: topology,
                                             serviceAddresses: serviceAddresses)
        guard case .namespace(let namespace, let role) = client else {
            if case .unsupported(let reason) = client { return skipped(probe, reason) }
            return skipped(probe, "no client")
        }
        let isVerdict = expected == ["REJECT"] || expected == ["DROP"] || expected.isEmpty
        let count = isVerdict ? 1 : (probe.sticky ? stickyAttempts : 6 * expected.count + 4)
        var arguments = [
            agent, "probe", "--to", "\(probe.destination)", "--from", "\(probe.source)",
            "--timeout-milliseconds", "\(isVerdict ? attemptTimeoutMilliseconds : answerTimeoutMilliseconds)",
            "--count", "\(count)",
        ]
        if !probe.sticky { arguments += ["--stop-after-names", "\(max(expected.count, 1))"] }
        if !isVerdict { arguments.append("--stop-unanswered") }
        if let port = probe.sourcePort { arguments += ["--source-port", "\(port)"] }
        let observation = KernelObservation(agentOutput: try namespace.exec(arguments))
        if observation.attempts.contains(where: { if case .failed(let text) = $0 { text.contains("error socket") } else { false } }) {
            return skipped(probe, "this kernel cannot open \(probe.destination.transport) sockets")
        }
        var notes = ["stage: \(stage)", "client: \(role.rawValue) (\(namespace.name))"]
        notes += observation.attempts.map { "attempt: \($0)" }
        let masquerade = masqueradeSeen(observation, probe: probe, topology: topology, role: role)
        var passed: Bool
        switch probe.verdict {
        case "REJECT": passed = observation.attempts.allSatisfy { $0 == .refused }
        case "DROP": passed = observation.attempts.allSatisfy { $0 == .timedOut }
        case "":
            // Not intercepted: nobody answers, or the destination itself does (no translation).
            passed = observation.endpoints.isSubset(of: [probe.destination.address.joined(port: probe.destination.port)])
        default:
            let allAnswered = observation.attempts.allSatisfy { if case .answered = $0 { true } else { false } }
            if probe.sticky {
                passed = allAnswered && observation.endpoints.count == 1 && observation.endpoints.isSubset(of: expected)
            } else {
                passed = allAnswered && observation.endpoints == Set(expected)
            }
            if let masquerade { passed = passed && masquerade == probe.masquerade }
        }
        if masquerade == nil, !observation.endpoints.isEmpty {
            notes.append("masquerade not observable: the node's own address is both client and SNAT source here")
        }
        return ProbeReport(probe: probe, status: passed ? .passed : .failed, observed: observation.summary,
                           observedMasquerade: masquerade, explanation: notes)
    }

    /// Whether the answers show a masqueraded client, or nil when that cannot be told apart.
    ///
    /// When a hairpin probe may also reach other endpoints, only the hairpin answers are judged:
    /// upstream marks such a probe masqueraded because one of its paths is. When the node itself
    /// is the client, SNAT towards the lan keeps its address, so only answers from its own pods tell.
    private func masqueradeSeen(_ observation: KernelObservation, probe: Probe, topology: KernelTopology,
                                role: Probe.Client) -> Bool? {
        var answers = observation.attempts.compactMap { attempt -> (host: IPAddress?, source: String)? in
            if case .answered(let endpoint, let source) = attempt { (Self.host(of: endpoint), source) } else { nil }
        }
        let hairpin = answers.filter { $0.host == probe.source }
        if probe.masquerade, !hairpin.isEmpty, hairpin.count < answers.count { answers = hairpin }
        if role == .node {
            answers = answers.filter { answer in answer.host.map(topology.isOnThisNode) ?? false }
        }
        guard !answers.isEmpty else { return nil }
        return answers.contains { $0.source != probe.source.description }
    }

    private static func host(of endpoint: String) -> IPAddress? {
        var host = endpoint[..<(endpoint.lastIndex(of: ":") ?? endpoint.endIndex)]
        if host.hasPrefix("[") { host = host.dropFirst().dropLast() }
        return IPAddress(host)
    }

    private func skipped(_ probe: Probe, _ reason: String) -> ProbeReport {
        ProbeReport(probe: probe, status: .skipped(reason), observed: "", observedMasquerade: nil, explanation: [])
    }

    /// ClusterIPs, externalIPs and load-balancer IPs of the scenario's services, over all stages.
    private static func serviceAddresses(of scenario: Scenario) throws -> Set<IPAddress> {
        var addresses: Set<IPAddress> = []
        for stage in scenario.stages {
            for service in try stage.clusterState().services.values {
                addresses.formUnion(service.clusterIPs + service.externalIPs + service.loadBalancerIPs)
            }
        }
        return addresses
    }
}
