/// An address and port where a service port receives traffic.
public struct Frontend: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, Codable {
        case clusterIP = "cluster-ip"
        case externalIP = "external-ip"
        case loadBalancer = "load-balancer"
        case nodePort = "node-port"

        /// Whether traffic through this frontend follows the external traffic policy.
        public var isExternal: Bool { self != .clusterIP }
    }

    public let kind: Kind
    /// The destination address; nil for a NodePort, which answers on the node's NodePort addresses.
    public let address: IPAddress?
    public let port: Int
    public let transport: TransportProtocol

    public init(kind: Kind, address: IPAddress?, port: Int, transport: TransportProtocol) {
        self.kind = kind
        self.address = address
        self.port = port
        self.transport = transport
    }

    public var description: String {
        let host = address.map { $0.joined(port: port) } ?? "*:\(port)"
        return "\(kind.rawValue) \(host)/\(transport.ruleName)"
    }
}
