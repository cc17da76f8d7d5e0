import ProxyCore

/// A generated cluster for benchmarks: S ClusterIP services with E endpoints each, the first
/// endpoint of every service on this node.
struct SyntheticCluster {
    let services: Int
    let endpointsPerService: Int
    static let nodeName = "node-1"

    var options: ProxyOptions {
        ProxyOptions(nodeName: Self.nodeName, nodeIPs: [IPAddress("10.0.1.1")!], clusterCIDRs: [CIDR("10.128.0.0/9")!])
    }

    /// The ClusterIP of service `index` (10.96.0.0/12 holds a million).
    static func clusterIP(_ index: Int) -> String { "10.\(96 + index >> 16).\((index >> 8) & 255).\(index & 255)" }

    /// The address of endpoint `endpoint` of service `index` (inside 10.128.0.0/9).
    static func podIP(_ index: Int, _ endpoint: Int) -> String {
        let value = index * 64 + endpoint
        return "10.\(128 + value >> 16).\((value >> 8) & 255).\(value & 255)"
    }

    func service(_ index: Int) -> Service {
        Service(metadata: ObjectMeta(name: "svc-\(index)", namespace: "bench"),
                spec: .init(clusterIP: Self.clusterIP(index), ports: [.init(name: "http", port: 80)]))
    }

    /// The slice of service `index`, with endpoint addresses shifted by `generation` (to change one).
    func slice(_ index: Int, generation: Int = 0) -> EndpointSlice {
        EndpointSlice(
            metadata: ObjectMeta(name: "svc-\(index)-x", namespace: "bench",
                                 labels: [EndpointSlice.serviceNameLabel: "svc-\(index)"]),
            addressType: "IPv4",
            endpoints: (0..<endpointsPerService).map { endpoint in
                .init(addresses: [Self.podIP(index, endpoint + generation)], nodeName: endpoint == 0 ? Self.nodeName : "node-2")
            },
            ports: [.init(name: "http", port: 8080)])
    }

    func state() throws -> ClusterState {
        var state = ClusterState()
        for index in 0..<services {
            try state.upsert(service(index))
            try state.upsert(slice(index))
        }
        _ = state.takeChanges()
        return state
    }
}
