import Logging
import ServiceLifecycle

/// A service whose failure is logged as an error (a service group ignoring failures would log
/// it at debug level only): a health or metrics server that cannot listen must be visible.
struct ReportingService<Inner: Service>: Service {
    let inner: Inner
    /// What the service is, for the log line (`healthz server on 0.0.0.0:10256`).
    let name: String
    let logger: Logger

    func run() async throws {
        do {
            try await inner.run()
        } catch {
            logger.error("\(name) failed", metadata: ["error": "\(error)"])
            throw error
        }
    }
}
