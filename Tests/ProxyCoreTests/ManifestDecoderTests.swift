import Testing
@testable import ProxyCore

@Suite struct ManifestDecoderTests {
    @Test func decodesMultiDocumentYAMLAndIgnoresOtherKinds() {
        let contents = ManifestDecoder().decode("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop, uid: 123, creationTimestamp: "2024-01-01T00:00:00Z"}
            spec:
              clusterIP: 10.96.0.10
              ports: [{port: 80, targetPort: http, protocol: TCP}]
              unknownField: {nested: true}
            ---
            """)
        #expect(contents.errors.isEmpty)
        #expect(contents.objects.count == 1)
        guard case .service(let service) = contents.objects.first else { Issue.record("not a service"); return }
        #expect(service.metadata.namespace == "shop")
        #expect(service.spec?.ports?.first?.targetPort == .string("http"))
    }

    @Test func decodesJSONListsWithItemKindsFromTheListKind() {
        let contents = ManifestDecoder().decode("""
            {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSliceList", "metadata": {"resourceVersion": "7"},
             "items": [{"metadata": {"name": "web-abc", "namespace": "shop",
                                     "labels": {"kubernetes.io/service-name": "web"}},
                        "addressType": "IPv4", "endpoints": [{"addresses": ["10.244.1.2"]}],
                        "ports": [{"name": "", "port": 8080, "protocol": "TCP"}]}]}
            """)
        #expect(contents.errors.isEmpty)
        guard case .endpointSlice(let slice) = contents.objects.first else { Issue.record("not a slice"); return }
        #expect(slice.endpoints?.first?.addresses == ["10.244.1.2"])
    }

    @Test func aBadItemIsReportedByFieldAndTheOthersStillLoad() {
        let contents = ManifestDecoder().decode("""
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Service
              metadata: {name: broken, namespace: shop}
              spec:
                ports: [{port: eighty}]
            - apiVersion: v1
              kind: Service
              metadata: {name: fine, namespace: shop}
              spec: {clusterIP: 10.96.0.11, ports: [{port: 80}]}
            """)
        #expect(contents.objects.count == 1)
        #expect(contents.errors.count == 1)
        #expect(contents.errors.first?.description == "Service shop/broken: spec.ports[0].port: expected a number")
    }

    @Test func invalidYAMLIsOneError() {
        let contents = ManifestDecoder().decode("kind: Service\n  metadata: [unclosed")
        #expect(contents.objects.isEmpty)
        #expect(contents.errors.count == 1)
        #expect(contents.errors.first?.message.hasPrefix("not valid YAML") == true)
    }

    @Test func aDocumentWithoutKindIsAnError() {
        let contents = ManifestDecoder().decode("apiVersion: v1\nmetadata: {name: x}\n")
        #expect(contents.errors.first?.field == "kind")
    }

    @Test func aBadItemOfAJSONListIsNamedByFieldToo() {
        let contents = ManifestDecoder().decode("""
            {"kind": "ServiceList", "items": [
              {"metadata": {"name": "broken", "namespace": "shop"}, "spec": {"ports": [{"port": "eighty"}]}},
              {"metadata": {"name": "fine", "namespace": "shop"}, "spec": {"clusterIP": "10.96.0.11", "ports": [{"port": 80}]}}
            ]}
            """)
        #expect(contents.objects.count == 1)
        #expect(contents.errors.map(\.description) == ["Service shop/broken: spec.ports[0].port: expected a number"])
    }
}
