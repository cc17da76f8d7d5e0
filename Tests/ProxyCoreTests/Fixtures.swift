@testable import ProxyCore

/// Small builders for API objects used across tests.
enum Fixtures {
    static func service(
        _ name: String, namespace: String = "ns1", clusterIP: String, ports: [Service.Port],
        type: String? = nil, externalIPs: [String]? = nil, etp: String? = nil, itp: String? = nil,
        labels: [String: String]? = nil
    ) -> Service {
        Service(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: labels),
            spec: .init(type: type, clusterIP: clusterIP, ports: ports, externalIPs: externalIPs,
                        externalTrafficPolicy: etp, internalTrafficPolicy: itp))
    }

    static func slice(
        _ name: String, service: String, namespace: String = "ns1", addressType: String = "IPv4",
        endpoints: [EndpointSlice.Endpoint], ports: [EndpointSlice.Port]
    ) -> EndpointSlice {
        EndpointSlice(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: [EndpointSlice.serviceNameLabel: service]),
            addressType: addressType, endpoints: endpoints, ports: ports)
    }

    static func endpoint(
        _ address: String, node: String? = nil, ready: Bool? = nil, serving: Bool? = nil, terminating: Bool? = nil,
        zones: [String]? = nil, nodes: [String]? = nil
    ) -> EndpointSlice.Endpoint {
        let hints = zones == nil && nodes == nil ? nil : EndpointSlice.Hints(
            forZones: zones?.map { .init(name: $0) }, forNodes: nodes?.map { .init(name: $0) })
        return .init(addresses: [address], conditions: .init(ready: ready, serving: serving, terminating: terminating),
                     nodeName: node, hints: hints)
    }

    static func ip(_ text: String) -> IPAddress { IPAddress(text)! }

    static let options = ProxyOptions(
        nodeName: "test-node", nodeIPs: [ip("192.168.0.2")], clusterCIDRs: [CIDR("10.0.0.0/8")!])
}
