import Foundation
import ProxyCore
import Testing
import TestAPIServer
@testable import KubeAPI

/// Lists against the test API server: selectors, pages, bad objects and authentication.
@Suite(.timeLimit(.minutes(1))) struct KubeClientTests {
    @Test func listSelectsTheServicesOfThisProxy() async throws {
        try await withAPIServer { server, client in
            try await server.create(Manifest.service("plain"))
            try await server.create(Manifest.service("other", labels: [ServiceInfo.serviceProxyNameLabel: "other-proxy"]))
            try await server.create(Manifest.service("headless", labels: ["service.kubernetes.io/headless": ""]))
            try await server.create(Manifest.service("labelled", namespace: "web", labels: ["app": "web"]))

            let page = try await client.list(.services, selectors: .serviceObjects(serviceProxyName: nil))

            #expect(Set(page.objects.compactMap { $0.key?.name }) == ["plain", "labelled"])
            #expect(page.resourceVersion == (await server.resourceVersion))
            #expect(page.continueToken == nil)
            let web = try #require(page.objects.first { $0.key?.name == "labelled" })
            #expect(web.key == KubeObject.Key(kind: "Service", namespace: "web", name: "labelled"))
            guard case .success(.service(let service)) = web.result else {
                Issue.record("labelled did not decode: \(web.result)")
                return
            }
            #expect(service.spec?.clusterIP == "10.96.0.10")
            #expect(service.metadata.resourceVersion == web.resourceVersion)

            let named = try await client.list(.services, selectors: .serviceObjects(serviceProxyName: "other-proxy"))
            #expect(named.objects.compactMap { $0.key?.name } == ["other"])

            let request = try #require(await server.requestLog.first)
            #expect(request.parameters["labelSelector"] == "!service.kubernetes.io/service-proxy-name,!service.kubernetes.io/headless")
        }
    }

    @Test func listPagesCarryContinueTokens() async throws {
        try await withAPIServer { server, client in
            for index in 0..<5 { try await server.create(Manifest.service("svc-\(index)")) }
            let selectors = ListSelectors.serviceObjects(serviceProxyName: nil)

            let first = try await client.list(.services, selectors: selectors, limit: 2)
            #expect(first.objects.compactMap { $0.key?.name } == ["svc-0", "svc-1"])
            let token = try #require(first.continueToken)
            let second = try await client.list(.services, selectors: selectors, limit: 2, continueToken: token)
            #expect(second.objects.compactMap { $0.key?.name } == ["svc-2", "svc-3"])
            let third = try await client.list(.services, selectors: selectors, limit: 2, continueToken: second.continueToken)
            #expect(third.objects.compactMap { $0.key?.name } == ["svc-4"])
            #expect(third.continueToken == nil)
            #expect(Set([first.resourceVersion, second.resourceVersion, third.resourceVersion]).count == 1)
        }
    }

    @Test func theReflectorListsEveryPage() async throws {
        try await withAPIServer { server, client in
            for index in 0..<7 { try await server.create(Manifest.service("svc-\(index)")) }
            let reflector = reflector(client, pageSize: 3)

            try await whileRunning(running(reflector)) { collector in
                #expect(await eventually { await !collector.replacements.isEmpty })
                let first = try #require(await collector.replacements.first)
                #expect(first.names == Set((0..<7).map { "svc-\($0)" }))
            }
            let lists = await server.requestLog.filter(\.isList)
            #expect(lists.count == 3)
            #expect(lists.allSatisfy { $0.parameters["limit"] == "3" })
            #expect(lists.map { $0.parameters["continue"] != nil } == [false, true, true])
        }
    }

    @Test func anObjectWithABadFieldFailsAloneNamingObjectAndField() async throws {
        try await withAPIServer { server, client in
            try await server.create(Manifest.service("good-1"))
            try await server.create(Manifest.service("bad", spec: #"{"ports": "x"}"#))
            try await server.create(Manifest.service("good-2"))

            let page = try await client.list(.services, selectors: ListSelectors())

            #expect(page.objects.count == 3)
            let decoded = page.objects.compactMap { try? $0.result.get() }.map(\.key.name)
            #expect(decoded == ["good-1", "good-2"])
            let bad = try #require(page.objects.first { $0.key?.name == "bad" })
            #expect(bad.key == KubeObject.Key(kind: "Service", namespace: "default", name: "bad"))
            guard case .failure(let error) = bad.result else {
                Issue.record("the bad service decoded")
                return
            }
            #expect(error.object == "Service default/bad")
            #expect(error.field == "spec.ports")
            #expect(error.description.contains("Service default/bad") && error.description.contains("spec.ports"))
        }
    }

    @Test func aClientCertificateFromAForeignCAIsRefused() async throws {
        let certificates = try await SharedPKI.certificates
        try await withAPIServer { server, _ in
            let error = try await Self.listError(APIConnection(
                server: server.url, certificateAuthority: Self.pem(certificates.ca.certificatePEM),
                clientCertificate: Self.pem(certificates.foreignClient.certificatePEM),
                clientKey: Self.pem(certificates.foreignClient.keyPEM)))
            #expect(error.contains("UNKNOWN_CA"), "\(error)")
        }
    }

    @Test func aServerCertificateFromAnotherCAIsNotTrusted() async throws {
        let certificates = try await SharedPKI.certificates
        try await withAPIServer { server, _ in
            // The client retries the connection until its connect timeout (10 s), then reports the last error.
            let error = try await Self.listError(APIConnection(
                server: server.url, certificateAuthority: Self.pem(certificates.foreignCA.certificatePEM),
                clientCertificate: Self.pem(certificates.client.certificatePEM), clientKey: Self.pem(certificates.client.keyPEM)))
            #expect(error.contains("CERTIFICATE_VERIFY_FAILED"), "\(error)")
        }
    }

    @Test func aBearerTokenServerAcceptsTheTokenKubeconfig() async throws {
        let options = TestAPIServer.Options(authentication: .bearerToken("s3cret"))
        try await withAPIServer(options: options, credentials: .token("s3cret")) { server, client in
            try await server.create(Manifest.service("web"))
            let page = try await client.list(.services, selectors: ListSelectors())
            #expect(page.objects.compactMap { $0.key?.name } == ["web"])
        }
        try await withAPIServer(options: options, credentials: .token("wrong")) { _, client in
            let error = await #expect(throws: APIError.self) { try await client.list(.services, selectors: ListSelectors()) }
            #expect(error?.code == 401)
        }
    }

    @Test func anErrorAnswerBecomesAnAPIErrorWithItsStatus() async throws {
        try await withAPIServer { server, client in
            await server.failNextRequests(1)
            let error = await #expect(throws: APIError.self) {
                try await client.list(.services, selectors: ListSelectors.serviceObjects(serviceProxyName: nil))
            }
            #expect(error?.code == 500)
            #expect(error?.status?.reason == "InternalError")
            #expect(error?.status?.message == "injected failure")
            #expect(error?.description.contains("GET /api/v1/services?labelSelector=") == true)
        }
    }

    static func pem(_ text: String) -> APIConnection.PEM {
        APIConnection.PEM(bytes: Array(text.utf8), origin: "test")
    }

    /// How a list over `connection` fails (it must, within 30 s).
    static func listError(_ connection: APIConnection) async throws -> String {
        let client = try KubeClient(connection: connection)
        let result = await within(.seconds(30)) {
            await outcome { _ = try await client.list(.services, selectors: ListSelectors()) }
        }
        try await client.shutdown()
        switch result {
        case nil: throw TestFailure("the list neither failed nor succeeded within 30 s")
        case .success: throw TestFailure("the list succeeded")
        case .failure(let error): return String(describing: error)
        }
    }
}
