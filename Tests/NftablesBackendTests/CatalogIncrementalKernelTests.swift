import ProxyConformance
import ProxyCore
import Testing
@testable import NftablesBackend

/// Every scenario of the conformance catalog synced by one proxier per family as the daemon does:
/// an empty cluster first, then the scenario's objects arriving, its later stages, and finally
/// every object deleted, each an incremental batch (a reconcile only when a Node object changes
/// the node context). After each step the kernel holds exactly the render of the graph. This
/// covers NodePorts, source ranges, externalTrafficPolicy Local, shared frontends, affinity and
/// IPv6 on the incremental path.
@Suite(.serialized, .enabled(if: NetlinkNamespace.isAvailable, "needs root, ip netns and nft"))
struct CatalogIncrementalKernelTests {
    static let scenarioNames = (try? ScenarioCatalog.all().map(\.name)) ?? []

    @Test(arguments: scenarioNames)
    func stagesSyncIncrementally(_ name: String) throws {
        let scenario = try ScenarioCatalog.scenario(named: name)
        let namespace = try NetlinkNamespace()
        let options = scenario.options.adjusted(for: .nftables)
        let syncs = try IPFamily.allCases.map { family in
            GraphSync(backend: NftablesProxier(family: family, connection: try namespace.netlink(), runner: nil),
                      options: options)
        }
        var state = ClusterState()
        var steps: [(name: String, apply: [KubeObject], delete: [KubeObject.Key])] = [("empty", [], [])]
        steps.append((scenario.stages[0].name, scenario.stages[0].objects, []))
        steps += scenario.stages.dropFirst().map { ($0.name, $0.applied, $0.deleted) }
        let last = scenario.stages.last!.objects.map(\.key)
        steps.append(("everything deleted", [], last))
        for step in steps {
            for key in step.delete { state.remove(key) }
            for object in step.apply { try state.upsert(object) }
            let changes = state.takeChanges()
            for sync in syncs {
                let outcome = try sync.sync(state, changes: changes, full: false)
                let table = NftTable(family: sync.family, name: NftablesNames.table)
                let expected = NftListing.normalised(NftTextRenderer.render(NftablesRenderer().render(outcome.graph)))
                let listed = try namespace.listing(table)
                #expect(listed == expected, """
                    \(step.name), \(sync.family): kernel only \(NftListing.lines(listed, notIn: expected)); \
                    render only \(NftListing.lines(expected, notIn: listed))
                    """)
            }
        }
    }
}
