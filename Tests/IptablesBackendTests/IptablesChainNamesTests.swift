import ProxyCore
import Testing
@testable import IptablesBackend

@Suite struct IptablesChainNamesTests {
    private func port(_ namespace: String, _ name: String, _ port: String) -> ServicePortName {
        ServicePortName(service: NamespacedName(namespace: namespace, name: name), port: port, transport: .tcp)
    }

    private func endpoint(_ address: String, _ port: Int) -> ServiceEndpoint {
        ServiceEndpoint(address: IPAddress(address)!, port: port, isLocal: false)
    }

    /// Hashes quoted in the spec (recomputed from upstream's tests).
    @Test func matchUpstreamHashes() {
        #expect(IptablesChainNames.clusterPolicyChain(port("ns1", "svc1", "p80")) == "KUBE-SVC-XPGD46QRK7WJZT7O")
        #expect(IptablesChainNames.endpointChain(port("ns1", "svc1", "p80"), endpoint: endpoint("10.180.0.1", 80))
            == "KUBE-SEP-SXIVWICOYRO3J4NJ")
        #expect(IptablesChainNames.externalChain(port("ns3", "svc3", "p80")) == "KUBE-EXT-X27LE4BHSL4DOUIK")
        #expect(IptablesChainNames.clusterPolicyChain(port("ns4", "svc4", "p80")) == "KUBE-SVC-4SW47YFZTEDKD3PK")
        #expect(IptablesChainNames.endpointChain(port("ns4", "svc4", "p80"), endpoint: endpoint("10.180.0.4", 80))
            == "KUBE-SEP-UKSFD7AGPMPPLUHC")
        #expect(IptablesChainNames.endpointChain(port("ns4", "svc4", "p80"), endpoint: endpoint("10.180.0.5", 80))
            == "KUBE-SEP-C6EBXVWJJZMIWKLZ")
        #expect(IptablesChainNames.endpointChain(port("ns3", "svc3", "p80"), endpoint: endpoint("10.180.0.3", 80))
            == "KUBE-SEP-OYPFS5VJICHGATKP")
    }

    @Test func base32MatchesRFC4648Vectors() {
        #expect(Base32.encode(Array("".utf8)) == "")
        #expect(Base32.encode(Array("f".utf8)) == "MY======")
        #expect(Base32.encode(Array("fooba".utf8)) == "MZXW6YTB")
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI======")
    }
}
