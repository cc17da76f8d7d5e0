/// Names one port of one Service: upstream's `ServicePortName` (`ns/name:port` plus protocol).
///
/// A Service port and an EndpointSlice port belong together when their port names and protocols
/// are equal.
public struct ServicePortName: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let service: NamespacedName
    /// The port's `name`; empty for an unnamed port.
    public let port: String
    public let transport: TransportProtocol

    public init(service: NamespacedName, port: String, transport: TransportProtocol) {
        self.service = service
        self.port = port
        self.transport = transport
    }

    /// `ns/name:port`, or `ns/name` when the port has no name: the prefix of every rule comment.
    public var description: String {
        port.isEmpty ? service.description : "\(service):\(port)"
    }

    public static func < (lhs: ServicePortName, rhs: ServicePortName) -> Bool {
        (lhs.service, lhs.port, lhs.transport) < (rhs.service, rhs.port, rhs.transport)
    }
}
