import Logging
import ProxyCore

/// The health-check servers of services with `externalTrafficPolicy: Local` (upstream's
/// `service_health.go`): one HTTP server per service on its `healthCheckNodePort`, on each listen
/// address, telling load balancers whether this node has endpoints of the service.
///
/// Each server answers any path with 200 when the service has local ready endpoints and the proxy
/// is healthy, else 503; the `X-Load-Balancing-Endpoint-Weight` header carries the endpoint count.
/// The servers run in tasks this actor owns; call ``shutdown()`` when done.
public actor ServiceHealthServers {
    /// The servers of one service.
    private struct Instance {
        let port: Int
        let servers: [ServerTask]
    }

    private let listen: ListenAddresses
    private let proxyHealthy: @Sendable () -> Bool
    private let logger: Logger
    private let counts = LocalEndpointCounts()
    private var instances: [NamespacedName: Instance] = [:]
    /// The latest ``syncServices(_:)``: each waits for the one before, so calls never interleave.
    private var latestSync: Task<[ListenFailure], Never>?

    /// - Parameters:
    ///   - listen: where the servers listen.
    ///   - proxyHealthy: whether the proxy is healthy (typically ``ProxyHealth/isHealthy``).
    ///   - logger: the servers' logger.
    public init(listen: ListenAddresses, proxyHealthy: @escaping @Sendable () -> Bool, logger: Logger) {
        self.listen = listen
        self.proxyHealthy = proxyHealthy
        self.logger = logger
    }

    /// The services served, with their ports.
    public var servedPorts: [NamespacedName: Int] {
        instances.mapValues(\.port)
    }

    /// Makes the served services exactly these: stops the servers of services gone or whose port
    /// changed, then starts servers for services not served yet.
    /// - Parameter ports: the health-check port of each service (see ``healthCheckPorts(_:)``).
    /// - Returns: the servers that could not start (already logged); those services are retried
    ///   by the next call.
    @discardableResult
    public func syncServices(_ ports: [NamespacedName: Int]) async -> [ListenFailure] {
        let previous = latestSync
        let sync = Task {
            _ = await previous?.value
            return await apply(ports)
        }
        latestSync = sync
        return await sync.value
    }

    /// Sets the local ready endpoint count of each service; services absent count 0.
    /// - Parameter counts: see ``localReadyEndpointCounts(_:)``.
    public nonisolated func syncEndpoints(_ counts: [NamespacedName: Int]) {
        self.counts.replace(with: counts)
    }

    /// Stops every server.
    public func shutdown() async {
        await syncServices([:])
    }

    private func apply(_ ports: [NamespacedName: Int]) async -> [ListenFailure] {
        for (service, instance) in instances where ports[service] != instance.port {
            logger.debug("Closing healthcheck", metadata: ["service": "\(service)", "port": "\(instance.port)"])
            instances[service] = nil
            for server in instance.servers { await server.stop() }
        }
        var failures: [ListenFailure] = []
        for (service, port) in ports.sorted(by: { $0.key < $1.key }) where instances[service] == nil {
            logger.debug("Opening healthcheck", metadata: ["service": "\(service)", "port": "\(port)"])
            switch await start(service, port: port) {
            case .success(let servers): instances[service] = Instance(port: port, servers: servers)
            case .failure(let failure): failures.append(failure)
            }
        }
        return failures
    }

    /// Starts a service's servers on every listen address; on a failure, stops those started.
    private func start(_ service: NamespacedName, port: Int) async -> Result<[ServerTask], ListenFailure> {
        let responder = ServiceHealthResponder(service: service, counts: counts, proxyHealthy: proxyHealthy)
        var servers: [ServerTask] = []
        for host in listen.hosts {
            let address = ListenAddress(host: host, port: port)
            do {
                servers.append(try await ServerTask.start(at: address, responder: responder, logger: logger))
            } catch {
                for server in servers { await server.stop() }
                let failure = ListenFailure(service: service, address: address, reason: "\(error)")
                logger.error(
                    "Failed to start healthcheck",
                    metadata: ["service": "\(service)", "address": "\(address)", "error": "\(error)"])
                return .failure(failure)
            }
        }
        return .success(servers)
    }
}
