import Testing
@testable import ProxyCore

@Suite struct GraphSyncTests {
    /// A backend that records what it was asked to do and can be told to fail.
    final class RecordingBackend: ProxyBackend {
        struct ApplyFailed: Error {}
        let name = "recording"
        let family = IPFamily.ipv4
        var failNextApply = false
        var diffs: [GraphDiff] = []
        var appliedPorts: [Int] = []

        func render(_ graph: ServiceGraph, diff: GraphDiff) throws -> Int {
            diffs.append(diff)
            return graph.ports.count
        }

        func apply(_ plan: Int) throws {
            if failNextApply { failNextApply = false; throw ApplyFailed() }
            appliedPorts.append(plan)
        }

        func cleanup() throws {}
    }

    private func web(_ port: Int) -> Service {
        Fixtures.service("web", clusterIP: "172.30.0.41", ports: [.init(port: port)])
    }

    @Test func firstSyncIsFullThenIncremental() throws {
        let backend = RecordingBackend()
        let sync = GraphSync(backend: backend, options: Fixtures.options)
        var state = ClusterState()
        try state.upsert(web(80))
        #expect(try sync.sync(state, changes: state.takeChanges()).full)
        try state.upsert(Fixtures.service("db", clusterIP: "172.30.0.42", ports: [.init(port: 5432)]))
        let second = try sync.sync(state, changes: state.takeChanges())
        #expect(!second.full)
        #expect(second.diff.added.map(\.service.name) == ["db"])
        #expect(backend.appliedPorts == [1, 2])
    }

    @Test func aFailedApplyMakesTheNextSyncFull() throws {
        let backend = RecordingBackend()
        let sync = GraphSync(backend: backend, options: Fixtures.options)
        var state = ClusterState()
        try state.upsert(web(80))
        try sync.sync(state, changes: state.takeChanges())
        backend.failNextApply = true
        try state.upsert(web(81))
        #expect(throws: RecordingBackend.ApplyFailed.self) { try sync.sync(state, changes: state.takeChanges()) }
        #expect(!sync.lastAttemptWasFull, "the failed sync was a partial one")
        #expect(sync.applied == nil)
        let retry = try sync.sync(state, changes: StateChanges())
        #expect(retry.full)
        #expect(sync.lastAttemptWasFull)
        #expect(backend.diffs.last?.nodeChanged == true)
    }
}

@Suite struct GraphSyncScheduleTests {
    final class TamperedBackend: ProxyBackend {
        let name = "tampered"
        let family = IPFamily.ipv4
        var tampered = false
        func render(_ graph: ServiceGraph, diff: GraphDiff) throws -> Int { graph.ports.count }
        func apply(_ plan: Int) throws {}
        func cleanup() throws {}
        var requiresFullSync: Bool { tampered }
    }

    @Test func aTamperedKernelOrAnElapsedPeriodMakesTheSyncFull() throws {
        let backend = TamperedBackend()
        let sync = GraphSync(backend: backend, options: Fixtures.options)
        var state = ClusterState()
        try state.upsert(Fixtures.service("web", clusterIP: "172.30.0.41", ports: [.init(port: 80)]))
        #expect(try sync.sync(state, changes: state.takeChanges()).full)
        #expect(try !sync.sync(state, changes: StateChanges()).full)
        backend.tampered = true
        #expect(sync.nextSyncIsFull)
        #expect(try sync.sync(state, changes: StateChanges()).full)

        let everyTime = GraphSync(backend: TamperedBackend(), options: Fixtures.options, fullSyncPeriod: .zero)
        try everyTime.sync(state, changes: StateChanges())
        #expect(try everyTime.sync(state, changes: StateChanges()).full)
    }
}
