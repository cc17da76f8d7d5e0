import Hummingbird
import Logging
import ServiceLifecycle

/// The proxy health server on `healthzBindAddress` (upstream's `ProxyHealthServer.Run`):
/// `/healthz` answers 200 when the proxy is healthy and the node eligible, `/livez` when the
/// proxy is healthy; otherwise 503. Both count their answers in `kubeproxy_proxy_{healthz,livez}_total`.
///
/// Run it in a `ServiceGroup`; it stops on graceful shutdown or cancellation, and `run()` throws
/// when the address cannot be bound.
public struct HealthServer: Service {
    private let application: any Service

    /// - Parameters:
    ///   - address: where to listen; port 0 lets the system choose.
    ///   - health: the proxy's health state.
    ///   - metrics: where the answers are counted.
    ///   - logger: the server's logger.
    ///   - onRunning: called with the bound port once the server listens.
    public init(
        address: ListenAddress = .healthzDefault, health: ProxyHealth, metrics: ProxyMetrics, logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        let router = Router()
        router.get("/healthz") { _, _ in
            let report = health.healthzReport()
            metrics.recordHealthz(code: report.statusCode)
            return Self.response(report)
        }
        router.get("/livez") { _, _ in
            let report = health.livezReport()
            metrics.recordLivez(code: report.statusCode)
            return Self.response(report)
        }
        application = address.application(router: router, logger: logger, onRunning: onRunning)
    }

    /// Serves until graceful shutdown or cancellation.
    public func run() async throws {
        try await application.run()
    }

    private static func response(_ report: HealthReport) -> Response {
        Response(
            status: report.isOK ? .ok : .serviceUnavailable, headers: .json,
            body: ResponseBody(byteBuffer: ByteBuffer(string: report.json)))
    }
}
