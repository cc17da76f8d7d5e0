import Foundation
import ProxyCore
import Testing
@testable import KubeAPI

/// Watch event lines as a real API server writes them.
@Suite struct WatchEventTests {
    private func decode(_ line: String, kind: String = "Service") throws -> WatchEvent {
        let decoder = JSONDecoder()
        decoder.userInfo[APIObject.kindKey] = kind
        return try decoder.decode(WatchEvent.self, from: Data(line.utf8))
    }

    @Test func added() throws {
        let line = #"""
            {"type":"ADDED","object":{"kind":"Service","apiVersion":"v1","metadata":{"name":"kubernetes","namespace":"default","uid":"0d1f4f5e-2b8a-4c51-9d0a-3f1b2c3d4e5f","resourceVersion":"196","creationTimestamp":"2024-05-01T10:00:00Z","labels":{"component":"apiserver","provider":"kubernetes"},"managedFields":[{"manager":"kube-apiserver","operation":"Update","apiVersion":"v1","time":"2024-05-01T10:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:component":{},"f:provider":{}}}}}]},"spec":{"ports":[{"name":"https","protocol":"TCP","port":443,"targetPort":6443}],"clusterIP":"10.96.0.1","clusterIPs":["10.96.0.1"],"type":"ClusterIP","sessionAffinity":"None","ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack","internalTrafficPolicy":"Cluster"},"status":{"loadBalancer":{}}}}
            """#
        guard case .added(let object) = try decode(line) else {
            Issue.record("not ADDED")
            return
        }
        #expect(object.key == KubeObject.Key(kind: "Service", namespace: "default", name: "kubernetes"))
        #expect(object.resourceVersion == "196")
        guard case .success(.service(let service)) = object.result else {
            Issue.record("did not decode: \(object.result)")
            return
        }
        #expect(service.spec?.clusterIP == "10.96.0.1")
        #expect(service.spec?.ports?.first?.port == 443)
    }

    @Test func modifiedAndDeletedEndpointSlices() throws {
        let object = #"{"kind":"EndpointSlice","apiVersion":"discovery.k8s.io/v1","metadata":{"name":"web-x7k2p","generateName":"web-","namespace":"shop","resourceVersion":"2041","labels":{"kubernetes.io/service-name":"web","endpointslice.kubernetes.io/managed-by":"endpointslice-controller.k8s.io"}},"addressType":"IPv4","endpoints":[{"addresses":["10.244.1.7"],"conditions":{"ready":true,"serving":true,"terminating":false},"nodeName":"worker-1","targetRef":{"kind":"Pod","namespace":"shop","name":"web-5d9c","uid":"8c7d"}}],"ports":[{"name":"http","protocol":"TCP","port":8080}]}"#
        guard case .modified(let modified) = try decode(#"{"type":"MODIFIED","object":\#(object)}"#, kind: "EndpointSlice") else {
            Issue.record("not MODIFIED")
            return
        }
        guard case .success(.endpointSlice(let slice)) = modified.result else {
            Issue.record("did not decode: \(modified.result)")
            return
        }
        #expect(slice.endpoints?.first?.addresses == ["10.244.1.7"])
        guard case .deleted(let deleted) = try decode(#"{"type":"DELETED","object":\#(object)}"#, kind: "EndpointSlice") else {
            Issue.record("not DELETED")
            return
        }
        #expect(deleted.key == KubeObject.Key(kind: "EndpointSlice", namespace: "shop", name: "web-x7k2p"))
    }

    @Test func bookmark() throws {
        let line = #"{"type":"BOOKMARK","object":{"kind":"Service","apiVersion":"v1","metadata":{"resourceVersion":"12746","creationTimestamp":null,"annotations":{"k8s.io/initial-events-end":"true"}},"spec":{},"status":{"loadBalancer":{}}}}"#
        guard case .bookmark(let version) = try decode(line) else {
            Issue.record("not BOOKMARK")
            return
        }
        #expect(version == "12746")
    }

    @Test func expiredError() throws {
        let line = #"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (5623)","reason":"Expired","code":410}}"#
        guard case .error(let status) = try decode(line) else {
            Issue.record("not ERROR")
            return
        }
        #expect(status == APIStatus(status: "Failure", message: "too old resource version: 1 (5623)", reason: "Expired", code: 410))
        let error = APIError(code: status.code ?? 0, status: status, request: "GET /api/v1/services?watch=true")
        #expect(error.isExpired)
        #expect(error.description == "GET /api/v1/services?watch=true: HTTP 410: too old resource version: 1 (5623)")
    }

    @Test func aListItemWithoutKindTakesTheExpectedKind() throws {
        let line = #"{"type":"ADDED","object":{"metadata":{"name":"node-1","resourceVersion":"9"},"spec":{"podCIDRs":["10.244.0.0/24"]}}}"#
        guard case .added(let object) = try decode(line, kind: "Node"), case .success(.node(let node)) = object.result else {
            Issue.record("not a decoded Node")
            return
        }
        #expect(node.spec?.podCIDRs == ["10.244.0.0/24"])
        #expect(object.key == KubeObject.Key(kind: "Node", namespace: nil, name: "node-1"))
    }

    @Test func anObjectWithABadFieldIsAFailureNotAThrow() throws {
        let line = #"{"type":"MODIFIED","object":{"kind":"Service","metadata":{"name":"web","namespace":"shop"},"spec":{"ports":[{"port":"eighty"}]}}}"#
        guard case .modified(let object) = try decode(line), case .failure(let error) = object.result else {
            Issue.record("not a failed MODIFIED")
            return
        }
        #expect(error.object == "Service shop/web")
        #expect(error.field == "spec.ports[0].port")
    }

    @Test func unknownTypesAndBrokenLinesThrow() {
        #expect(throws: DecodingError.self) { try decode(#"{"type":"SURPRISE","object":{}}"#) }
        #expect(throws: DecodingError.self) { try decode(#"{"object":{}}"#) }
        #expect(throws: (any Error).self) { try decode(#"{"type":"ADDED","obj"#) }
    }
}
