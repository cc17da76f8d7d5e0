import Hummingbird
import Logging
import ServiceLifecycle

/// The metrics server on `metricsBindAddress` (upstream's `serveMetrics`): `/metrics` (the
/// Prometheus exposition), `/healthz` (`ok`, as the apiserver-style healthz handler answers),
/// `/proxyMode` (the mode's name) and `/configz` (the configuration).
///
/// Run it in a `ServiceGroup`; it stops on graceful shutdown or cancellation, and `run()` throws
/// when the address cannot be bound.
public struct MetricsServer: Service {
    private let application: any Service

    /// - Parameters:
    ///   - address: where to listen; port 0 lets the system choose.
    ///   - metrics: the metrics to expose; their mode is what `/proxyMode` answers.
    ///   - configJSON: the configuration, already encoded as a JSON object; `/configz` answers
    ///     `{"kubeproxy.config.k8s.io":<configJSON>}` as upstream's configz handler does.
    ///   - logger: the server's logger.
    ///   - onRunning: called with the bound port once the server listens.
    public init(
        address: ListenAddress = .metricsDefault, metrics: ProxyMetrics, configJSON: String, logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        let configz = #"{"kubeproxy.config.k8s.io":\#(configJSON)}"#
        let router = Router()
        let exposition = HTTPFields.nosniff(contentType: "text/plain; version=0.0.4; charset=utf-8")
        router.get("/metrics") { _, _ in Self.response(metrics.exposition(), headers: exposition) }
        router.get("/healthz") { _, _ in Self.response("ok", headers: .plainText) }
        router.get("/proxyMode") { _, _ in Self.response(metrics.mode.rawValue, headers: .plainText) }
        router.get("/configz") { _, _ in Self.response(configz, headers: .json) }
        application = address.application(router: router, logger: logger, onRunning: onRunning)
    }

    /// Serves until graceful shutdown or cancellation.
    public func run() async throws {
        try await application.run()
    }

    private static func response(_ body: String, headers: HTTPFields) -> Response {
        Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
