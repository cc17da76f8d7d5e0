import ProxyCore

extension ServiceHealthServers {
    /// The health-check port of each service that has one (LoadBalancer services with
    /// `externalTrafficPolicy: Local`), over the graphs of the proxy's families.
    public static func healthCheckPorts(_ graphs: [ServiceGraph]) -> [NamespacedName: Int] {
        var ports: [NamespacedName: Int] = [:]
        for graph in graphs {
            for node in graph.ports.values {
                if let port = node.healthCheckNodePort { ports[node.name.service] = port }
            }
        }
        return ports
    }

    /// The number of distinct local, ready endpoint IPs of each service over all its ports, as
    /// upstream's `LocalReadyEndpoints`; services without any are absent.
    public static func localReadyEndpointCounts(_ graphs: [ServiceGraph]) -> [NamespacedName: Int] {
        var addresses: [NamespacedName: Set<IPAddress>] = [:]
        for graph in graphs {
            for node in graph.ports.values {
                for endpoint in node.clusterEndpoints + node.localEndpoints where endpoint.isLocal && endpoint.isReady {
                    addresses[node.name.service, default: []].insert(endpoint.address)
                }
            }
        }
        return addresses.mapValues(\.count)
    }
}
