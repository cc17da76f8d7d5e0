/// A destination written as `IP:PORT[/PROTOCOL]` (`10.96.0.50:80`, `[fd00::1]:53/udp`).
public struct HostPort: Hashable, Sendable, CustomStringConvertible {
    public let address: IPAddress
    public let port: Int
    public let transport: TransportProtocol

    public init(address: IPAddress, port: Int, transport: TransportProtocol = .tcp) {
        self.address = address
        self.port = port
        self.transport = transport
    }

    /// Parses `IP:PORT[/tcp|udp|sctp]`; the protocol defaults to TCP. Returns nil when invalid.
    public init?(_ text: String) {
        var rest = Substring(text)
        var transport = TransportProtocol.tcp
        if let slash = rest.lastIndex(of: "/") {
            guard let parsed = TransportProtocol(apiValue: String(rest[rest.index(after: slash)...])) else { return nil }
            transport = parsed
            rest = rest[..<slash]
        }
        guard let colon = rest.lastIndex(of: ":") else { return nil }
        var host = rest[..<colon]
        let portText = rest[rest.index(after: colon)...]
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = host.dropFirst().dropLast()
        } else if host.contains(":") {
            return nil
        }
        guard let address = IPAddress(host), let port = Int(portText), (1...65535).contains(port) else { return nil }
        self.init(address: address, port: port, transport: transport)
    }

    public var description: String { "\(address.joined(port: port))/\(transport.ruleName)" }
}
