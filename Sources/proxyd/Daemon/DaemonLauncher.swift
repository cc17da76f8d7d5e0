import Foundation
import KubeAPI
import Logging
import ProxyCore
import ProxyDaemon
import ServiceLifecycle

/// Starts the long-running proxy: the source (API server or manifest files), the sync loop, the
/// health and metrics servers; runs until SIGTERM or SIGINT, and leaves the rules in place.
struct DaemonLauncher {
    let configuration: DaemonConfiguration
    let cluster: ClusterSourceOptions
    let master: String?
    let variant: Proxyd.VariantChoice

    func run() async throws {
        let config = configuration.config
        let logger = Logger(label: "proxyd")
        for warning in configuration.warnings { logger.warning("configuration: \(warning)") }
        adjustOOMScore(config.oomScoreAdj, logger: logger)

        let nodeName = configuration.nodeName
        let options = try config.proxyOptions(nodeName: nodeName, nodeIPs: try cluster.nodeIPs())
        let mode = config.effectiveMode
        let worker = SyncWorker(syncs: try BackendFactory.syncs(
            mode: mode, options: options, variant: variant, masqueradeBit: config.effectiveMasqueradeBit))

        var client: KubeClient?
        let source: any UpdateSource
        if let path = cluster.source {
            source = ManifestWatcher(path: path, logger: logger)
        } else {
            let connection = try APIConnection.resolve(kubeconfig: config.clientConnection.kubeconfig, master: master)
            let kubeClient = try KubeClient(connection: connection, userAgent: "proxyd/\(Proxyd.version)")
            client = kubeClient
            source = ClusterWatcher(client: kubeClient, nodeName: nodeName, serviceProxyName: options.serviceProxyName,
                                    relistPeriod: config.configSyncPeriod, logger: logger)
            logger.info("watching the API server", metadata: ["server": "\(connection.server)"])
        }

        let health = ProxyHealth(timeout: config.effectiveSyncPeriod * 2,
                                 nodePolicy: source.watchesNode ? .requireNode : .assumeEligible)
        let metrics = ProxyMetrics(mode: mode, families: worker.families)
        let serviceHealth = ServiceHealthServers(
            listen: .any(includingIPv6: worker.families.contains(.ipv6)), proxyHealthy: { health.isHealthy }, logger: logger)
        let daemon = ProxyDaemon(
            source: source, worker: worker,
            scheduler: SyncScheduler(minInterval: config.effectiveMinSyncPeriod, maxInterval: config.effectiveSyncPeriod),
            nodeName: nodeName, health: health, metrics: metrics, serviceHealth: serviceHealth, logger: logger)

        var services = [ServiceGroupConfiguration.ServiceConfiguration(service: daemon)]
        // As kube-proxy without bindAddressHardFail: a server that cannot listen is logged, not fatal.
        let serverFailure: ServiceGroupConfiguration.ServiceConfiguration.TerminationBehavior =
            config.bindAddressHardFail ? .gracefullyShutdownGroup : .ignore
        if let address = try listenAddress(config.healthzBindAddress, field: "healthzBindAddress") {
            let server = HealthServer(address: address, health: health, metrics: metrics, logger: logger)
            services.append(.init(service: ReportingService(inner: server, name: "healthz server on \(address)", logger: logger),
                                  failureTerminationBehavior: serverFailure))
        }
        if let address = try listenAddress(config.metricsBindAddress, field: "metricsBindAddress") {
            let server = MetricsServer(address: address, metrics: metrics, configJSON: config.jsonText, logger: logger)
            services.append(.init(service: ReportingService(inner: server, name: "metrics server on \(address)", logger: logger),
                                  failureTerminationBehavior: serverFailure))
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            try? await client?.shutdown()
            throw error
        }
        try? await client?.shutdown()
    }

    /// A bind address, or nil when it is empty (the server is off).
    private func listenAddress(_ text: String, field: String) throws -> ListenAddress? {
        guard !text.isEmpty else { return nil }
        guard let address = ListenAddress(text) else {
            throw InputError(origin: "configuration", field: field, message: "\"\(text)\" is not an ip:port address")
        }
        return address
    }

    /// Writes `oomScoreAdj` for this process, as kube-proxy does; failure is only logged.
    private func adjustOOMScore(_ value: Int, logger: Logger) {
        do {
            try "\(value)".write(toFile: "/proc/self/oom_score_adj", atomically: false, encoding: .utf8)
        } catch {
            logger.warning("cannot set oom_score_adj", metadata: ["value": "\(value)", "error": "\(error)"])
        }
    }
}
