import Foundation
import ProxyCore
import Testing
import TestAPIServer
@testable import KubeAPI

/// Every invalid kubeconfig gives an ``InputError`` whose description names the file and the field at fault.
@Suite struct KubeconfigErrorTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    /// Writes `text` as a kubeconfig and resolves it; returns the error and the file's path.
    private func resolveError(_ text: KubeconfigText) throws -> (error: InputError?, path: String) {
        let path = try directory.write(text.yaml, to: "kubeconfig")
        let error = #expect(throws: InputError.self) { try APIConnection.resolve(kubeconfig: path, master: nil) }
        return (error, path)
    }

    /// Expects that `error` names the kubeconfig file and every one of `parts`.
    private func expect(_ error: InputError?, names path: String, _ parts: String..., sourceLocation: SourceLocation = #_sourceLocation) {
        let description = error?.description ?? "no error"
        #expect(description.contains(path), "\(description)", sourceLocation: sourceLocation)
        for part in parts {
            #expect(description.contains(part), "\(description) should name \(part)", sourceLocation: sourceLocation)
        }
    }

    @Test func unreadableFile() {
        let path = directory.path + "/missing/kubeconfig"
        let error = #expect(throws: InputError.self) { try APIConnection.resolve(kubeconfig: path, master: nil) }
        expect(error, names: path, "cannot read")
    }

    @Test func notYAML() throws {
        let path = try directory.write("clusters: [unclosed\n  - {\n", to: "kubeconfig")
        let error = #expect(throws: InputError.self) { try Kubeconfig(contentsOf: path) }
        expect(error, names: path, "YAML")
    }

    @Test func aFieldOfTheWrongType() throws {
        let path = try directory.write("clusters: not-a-list\n", to: "kubeconfig")
        let error = #expect(throws: InputError.self) { try Kubeconfig(contentsOf: path) }
        expect(error, names: path, "clusters")
    }

    @Test func missingCurrentContext() throws {
        var text = KubeconfigText()
        text.currentContext = nil
        let (error, path) = try resolveError(text)
        expect(error, names: path, "current-context")
    }

    @Test func currentContextNamingAnUnknownContext() throws {
        var text = KubeconfigText()
        text.currentContext = "elsewhere"
        let (error, path) = try resolveError(text)
        expect(error, names: path, "current-context", "\"elsewhere\"")
    }

    @Test func contextNamingAnUnknownCluster() throws {
        var text = KubeconfigText()
        text.contextCluster = "nowhere"
        let (error, path) = try resolveError(text)
        expect(error, names: path, #"contexts["ctx"].cluster"#, "\"nowhere\"")
    }

    @Test func contextNamingAnUnknownUser() throws {
        var text = KubeconfigText()
        text.contextUser = "nobody"
        let (error, path) = try resolveError(text)
        expect(error, names: path, #"contexts["ctx"].user"#, "\"nobody\"")
    }

    @Test func clusterWithoutServer() throws {
        var text = KubeconfigText()
        text.cluster = ["insecure-skip-tls-verify: true"]
        let (error, path) = try resolveError(text)
        expect(error, names: path, #"clusters["c"].server"#)
    }

    @Test func unreadableCertificateFile() throws {
        var text = KubeconfigText()
        text.cluster.append("certificate-authority: pki/missing-ca.crt")
        let (error, path) = try resolveError(text)
        expect(error, names: path, #"clusters["c"].certificate-authority"#, "\(directory.path)/pki/missing-ca.crt")
    }

    @Test func invalidBase64() throws {
        var text = KubeconfigText()
        text.user = ["client-certificate-data: '%%% not base64 %%%'", "client-key-data: bm90IGEga2V5"]
        let (error, path) = try resolveError(text)
        expect(error, names: path, #"users["u"].client-certificate-data"#, "base64")
    }

    @Test func certificateDataThatIsNotPEM() throws {
        var text = KubeconfigText()
        text.cluster.append("certificate-authority-data: \(Data("not a certificate".utf8).base64EncodedString())")
        let path = try directory.write(text.yaml, to: "kubeconfig")
        let connection = try APIConnection.resolve(kubeconfig: path, master: nil)
        let error = #expect(throws: InputError.self) { try connection.tlsConfiguration() }
        expect(error, names: path, #"clusters["c"].certificate-authority-data"#, "PEM")
    }

    @Test func certificateFileThatIsNotPEM() throws {
        try directory.write("not a certificate\n", to: "ca.crt")
        var text = KubeconfigText()
        text.cluster.append("certificate-authority: ca.crt")
        let path = try directory.write(text.yaml, to: "kubeconfig")
        let connection = try APIConnection.resolve(kubeconfig: path, master: nil)
        let error = #expect(throws: InputError.self) { try connection.tlsConfiguration() }
        expect(error, names: path, #"clusters["c"].certificate-authority"#, "\(directory.path)/ca.crt", "PEM")
    }

    @Test func keyDataThatIsNotPEM() async throws {
        let certificates = try await SharedPKI.certificates
        var text = KubeconfigText()
        text.user = [
            "client-certificate-data: \(Data(certificates.client.certificatePEM.utf8).base64EncodedString())",
            "client-key-data: \(Data("not a key".utf8).base64EncodedString())",
        ]
        let path = try directory.write(text.yaml, to: "kubeconfig")
        let connection = try APIConnection.resolve(kubeconfig: path, master: nil)
        let error = #expect(throws: InputError.self) { try connection.tlsConfiguration() }
        expect(error, names: path, #"users["u"].client-key-data"#, "PEM")
    }

    @Test func clientCertificateWithoutClientKey() async throws {
        let certificates = try await SharedPKI.certificates
        var text = KubeconfigText()
        text.user = ["client-certificate-data: \(Data(certificates.client.certificatePEM.utf8).base64EncodedString())"]
        let (error, path) = try resolveError(text)
        expect(error, names: path, #"users["u"]"#, "client-key")
    }

    @Test func unreadableTokenFile() throws {
        var text = KubeconfigText()
        text.user = ["tokenFile: missing-token"]
        let path = try directory.write(text.yaml, to: "kubeconfig")
        let connection = try APIConnection.resolve(kubeconfig: path, master: nil)
        let error = #expect(throws: InputError.self) { try connection.authorization() }
        #expect(error?.description.contains("\(directory.path)/missing-token") == true, "\(String(describing: error))")
    }

    @Test func noKubeconfigNoMasterAndNotInCluster() {
        let error = #expect(throws: InputError.self) {
            try APIConnection.resolve(kubeconfig: nil, master: nil, environment: ["HOME": "/root"])
        }
        let description = error?.description ?? ""
        #expect(description.contains("KUBERNETES_SERVICE_HOST"), "\(description)")
        #expect(description.contains("--kubeconfig") && description.contains("--master"), "\(description)")
    }

    @Test func inClusterWithoutTheServiceAccountToken() {
        let error = #expect(throws: InputError.self) {
            try APIConnection.inCluster(
                environment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"],
                directory: directory.path)
        }
        #expect(error?.description.contains("\(directory.path)/token") == true, "\(String(describing: error))")
    }
}
