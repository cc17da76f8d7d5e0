import Testing
@testable import ProxyCore

@Suite struct EndpointMergerTests {
    private let port = ServicePortName(service: NamespacedName(namespace: "ns1", name: "svc"), port: "p80", transport: .tcp)

    private func merge(_ slices: [EndpointSlice], family: IPFamily = .ipv4) throws -> [String] {
        let infos = try slices.map(EndpointSliceInfo.init).sorted { $0.name < $1.name }
        return EndpointMerger.candidates(for: port, family: family, slices: infos, nodeName: "test-node",
                                         useNodeHints: true).map(\.endpoint.description)
    }

    @Test func matchesSlicePortsByNameAndProtocolAndUsesTheirNumberAsTargetPort() throws {
        let endpoints = try merge([
            Fixtures.slice("a", service: "svc", endpoints: [Fixtures.endpoint("10.180.0.1")],
                           ports: [.init(name: "p80", protocol: "TCP", port: 8080),
                                   .init(name: "p80", protocol: "UDP", port: 9090),
                                   .init(name: "other", protocol: "TCP", port: 7070)]),
        ])
        #expect(endpoints == ["10.180.0.1:8080"])
    }

    @Test func namedTargetPortsMayDifferPerSlice() throws {
        let endpoints = try merge([
            Fixtures.slice("a", service: "svc", endpoints: [Fixtures.endpoint("10.180.0.1")],
                           ports: [.init(name: "p80", port: 8080)]),
            Fixtures.slice("b", service: "svc", endpoints: [Fixtures.endpoint("10.180.0.2")],
                           ports: [.init(name: "p80", port: 8081)]),
        ])
        #expect(endpoints == ["10.180.0.1:8080", "10.180.0.2:8081"])
    }

    @Test func sortsAsStringsAndUsesOnlyTheFirstAddress() throws {
        let endpoints = try merge([
            Fixtures.slice("a", service: "svc", endpoints: [
                Fixtures.endpoint("10.180.0.2"), Fixtures.endpoint("10.180.0.10"),
                .init(addresses: ["10.180.0.3", "10.180.0.4"]), .init(addresses: []),
            ], ports: [.init(name: "p80", port: 80)]),
        ])
        #expect(endpoints == ["10.180.0.10:80", "10.180.0.2:80", "10.180.0.3:80"])
    }

    @Test func duplicatesPreferTheNonTerminatingCopy() throws {
        let slices = try [
            Fixtures.slice("a", service: "svc", endpoints: [Fixtures.endpoint("10.180.0.1", ready: true)],
                           ports: [.init(name: "p80", port: 80)]),
            Fixtures.slice("b", service: "svc", endpoints: [Fixtures.endpoint("10.180.0.1", ready: false, terminating: true)],
                           ports: [.init(name: "p80", port: 80)]),
        ].map(EndpointSliceInfo.init)
        let merged = EndpointMerger.candidates(for: port, family: .ipv4, slices: slices, nodeName: "n", useNodeHints: true)
        #expect(merged.count == 1)
        #expect(merged.first?.endpoint.isTerminating == false)
    }

    @Test func ignoresSlicesOfTheOtherFamilyAndUnnamedPorts() throws {
        let endpoints = try merge([
            Fixtures.slice("a", service: "svc", addressType: "IPv6", endpoints: [Fixtures.endpoint("fd00::1")],
                           ports: [.init(name: "p80", port: 80)]),
            Fixtures.slice("b", service: "svc", endpoints: [Fixtures.endpoint("10.180.0.1")],
                           ports: [.init(name: nil, port: 80)]),
        ])
        #expect(endpoints.isEmpty)
    }

    @Test func sliceValidationNamesTheField() {
        #expect(throws: InputError(object: "EndpointSlice ns1/a", field: "endpoints[0].addresses[0]",
                                   message: "\"10.1.2\" is not a valid IP address")) {
            try EndpointSliceInfo(Fixtures.slice("a", service: "svc", endpoints: [Fixtures.endpoint("10.1.2")], ports: []))
        }
        #expect(throws: InputError(object: "EndpointSlice ns1/a", field: "endpoints[0].addresses[0]",
                                   message: "\"fd00::1\" is not an IPv4 address")) {
            try EndpointSliceInfo(Fixtures.slice("a", service: "svc", endpoints: [Fixtures.endpoint("fd00::1")], ports: []))
        }
        #expect(throws: InputError(object: "EndpointSlice ns1/a", field: "ports[0].port",
                                   message: "65536 is not in 1..65535")) {
            try EndpointSliceInfo(Fixtures.slice("a", service: "svc", endpoints: [], ports: [.init(name: "", port: 65536)]))
        }
        #expect(throws: InputError.self) {
            try EndpointSliceInfo(EndpointSlice(metadata: ObjectMeta(name: "x"), addressType: "IPv4", endpoints: [], ports: []))
        }
    }
}
