import Hummingbird
import Logging
import ServiceLifecycle

extension ListenAddress {
    /// Hummingbird's configuration for listening here.
    var applicationConfiguration: ApplicationConfiguration {
        ApplicationConfiguration(address: .hostname(host.description, port: port))
    }

    /// A Hummingbird application serving `router` here; `onRunning` gets the bound port (the
    /// system's choice for port 0) once it listens.
    func application(
        router: Router<BasicRequestContext>, logger: Logger, onRunning: @escaping @Sendable (Int) async -> Void
    ) -> any Service {
        Application(
            router: router, configuration: applicationConfiguration,
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }
}
