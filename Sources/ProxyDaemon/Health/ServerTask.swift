import Hummingbird
import Logging
import ServiceLifecycle

/// A Hummingbird application running in a task of its own. Stopping it shuts it down gracefully:
/// the listening socket closes at once, freeing the port, and open connections get a second to finish.
struct ServerTask: Sendable {
    /// How long open connections may take to finish once the server stops.
    private static let connectionGracePeriod = Duration.seconds(1)

    /// The port the server listens on (the system's choice when asked for port 0).
    let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, Never>

    private init(port: Int, group: ServiceGroup, task: Task<Void, Never>) {
        self.port = port
        self.group = group
        self.task = task
    }

    /// Starts serving and returns once the server listens.
    /// - Throws: the error binding the address, or `CancellationError` when cancelled meanwhile.
    static func start(
        at address: ListenAddress, responder: some HTTPResponder<BasicRequestContext>, logger: Logger
    ) async throws -> ServerTask {
        let (events, continuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        let application = Application(
            responder: responder,
            configuration: address.applicationConfiguration,
            onServerRunning: { channel in continuation.yield(.success(channel.localAddress?.port ?? address.port)) },
            logger: logger
        )
        var configuration = ServiceGroupConfiguration(services: [application], logger: logger)
        configuration.maximumGracefulShutdownDuration = connectionGracePeriod
        let group = ServiceGroup(configuration: configuration)
        let task = Task {
            do {
                try await group.run()
            } catch {
                continuation.yield(.failure(error))
            }
            continuation.finish()
        }
        for await event in events {
            return ServerTask(port: try event.get(), group: group, task: task)
        }
        task.cancel()
        throw CancellationError()
    }

    /// Stops serving and waits until the server has shut down.
    func stop() async {
        await group.triggerGracefulShutdown()
        await task.value
    }
}
