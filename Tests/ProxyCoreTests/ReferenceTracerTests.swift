import Testing
@testable import ProxyCore

/// Tracer behaviour not covered by the upstream scenario catalog (see ProxyConformanceTests).
@Suite struct ReferenceTracerTests {
    private func tracer(_ objects: [KubeObject], options: ProxyOptions = Fixtures.options,
                        family: IPFamily = .ipv4) throws -> ReferenceTracer {
        var state = ClusterState()
        for object in objects { try state.upsert(object) }
        return ReferenceTracer(graph: GraphBuilder(options: options, family: family).build(from: state))
    }

    private func trace(_ tracer: ReferenceTracer, _ from: String, _ to: String) -> TraceResult {
        tracer.trace(Packet(source: Fixtures.ip(from), destination: HostPort(to)!))
    }

    @Test func dualStackServicesAreTracedPerFamily() throws {
        let objects: [KubeObject] = [
            .service(Service(metadata: ObjectMeta(name: "web", namespace: "ns1"),
                             spec: .init(clusterIPs: ["172.30.0.41", "fd00:30::41"], ports: [.init(port: 80)]))),
            .endpointSlice(Fixtures.slice("web-v4", service: "web", endpoints: [Fixtures.endpoint("10.180.0.1")],
                                          ports: [.init(name: "", port: 8080)])),
            .endpointSlice(Fixtures.slice("web-v6", service: "web", addressType: "IPv6",
                                          endpoints: [Fixtures.endpoint("fd00:180::1")], ports: [.init(name: "", port: 8080)])),
        ]
        var options = Fixtures.options
        options.clusterCIDRs.append(CIDR("fd00:180::/48")!)
        let v6 = try tracer(objects, options: options, family: .ipv6)
        let result = trace(v6, "fd00:180::9", "[fd00:30::41]:80")
        #expect(result.verdict == "[fd00:180::1]:8080")
        #expect(!result.masquerade)
        let v4 = try tracer(objects, options: options)
        #expect(trace(v4, "10.0.0.2", "172.30.0.41:80").verdict == "10.180.0.1:8080")
    }

    @Test func interfaceBasedDetectionUsesTheInputInterface() throws {
        let objects: [KubeObject] = [
            .service(Fixtures.service("web", clusterIP: "172.30.0.41", ports: [.init(port: 80)])),
            .endpointSlice(Fixtures.slice("web-1", service: "web", endpoints: [Fixtures.endpoint("10.180.0.1")],
                                          ports: [.init(name: "", port: 80)])),
        ]
        var options = Fixtures.options
        options.localTrafficDetection = .interfaceNamePrefix("veth")
        let tracer = try tracer(objects, options: options)
        let fromPod = tracer.trace(Packet(source: Fixtures.ip("10.1.1.1"), destination: HostPort("172.30.0.41:80")!,
                                          inputInterface: "veth1234"))
        #expect(!fromPod.masquerade)
        let fromElsewhere = tracer.trace(Packet(source: Fixtures.ip("10.1.1.1"), destination: HostPort("172.30.0.41:80")!,
                                                inputInterface: "eth0"))
        #expect(fromElsewhere.masquerade)
    }

    @Test func explainsItsDecisions() throws {
        let tracer = try tracer([
            .service(Fixtures.service("web", clusterIP: "172.30.0.41", ports: [.init(port: 80)])),
        ])
        let result = trace(tracer, "10.0.0.2", "172.30.0.41:80")
        #expect(result.verdict == "REJECT")
        #expect(result.steps == ["ns1/web has no endpoints: REJECT"])
        #expect(result.service?.description == "ns1/web")
        #expect(trace(tracer, "10.0.0.2", "172.30.0.41:81").outcome == .noMatch)
    }
}
