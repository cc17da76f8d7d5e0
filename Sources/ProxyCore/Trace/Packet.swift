/// The first packet of a connection, as the tracer sees it.
public struct Packet: Hashable, Sendable, CustomStringConvertible {
    public let source: IPAddress
    public let destination: HostPort
    /// The interface the packet entered through, for interface-based local-traffic detection.
    public let inputInterface: String?

    public init(source: IPAddress, destination: HostPort, inputInterface: String? = nil) {
        self.source = source
        self.destination = destination
        self.inputInterface = inputInterface
    }

    public var description: String { "\(source) -> \(destination)" }
}
