import Foundation
import ProxyCore
import Testing
import TestAPIServer
@testable import KubeAPI

/// Kubeconfigs and in-cluster settings that are valid resolve to the connection they describe.
@Suite struct KubeconfigTests {
    @Test func embeddedCredentialsAreDecoded() async throws {
        let certificates = try await SharedPKI.certificates
        let directory = try TemporaryDirectory()
        let path = try directory.write(certificates.kubeconfig(server: "https://127.0.0.1:6443/"), to: "kubeconfig")

        let connection = try APIConnection.resolve(kubeconfig: path, master: nil)

        #expect(connection.server == "https://127.0.0.1:6443")
        #expect(connection.certificateAuthority?.bytes == Array(certificates.ca.certificatePEM.utf8))
        #expect(connection.clientCertificate?.bytes == Array(certificates.client.certificatePEM.utf8))
        #expect(connection.clientKey?.bytes == Array(certificates.client.keyPEM.utf8))
        #expect(connection.clientCertificate?.origin == #"kubeconfig \#(path): users["system:kube-proxy"].client-certificate-data"#)
        #expect(try connection.authorization() == nil)
        #expect(!connection.insecureSkipTLSVerify)
        _ = try connection.tlsConfiguration()
    }

    @Test func relativeFilePathsAreResolvedAgainstTheKubeconfigFolder() async throws {
        let certificates = try await SharedPKI.certificates
        let directory = try TemporaryDirectory()
        let ca = try directory.write(certificates.ca.certificatePEM, to: "pki/ca.crt")
        let certificate = try directory.write(certificates.client.certificatePEM, to: "pki/client.crt")
        try directory.write(certificates.client.keyPEM, to: "pki/client.key")
        try directory.write("s3cret-from-file\n", to: "conf/token")
        var text = KubeconfigText()
        text.cluster += ["certificate-authority: pki/ca.crt", "tls-server-name: kubernetes", "insecure-skip-tls-verify: false"]
        // The key by absolute path: both forms in one file.
        text.user = [
            "client-certificate: pki/client.crt", "client-key: \(directory.path)/pki/client.key", "tokenFile: conf/token",
        ]
        let path = try directory.write(text.yaml, to: "kubeconfig")

        let connection = try APIConnection(Kubeconfig(contentsOf: path))

        #expect(connection.certificateAuthority?.bytes == Array(certificates.ca.certificatePEM.utf8))
        #expect(connection.certificateAuthority?.origin.contains(ca) == true)
        #expect(connection.clientCertificate?.bytes == Array(certificates.client.certificatePEM.utf8))
        #expect(connection.clientCertificate?.origin.contains(certificate) == true)
        #expect(connection.clientKey?.bytes == Array(certificates.client.keyPEM.utf8))
        #expect(connection.bearerTokenFile == "\(directory.path)/conf/token")
        #expect(try connection.authorization() == "Bearer s3cret-from-file")
        #expect(connection.tlsServerName == "kubernetes")
        _ = try connection.tlsConfiguration()
    }

    @Test func inlineBearerToken() async throws {
        let certificates = try await SharedPKI.certificates
        let config = try Kubeconfig(
            yaml: certificates.kubeconfig(server: "https://10.0.0.1:6443", credentials: .token("abc.def")), path: "/etc/kc")

        let connection = try APIConnection(config)

        #expect(try connection.authorization() == "Bearer abc.def")
        #expect(connection.clientCertificate == nil && connection.clientKey == nil)
        #expect(connection.certificateAuthority != nil)
    }

    @Test func theCurrentContextChoosesClusterAndUser() throws {
        let yaml = """
            clusters:
            - name: one
              cluster: {server: "https://one:6443"}
            - name: two
              cluster: {server: "https://two:6443", insecure-skip-tls-verify: true}
            users:
            - name: alice
              user: {token: alice-token}
            - name: bob
              user: {token: bob-token}
            contexts:
            - name: first
              context: {cluster: one, user: alice}
            - name: second
              context: {cluster: two, user: bob}
            current-context: second
            """
        let config = try Kubeconfig(yaml: yaml, path: "/etc/kubeconfig")
        #expect(config.currentContext == "second")

        let current = try APIConnection(config)
        #expect(current.server == "https://two:6443")
        #expect(try current.authorization() == "Bearer bob-token")
        #expect(current.insecureSkipTLSVerify)

        let named = try APIConnection(config, context: "first")
        #expect(named.server == "https://one:6443")
        #expect(try named.authorization() == "Bearer alice-token")
    }

    @Test func aContextWithoutUserConnectsAnonymously() throws {
        var text = KubeconfigText()
        text.contextUser = nil
        let connection = try APIConnection(Kubeconfig(yaml: text.yaml, path: "/kc"))
        #expect(try connection.authorization() == nil)
    }

    @Test func masterReplacesTheKubeconfigServer() async throws {
        let certificates = try await SharedPKI.certificates
        let directory = try TemporaryDirectory()
        let path = try directory.write(certificates.kubeconfig(server: "https://127.0.0.1:6443"), to: "kubeconfig")

        let connection = try APIConnection.resolve(kubeconfig: path, master: "https://10.0.0.1:443/")

        #expect(connection.server == "https://10.0.0.1:443")
        #expect(connection.clientCertificate?.bytes == Array(certificates.client.certificatePEM.utf8))
    }

    @Test func masterAloneConnectsWithoutCredentials() throws {
        let connection = try APIConnection.resolve(kubeconfig: "", master: "http://127.0.0.1:8080", environment: [:])
        #expect(connection.server == "http://127.0.0.1:8080")
        #expect(connection.certificateAuthority == nil && connection.clientCertificate == nil)
        #expect(try connection.authorization() == nil)
    }

    @Test func inClusterUsesTheServiceAccount() async throws {
        let certificates = try await SharedPKI.certificates
        let directory = try TemporaryDirectory()
        try directory.write("service-account-token\n", to: "token")
        try directory.write(certificates.ca.certificatePEM, to: "ca.crt")

        let connection = try APIConnection.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"], directory: directory.path)

        #expect(connection.server == "https://10.96.0.1:443")
        #expect(connection.bearerTokenFile == "\(directory.path)/token")
        #expect(try connection.authorization() == "Bearer service-account-token")
        #expect(connection.certificateAuthority?.bytes == Array(certificates.ca.certificatePEM.utf8))
        _ = try connection.tlsConfiguration()

        let ipv6 = try APIConnection.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "6443"], directory: directory.path)
        #expect(ipv6.server == "https://[fd00::1]:6443")
    }
}
