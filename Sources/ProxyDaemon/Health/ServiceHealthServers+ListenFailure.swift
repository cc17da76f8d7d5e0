import ProxyCore

extension ServiceHealthServers {
    /// A health-check server that could not be started; upstream emits the Warning event
    /// `FailedToStartServiceHealthcheck`. The next ``ServiceHealthServers/syncServices(_:)`` retries.
    public struct ListenFailure: Error, Hashable, Sendable, CustomStringConvertible {
        public let service: NamespacedName
        /// The address that could not be bound.
        public let address: ListenAddress
        /// Why, as the system reported it.
        public let reason: String

        public var description: String {
            "failed to start healthcheck \"\(service)\" on \(address): \(reason)"
        }
    }
}
