/// A validated EndpointSlice: the service it belongs to, its ports and its endpoints.
///
/// Follows upstream's `EndpointSliceCache`: ports without a name or a port number are skipped, an
/// endpoint with no addresses is skipped, and only `addresses[0]` is used.
public struct EndpointSliceInfo: Hashable, Sendable {
    /// One usable entry of `ports`.
    public struct Port: Hashable, Sendable {
        public let name: String
        public let transport: TransportProtocol
        public let port: Int
    }

    /// One usable entry of `endpoints`.
    public struct Endpoint: Hashable, Sendable {
        public let address: IPAddress
        public let nodeName: String?
        public let isReady: Bool
        public let isServing: Bool
        public let isTerminating: Bool
        public let zoneHints: Set<String>?
        public let nodeHints: Set<String>?
    }

    /// The slice's own namespace and name.
    public let name: NamespacedName
    /// The Service it belongs to (from the `kubernetes.io/service-name` label).
    public let service: NamespacedName
    /// The address family; nil for FQDN slices, which the proxy ignores.
    public let family: IPFamily?
    public let ports: [Port]
    public let endpoints: [Endpoint]

    /// Validates an API EndpointSlice.
    /// - Throws: ``InputError`` naming the object and the first invalid field.
    public init(_ slice: EndpointSlice) throws {
        let name = try ObjectIdentity.name(of: slice.metadata, kind: "EndpointSlice")
        let reader = FieldReader(object: "EndpointSlice \(name)")
        self.name = name
        guard let serviceName = slice.metadata.labels?[EndpointSlice.serviceNameLabel], !serviceName.isEmpty else {
            throw reader.fail(
                "metadata.labels[\(EndpointSlice.serviceNameLabel)]", "is required to tie the slice to its Service")
        }
        self.service = NamespacedName(namespace: name.namespace, name: serviceName)
        let addressType = try reader.oneOf(slice.addressType, ["IPv4", "IPv6", "FQDN"], "addressType")
        let family = IPFamily(rawValue: addressType)
        self.family = family

        var ports: [Port] = []
        for (index, port) in (slice.ports ?? []).enumerated() {
            let field = "ports[\(index)]"
            let transport = try reader.transport(port.protocol, "\(field).protocol")
            guard let name = port.name, let number = try reader.optionalPort(port.port, "\(field).port") else { continue }
            ports.append(Port(name: name, transport: transport, port: number))
        }
        self.ports = ports

        var endpoints: [Endpoint] = []
        for (index, endpoint) in (slice.endpoints ?? []).enumerated() {
            guard let first = endpoint.addresses?.first, family != nil else { continue }
            let field = "endpoints[\(index)].addresses[0]"
            let address = try reader.ip(first, field)
            guard address.family == family else {
                throw reader.fail(field, "\"\(first)\" is not an \(addressType) address")
            }
            let conditions = endpoint.conditions
            endpoints.append(Endpoint(
                address: address,
                nodeName: endpoint.nodeName,
                isReady: conditions?.ready ?? true,
                isServing: conditions?.serving ?? true,
                isTerminating: conditions?.terminating ?? false,
                zoneHints: endpoint.hints?.forZones.map { Set($0.compactMap(\.name)) },
                nodeHints: endpoint.hints?.forNodes.map { Set($0.compactMap(\.name)) }))
        }
        self.endpoints = endpoints
    }
}
