import Testing
@testable import ProxyCore

@Suite struct ServiceInfoTests {
    private func service(_ spec: Service.Spec, status: Service.Status? = nil) -> Service {
        Service(metadata: ObjectMeta(name: "web", namespace: "shop"), spec: spec, status: status)
    }

    private func error(_ spec: Service.Spec, status: Service.Status? = nil) -> String? {
        do {
            _ = try ServiceInfo(service(spec, status: status))
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func validatesEveryFieldByName() {
        #expect(error(.init(clusterIP: "10.96.0.1", ports: [.init(port: 70000)]))
            == "Service shop/web: spec.ports[0].port: 70000 is not in 1..65535")
        #expect(error(.init(clusterIP: "10.96.0.1", ports: [.init(port: 80), .init(protocol: "ICMP", port: 81)]))
            == "Service shop/web: spec.ports[1].protocol: \"ICMP\" is not a supported protocol (TCP, UDP or SCTP)")
        #expect(error(.init(clusterIP: "10.96.0.300", ports: [.init(port: 80)]))
            == "Service shop/web: spec.clusterIP: \"10.96.0.300\" is not a valid IP address")
        #expect(error(.init(clusterIPs: ["10.96.0.1", "fd00::zz"], ports: [.init(port: 80)]))
            == "Service shop/web: spec.clusterIPs[1]: \"fd00::zz\" is not a valid IP address")
        #expect(error(.init(clusterIP: "10.96.0.1", ports: [.init(port: 80, nodePort: -1)]))
            == "Service shop/web: spec.ports[0].nodePort: -1 is not in 1..65535")
        #expect(error(.init(clusterIP: "10.96.0.1", ports: [.init(port: 80)], externalIPs: ["1.2.3"]))
            == "Service shop/web: spec.externalIPs[0]: \"1.2.3\" is not a valid IP address")
        #expect(error(.init(clusterIP: "10.96.0.1", ports: [.init(port: 80)], loadBalancerSourceRanges: ["10.0.0.0/40"]))
            == "Service shop/web: spec.loadBalancerSourceRanges[0]: \"10.0.0.0/40\" is not a valid CIDR")
        #expect(error(.init(type: "Magic", clusterIP: "10.96.0.1"))
            == "Service shop/web: spec.type: \"Magic\" is not one of ClusterIP, NodePort, LoadBalancer, ExternalName")
        #expect(error(.init(clusterIP: "10.96.0.1", ports: [.init(port: nil)]))
            == "Service shop/web: spec.ports[0].port: is required")
        #expect(error(.init(clusterIP: "10.96.0.1"), status: .init(loadBalancer: .init(ingress: [.init(ip: "1.2.3.999")])))
            == "Service shop/web: status.loadBalancer.ingress[0].ip: \"1.2.3.999\" is not a valid IP address")
        #expect(error(.init(clusterIP: "10.96.0.1", sessionAffinity: "ClientIP",
                            sessionAffinityConfig: .init(clientIP: .init(timeoutSeconds: 0))))
            == "Service shop/web: spec.sessionAffinityConfig.clientIP.timeoutSeconds: 0 is not in 1..86400")
    }

    @Test func normalisesAndDefaults() throws {
        let info = try ServiceInfo(service(
            .init(type: "LoadBalancer", clusterIP: "172.30.00.041", ports: [.init(port: 80, nodePort: 3001)],
                  loadBalancerSourceRanges: [" 203.0.113.0/25 "], externalTrafficPolicy: "Local",
                  healthCheckNodePort: 30000, sessionAffinity: "ClientIP"),
            status: .init(loadBalancer: .init(ingress: [.init(ip: "1.2.3.4"), .init(ip: "5.6.7.8", ipMode: "Proxy")]))))
        #expect(info.clusterIPs.map(\.description) == ["172.30.0.41"])
        #expect(info.ports.first?.transport == .tcp)
        #expect(info.loadBalancerIPs.map(\.description) == ["1.2.3.4"])
        #expect(info.loadBalancerSourceRanges.map(\.description) == ["203.0.113.0/25"])
        #expect(info.sessionAffinityTimeout == 10800)
        #expect(info.healthCheckNodePort == 30000)
        #expect(info.externalTrafficPolicyLocal)
    }

    @Test func headlessExternalNameAndMissingNamespace() throws {
        let headless = try ServiceInfo(Service(metadata: ObjectMeta(name: "db"), spec: .init(clusterIP: "None")))
        #expect(headless.isSkipped)
        #expect(headless.name.description == "default/db")
        let external = try ServiceInfo(Service(metadata: ObjectMeta(name: "ext"), spec: .init(type: "ExternalName")))
        #expect(external.isSkipped)
        #expect(throws: InputError.self) { try ServiceInfo(Service(metadata: ObjectMeta(), spec: .init())) }
    }

    @Test func externalTrafficPolicyOnlyAppliesToNodePortAndLoadBalancer() throws {
        let info = try ServiceInfo(service(.init(clusterIP: "10.96.0.1", ports: [.init(port: 80)],
                                                 externalTrafficPolicy: "Local")))
        #expect(!info.externalTrafficPolicyLocal)
    }
}
