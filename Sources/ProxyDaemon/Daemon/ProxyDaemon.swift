import Foundation
import KubeAPI
import Logging
import ProxyCore
import ServiceLifecycle

/// The proxy as a long-running service: a source feeds the cluster state, a bounded-frequency
/// scheduler syncs the kernel, health and metrics follow every sync.
///
/// Nothing is programmed before the source's first complete lists are in. On graceful shutdown
/// (SIGTERM, SIGINT) the loops stop and the rules stay in place, as kube-proxy leaves them.
public final class ProxyDaemon: ServiceLifecycle.Service, Sendable {
    public let source: any UpdateSource
    public let worker: SyncWorker
    public let scheduler: SyncScheduler
    public let nodeName: String
    public let health: ProxyHealth
    public let metrics: ProxyMetrics
    public let serviceHealth: ServiceHealthServers
    public let logger: Logger

    public init(
        source: any UpdateSource, worker: SyncWorker, scheduler: SyncScheduler, nodeName: String, health: ProxyHealth,
        metrics: ProxyMetrics, serviceHealth: ServiceHealthServers, logger: Logger
    ) {
        self.source = source
        self.worker = worker
        self.scheduler = scheduler
        self.nodeName = nodeName
        self.health = health
        self.metrics = metrics
        self.serviceHealth = serviceHealth
        self.logger = logger
    }

    public func run() async throws {
        let store = ClusterStore(requiredKinds: source.requiredKinds)
        // As upstream's sync loop: a family is judged healthy from the start.
        for family in worker.families { health.updated(family) }
        logger.info("starting", metadata: ["mode": "\(worker.backendName)", "node": "\(nodeName)",
                                           "families": "\(worker.families.map(\.description))"])
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.source.run { update in await self.receive(update, into: store) } }
                group.addTask { await self.scheduler.run { await self.syncOnce(store) } }
                await group.waitForAll()
            }
        }
        await serviceHealth.shutdown()
        logger.info("stopped; the rules stay in place")
    }

    /// Applies one update and asks for a sync if it changed anything the proxy uses.
    private func receive(_ update: ResourceUpdate, into store: ClusterStore) async {
        let wasReady = await store.isReady
        let (errors, counts) = await store.apply(update)
        for error in errors { logger.warning("skipped bad input", metadata: ["error": "\(error)"]) }
        metrics.recordChanges(services: counts.services, endpoints: counts.endpoints)
        let pending = await store.pending
        metrics.setPendingChanges(services: pending.services, endpoints: pending.endpoints)
        health.setNode(await store.node(named: nodeName))
        guard await store.isReady else { return }
        let changed = await store.hasPendingChanges
        guard !wasReady || changed else { return }
        if !wasReady { logger.info("initial lists are in; programming the rules") }
        let now = Date()
        for family in worker.families {
            health.queuedUpdate(family)
            metrics.recordQueued(family: family, at: now)
        }
        await scheduler.request()
    }

    /// One sync of every family; returns whether all of them succeeded.
    private func syncOnce(_ store: ClusterStore) async -> Bool {
        guard await store.isReady else { return true }
        let snapshot = await store.snapshot()
        let results = await worker.sync(snapshot.state, changes: snapshot.changes)
        var graphs: [ServiceGraph] = []
        for result in results {
            switch result.outcome {
            case .success(let outcome):
                graphs.append(outcome.graph)
                recordSuccess(result, outcome, triggerTimes: snapshot.triggerTimes)
            case .failure(let error):
                metrics.recordSyncFailure(family: result.family, partial: !result.full)
                logger.error("sync failed; the previous rules stay and the next sync is full", metadata: [
                    "mode": "\(worker.backendName)", "family": "\(result.family)", "error": "\(error)"])
            }
        }
        if !graphs.isEmpty {
            for failure in await serviceHealth.syncServices(ServiceHealthServers.healthCheckPorts(graphs)) {
                logger.warning("cannot serve a health check node port", metadata: ["error": "\(failure)"])
            }
            serviceHealth.syncEndpoints(ServiceHealthServers.localReadyEndpointCounts(graphs))
        }
        return graphs.count == results.count
    }

    private func recordSuccess(_ result: SyncWorker.Result, _ outcome: SyncOutcome, triggerTimes: [Date]) {
        let now = Date()
        health.updated(result.family)
        metrics.recordSync(family: result.family, full: outcome.full, duration: result.duration, at: now)
        for time in triggerTimes where time <= now {
            metrics.recordNetworkProgramming(family: result.family, latency: .seconds(now.timeIntervalSince(time)))
        }
        let ports = outcome.graph.ports.values
        metrics.setNoLocalEndpoints(
            family: result.family, internal: ports.count { $0.internalRoute == .drop },
            external: ports.count { $0.external?.route == .drop })
        logger.info("synced", metadata: [
            "mode": "\(worker.backendName)", "family": "\(result.family)", "full": "\(outcome.full)",
            "services": "\(Set(ports.map(\.name.service)).count)", "servicePorts": "\(ports.count)",
            "endpoints": "\(outcome.graph.endpointCount)", "changed": "\(outcome.diff.touched.count)",
            "duration": "\(result.duration)",
        ])
    }
}
