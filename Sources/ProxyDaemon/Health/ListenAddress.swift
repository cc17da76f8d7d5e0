import ProxyCore

/// A listen address as kube-proxy's `healthzBindAddress` and `metricsBindAddress` spell it:
/// `ip:port`, with an IPv6 address in brackets (`[::]:10256`).
public struct ListenAddress: Hashable, Sendable, CustomStringConvertible {
    /// The default `healthzBindAddress`, `0.0.0.0:10256`.
    public static let healthzDefault = ListenAddress(host: .v4(0), port: 10256)
    /// The default `metricsBindAddress`, `127.0.0.1:10249`.
    public static let metricsDefault = ListenAddress(host: .loopback(.ipv4), port: 10249)

    public let host: IPAddress
    /// The port; 0 lets the system choose one.
    public let port: Int

    public init(host: IPAddress, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `ip:port` or `[ipv6]:port`; nil when the text is not such an address.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65535).contains(port) else { return nil }
        var host = text[..<colon]
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = host.dropFirst().dropLast()
            guard host.contains(":") else { return nil }
        } else if host.contains(":") {
            return nil
        }
        guard let address = IPAddress(host) else { return nil }
        self.init(host: address, port: port)
    }

    public var description: String { host.joined(port: port) }
}
