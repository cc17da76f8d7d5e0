import Foundation

/// A throwaway PKI made with the `openssl` command in a temporary directory, as for a hand-built cluster:
/// a CA, a server certificate for `127.0.0.1`, `::1` and `localhost`, and a client certificate for
/// `system:kube-proxy`, all signed by the CA; plus a foreign CA and a client certificate it signed, which
/// the server must refuse. The directory is removed when the value is released.
public final class TestCertificates: Sendable {
    /// A certificate and its private key, as PEM files and as PEM text.
    public struct Credential: Sendable {
        public let certificatePath: String
        public let keyPath: String
        public let certificatePEM: String
        public let keyPEM: String
    }

    /// How a kubeconfig written by `kubeconfig(server:credentials:)` authenticates the user.
    public enum KubeconfigCredentials: Sendable {
        /// `certificate-authority-data`, `client-certificate-data` and `client-key-data` (base64 PEM).
        case embedded
        /// `certificate-authority`, `client-certificate` and `client-key` (paths of the PEM files).
        case files
        /// `certificate-authority-data` and `token`.
        case token(String)
    }

    /// The directory holding every file.
    public let directory: String
    /// The cluster CA (`CN=kubernetes-ca`).
    public let ca: Credential
    /// The API server's certificate: `CN=kube-apiserver`, SAN `IP:127.0.0.1, IP:::1, DNS:localhost`.
    public let server: Credential
    /// The client certificate the CA signed for `CN=system:kube-proxy`.
    public let client: Credential
    /// An unrelated CA (`CN=foreign-ca`).
    public let foreignCA: Credential
    /// A client certificate for `CN=system:kube-proxy` signed by the foreign CA.
    public let foreignClient: Credential

    /// Generates every key and certificate with `openssl` (RSA 2048, valid for a day).
    public init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("test-pki-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        ca = try Self.makeCA(named: "ca", commonName: "kubernetes-ca", in: directory)
        server = try Self.makeCertificate(
            named: "server", subject: "/CN=kube-apiserver", signer: ca, in: directory,
            extensions: "subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
        client = try Self.makeCertificate(
            named: "client", subject: "/CN=system:kube-proxy", signer: ca, in: directory,
            extensions: "extendedKeyUsage=clientAuth\n")
        foreignCA = try Self.makeCA(named: "foreign-ca", commonName: "foreign-ca", in: directory)
        foreignClient = try Self.makeCertificate(
            named: "foreign-client", subject: "/CN=system:kube-proxy", signer: foreignCA, in: directory,
            extensions: "extendedKeyUsage=clientAuth\n")
    }

    /// `init()` on a thread of its own, so that waiting for `openssl` does not hold up other tasks.
    public static func generate() async throws -> TestCertificates {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try TestCertificates() }) }
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A kubeconfig (clusters, users, contexts, current-context) for the API server at `server`,
    /// e.g. `https://127.0.0.1:6443`, authenticating with the client certificate or a token.
    public func kubeconfig(server: String, credentials: KubeconfigCredentials = .embedded) -> String {
        func base64(_ pem: String) -> String { Data(pem.utf8).base64EncodedString() }
        let cluster: String
        let user: String
        switch credentials {
        case .embedded:
            cluster = "certificate-authority-data: \(base64(ca.certificatePEM))"
            user = """
                client-certificate-data: \(base64(client.certificatePEM))
                    client-key-data: \(base64(client.keyPEM))
                """
        case .files:
            cluster = "certificate-authority: \(ca.certificatePath)"
            user = """
                client-certificate: \(client.certificatePath)
                    client-key: \(client.keyPath)
                """
        case .token(let token):
            cluster = "certificate-authority-data: \(base64(ca.certificatePEM))"
            user = "token: \(token)"
        }
        return """
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: \(server)
                \(cluster)
            users:
            - name: system:kube-proxy
              user:
                \(user)
            contexts:
            - name: test
              context:
                cluster: test
                user: system:kube-proxy
            current-context: test

            """
    }

    /// Writes `kubeconfig(server:credentials:)` to `fileName` in `directory` and returns its path.
    @discardableResult
    public func writeKubeconfig(
        server: String, credentials: KubeconfigCredentials = .embedded, fileName: String = "kubeconfig"
    ) throws -> String {
        let path = (directory as NSString).appendingPathComponent(fileName)
        try kubeconfig(server: server, credentials: credentials).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private static func makeCA(named name: String, commonName: String, in directory: String) throws -> Credential {
        let (certificate, key) = (path(name, "crt", in: directory), path(name, "key", in: directory))
        try openssl("genrsa", "-out", key, "2048")
        try openssl(
            "req", "-x509", "-new", "-key", key, "-subj", "/CN=\(commonName)", "-days", "1", "-out", certificate,
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
        return try load(certificate: certificate, key: key)
    }

    private static func makeCertificate(
        named name: String, subject: String, signer: Credential, in directory: String, extensions: String
    ) throws -> Credential {
        let (certificate, key) = (path(name, "crt", in: directory), path(name, "key", in: directory))
        let (request, extensionFile) = (path(name, "csr", in: directory), path(name, "ext", in: directory))
        try extensions.write(toFile: extensionFile, atomically: true, encoding: .utf8)
        try openssl("genrsa", "-out", key, "2048")
        try openssl("req", "-new", "-key", key, "-subj", subject, "-out", request)
        try openssl(
            "x509", "-req", "-in", request, "-CA", signer.certificatePath, "-CAkey", signer.keyPath,
            "-set_serial", "0x\(UUID().uuidString.prefix(8))", "-days", "1", "-extfile", extensionFile, "-out", certificate)
        return try load(certificate: certificate, key: key)
    }

    private static func path(_ name: String, _ suffix: String, in directory: String) -> String {
        (directory as NSString).appendingPathComponent("\(name).\(suffix)")
    }

    private static func load(certificate: String, key: String) throws -> Credential {
        Credential(
            certificatePath: certificate, keyPath: key,
            certificatePEM: try String(contentsOfFile: certificate, encoding: .utf8),
            keyPEM: try String(contentsOfFile: key, encoding: .utf8))
    }

    /// Runs `openssl` with `arguments`, throwing its standard error if it fails.
    private static func openssl(_ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl"] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw OpenSSLError(arguments: arguments, message: String(decoding: message, as: UTF8.self))
        }
    }
}

/// An `openssl` command failed.
public struct OpenSSLError: Error, CustomStringConvertible {
    public let arguments: [String]
    public let message: String

    public var description: String {
        "openssl \(arguments.joined(separator: " ")) failed: \(message)"
    }
}
