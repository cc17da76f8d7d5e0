import ArgumentParser
import Foundation
import IptablesBackend
import ProxyCore

/// `proxyd bench iptables`: how long rendering and applying take for a generated cluster, next to
/// `iptables-restore` fed the same text. Every apply goes into a network namespace created for it
/// and deleted afterwards.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark a backend on a generated cluster (needs root; uses its own network namespaces).")

    @Option(help: "The backend: iptables or nftables.") var backend: ProxyMode = .iptables
    @Option(help: ArgumentHelp("nftables: an nft -f file with kube-proxy's layout of the same cluster, loaded for comparison.",
                               valueName: "file"))
    var kubeProxyRuleset: String?

    @Option(help: "Services in the generated cluster.") var services = 1000
    @Option(help: "Endpoints per service.") var endpoints = 10
    @Option(help: "Repetitions; medians are reported.") var runs = 3
    @Option(help: "iptables variants to apply with (nft, legacy).") var variant: [String] = ["nft", "legacy"]

    func run() throws {
        let cluster = SyntheticCluster(services: services, endpointsPerService: endpoints)
        if backend == .nftables {
            return try NftablesBench(cluster: cluster, runs: runs, kubeProxyRuleset: kubeProxyRuleset).run()
        }
        var state = try cluster.state()
        let builder = GraphBuilder(options: cluster.options, family: .ipv4)
        let renderer = IptablesRenderer(settings: IptablesSettings())
        var build: [Double] = [], render: [Double] = []
        var text = ""
        for _ in 0..<runs {
            var graph = ServiceGraph(node: builder.nodeContext(in: state))
            build.append(Stopwatch.seconds { graph = builder.build(from: state) })
            render.append(Stopwatch.seconds { text = renderer.render(graph).ruleset.restoreText })
        }
        let lines = text.split(separator: "\n").count
        print("cluster: \(services) services x \(endpoints) endpoints; restore input \(lines) lines, \(text.utf8.count) bytes")
        print(String(format: "graph build: median %.3f s; render: median %.3f s; peak RSS so far %.0f MiB",
                     Stopwatch.median(build), Stopwatch.median(render), Stopwatch.peakResidentMiB))

        for name in variant {
            guard let chosen = IptablesVariant(rawValue: name) else { throw ValidationError("--variant: nft or legacy") }
            var full: [Double] = [], bare: [Double] = [], incremental: [Double] = [], save: [Double] = []
            var incrementalBytes = 0
            for run in 0..<runs {
                try BenchNamespace.with { namespace in
                    let proxier = IptablesProxier(family: .ipv4, variant: chosen, runner: namespace)
                    let sync = GraphSync(backend: proxier, options: cluster.options)
                    full.append(try Stopwatch.seconds { try sync.sync(state, changes: StateChanges()) })
                    try state.upsert(cluster.slice(run % services, generation: run + 1))
                    let changes = state.takeChanges()
                    let (graph, diff) = sync.builder.update(sync.applied!, from: state, changes: changes)
                    let plan = try proxier.render(graph, diff: diff)
                    incrementalBytes = plan.ruleset.restoreText.utf8.count
                    incremental.append(try Stopwatch.seconds { try proxier.apply(plan) })
                    let commands = IptablesCommands(variant: chosen, ipv6: false, runner: namespace)
                    save.append(Stopwatch.seconds { _ = commands.save() })
                }
                try BenchNamespace.with { namespace in
                    bare.append(try Stopwatch.seconds {
                        try IptablesCommands(variant: chosen, ipv6: false, runner: namespace).restore(text)
                    })
                }
            }
            print(String(format: "iptables-%@: full sync median %.2f s (bare iptables-restore of the same text %.2f s); "
                         + "one endpoint changed: median %.3f s, %d bytes of restore input; iptables-save %.2f s",
                         name, Stopwatch.median(full), Stopwatch.median(bare), Stopwatch.median(incremental), incrementalBytes,
                         Stopwatch.median(save)))
        }
        print(String(format: "peak RSS of proxyd: %.0f MiB", Stopwatch.peakResidentMiB))
    }
}

/// Timing helpers for the benchmark.
enum Stopwatch {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    /// The process's peak resident set size.
    static var peakResidentMiB: Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

/// A network namespace that lives for one measurement.
enum BenchNamespace {
    static func with(_ body: (CommandRunner) throws -> Void) throws {
        try named { try body(.inNamespace($0)) }
    }

    /// The same, handing over the namespace's name (for netlink sockets opened in it).
    static func named(_ body: (String) throws -> Void) throws {
        let name = "pxb\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
        try CommandRunner.current.run(["ip", "netns", "add", name])
        defer { _ = try? CommandRunner.current.run(["ip", "netns", "del", name]) }
        try CommandRunner.current.run(["ip", "-n", name, "link", "set", "lo", "up"])
        try body(name)
    }
}
