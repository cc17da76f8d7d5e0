import Foundation
import NftablesBackend
import ProxyCore

/// `proxyd bench --backend nftables`: the nftables backend (over netlink) on a generated cluster,
/// each run in a fresh network namespace: a cold full sync, one endpoint changed, one service
/// added, one deleted, and a restart with nothing changed; next to `nft -f` loading the same table
/// as text.
struct NftablesBench {
    let cluster: SyntheticCluster
    let runs: Int
    /// An `nft -f` file with kube-proxy's layout of the same cluster, to load for comparison
    /// (`gen_rulesets.py nft-full S E FILE`).
    let kubeProxyRuleset: String?

    func run() throws {
        var state = try cluster.state()
        var coldPeakMiB = 0.0
        var cold: [Double] = [], endpoint: [Double] = [], added: [Double] = [], deleted: [Double] = []
        var restart: [Double] = [], restartOperations: [Int] = [], bare: [Double] = []
        for run in 0..<runs {
            try BenchNamespace.named { namespace in
                let proxier = NftablesProxier(family: .ipv4, connection: try NftNetlink(namespace: namespace), runner: nil)
                let sync = GraphSync(backend: proxier, options: cluster.options)
                cold.append(try Stopwatch.seconds { try sync.sync(state, changes: StateChanges()) })
                if run == 0 { coldPeakMiB = Stopwatch.peakResidentMiB }
                try state.upsert(cluster.slice(run % cluster.services, generation: run + 1))
                endpoint.append(try Stopwatch.seconds { try sync.sync(state, changes: state.takeChanges()) })
                let extra = cluster.services + run
                try state.upsert(cluster.service(extra))
                try state.upsert(cluster.slice(extra))
                added.append(try Stopwatch.seconds { try sync.sync(state, changes: state.takeChanges()) })
                state.removeService(NamespacedName(namespace: "bench", name: "svc-\(extra)"))
                deleted.append(try Stopwatch.seconds { try sync.sync(state, changes: state.takeChanges()) })
                let restarted = NftablesProxier(family: .ipv4, connection: try NftNetlink(namespace: namespace), runner: nil)
                restart.append(try Stopwatch.seconds {
                    try GraphSync(backend: restarted, options: cluster.options).sync(state, changes: StateChanges())
                })
                restartOperations.append(restarted.lastOperationCount)
            }
        }
        // The same table as nft text, loaded by the nft command, for comparison.
        let graph = GraphBuilder(options: cluster.options, family: .ipv4).build(from: state)
        var text = ""
        let render = Stopwatch.seconds { text = NftTextRenderer.render(NftablesRenderer().render(graph)) }
        for _ in 0..<runs {
            try BenchNamespace.with { namespace in
                bare.append(try Stopwatch.seconds { _ = try namespace.run(["nft", "-f", "-"], input: text) })
            }
        }
        print(String(format: "cluster: %d services x %d endpoints; peak RSS after the first cold sync %.0f MiB; "
                     + "render as nft text %.2f s, %d bytes", cluster.services, cluster.endpointsPerService, coldPeakMiB,
                     render, text.utf8.count))
        print(String(format: "nftables: cold full sync median %.2f s (nft -f of the rendered text %.2f s); "
                     + "one endpoint changed %.1f ms; service added %.1f ms; service deleted %.1f ms; "
                     + "restart with no changes %.2f s, %d operations written",
                     Stopwatch.median(cold), Stopwatch.median(bare), Stopwatch.median(endpoint) * 1000,
                     Stopwatch.median(added) * 1000, Stopwatch.median(deleted) * 1000, Stopwatch.median(restart),
                     restartOperations.max() ?? -1))
        if let kubeProxyRuleset {
            let text = try String(contentsOfFile: kubeProxyRuleset, encoding: .utf8)
            var seconds = 0.0
            try BenchNamespace.with { namespace in
                seconds = try Stopwatch.seconds { _ = try namespace.run(["nft", "-f", "-"], input: text) }
            }
            print(String(format: "kube-proxy's layout (%@): nft -f %.2f s, %.0fx our cold sync", kubeProxyRuleset, seconds,
                         seconds / Stopwatch.median(cold)))
        }
    }
}
