import Foundation
import NIOSSL
import ProxyCore

/// Where the API server is and how to authenticate to it, resolved from a kubeconfig, from
/// `--master`, or from the pod's service account (in-cluster), as kube-proxy resolves them.
public struct APIConnection: Sendable {
    /// PEM bytes and where they came from, so a bad certificate error can name its source.
    public struct PEM: Sendable {
        public let bytes: [UInt8]
        /// `kubeconfig /etc/kubernetes/kube-proxy.conf: users["kube-proxy"].client-certificate-data`, or for a
        /// file `kubeconfig /etc/kubernetes/kube-proxy.conf: users["kube-proxy"].client-certificate /etc/pki/proxy.crt`.
        public let origin: String
    }

    /// The server's base URL, without a trailing slash (`https://control-plane:6443`).
    public var server: String
    /// The CA that signs the server's certificate; nil trusts the system's CAs.
    public var certificateAuthority: PEM?
    public var clientCertificate: PEM?
    public var clientKey: PEM?
    /// A bearer token given inline.
    public var bearerToken: String?
    /// A file holding the bearer token, read again on every connection (service account tokens rotate).
    public var bearerTokenFile: String?
    public var insecureSkipTLSVerify: Bool
    /// The name the server's certificate must carry, when it differs from the URL's host.
    public var tlsServerName: String?

    public init(
        server: String, certificateAuthority: PEM? = nil, clientCertificate: PEM? = nil, clientKey: PEM? = nil,
        bearerToken: String? = nil, bearerTokenFile: String? = nil, insecureSkipTLSVerify: Bool = false,
        tlsServerName: String? = nil
    ) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.certificateAuthority = certificateAuthority
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.bearerToken = bearerToken
        self.bearerTokenFile = bearerTokenFile
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
    }

    /// Resolves the connection as kube-proxy does: with neither a kubeconfig nor a master, the
    /// in-cluster service account; otherwise the kubeconfig's current context, with `master`
    /// replacing its server.
    /// - Throws: ``InputError`` naming the file and field at fault.
    public static func resolve(kubeconfig: String?, master: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> APIConnection
    {
        let kubeconfig = kubeconfig.flatMap { $0.isEmpty ? nil : $0 }
        let master = master.flatMap { $0.isEmpty ? nil : $0 }
        guard let kubeconfig else {
            if let master { return APIConnection(server: master) }
            return try inCluster(environment: environment)
        }
        var connection = try APIConnection(Kubeconfig(contentsOf: kubeconfig))
        if let master { connection.server = master.hasSuffix("/") ? String(master.dropLast()) : master }
        return connection
    }

    /// The connection of a kubeconfig's context (the current one by default).
    /// - Throws: ``InputError`` naming the missing or unreadable part.
    public init(_ config: Kubeconfig, context name: String? = nil) throws {
        let origin = "kubeconfig \(config.path)"
        func fail(_ field: String, _ message: String) -> InputError {
            InputError(origin: origin, field: field, message: message)
        }
        guard let contextName = name ?? config.currentContext else {
            throw fail("current-context", "is not set, so there is no cluster to connect to")
        }
        guard let context = config.contexts[contextName] else {
            throw fail("current-context", "names context \"\(contextName)\", which is not in contexts")
        }
        guard let cluster = config.clusters[context.cluster] else {
            throw fail("contexts[\"\(contextName)\"].cluster", "names cluster \"\(context.cluster)\", which is not in clusters")
        }
        let user: Kubeconfig.User
        if let userName = context.user {
            guard let named = config.users[userName] else {
                throw fail("contexts[\"\(contextName)\"].user", "names user \"\(userName)\", which is not in users")
            }
            user = named
        } else {
            user = Kubeconfig.User()
        }
        guard let server = cluster.server, !server.isEmpty else {
            throw fail("clusters[\"\(context.cluster)\"].server", "is required")
        }
        let reader = PEMReader(config: config, origin: origin)
        let clusterField = "clusters[\"\(context.cluster)\"]"
        let userField = "users[\"\(context.user ?? "")\"]"
        self.init(
            server: server,
            certificateAuthority: try reader.read(
                data: cluster.certificateAuthorityData, file: cluster.certificateAuthority,
                field: "\(clusterField).certificate-authority"),
            clientCertificate: try reader.read(
                data: user.clientCertificateData, file: user.clientCertificate, field: "\(userField).client-certificate"),
            clientKey: try reader.read(data: user.clientKeyData, file: user.clientKey, field: "\(userField).client-key"),
            bearerToken: user.token,
            bearerTokenFile: user.tokenFile.map(config.resolve),
            insecureSkipTLSVerify: cluster.insecureSkipTLSVerify ?? false,
            tlsServerName: cluster.tlsServerName)
        if (clientCertificate == nil) != (clientKey == nil) {
            throw fail(userField, "client-certificate and client-key must be given together")
        }
    }

    /// The pod's service account, as client-go's InClusterConfig reads it.
    /// - Throws: ``InputError`` when not running in a pod.
    public static func inCluster(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        directory: String = "/var/run/secrets/kubernetes.io/serviceaccount"
    ) throws -> APIConnection {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], let port = environment["KUBERNETES_SERVICE_PORT"],
              !host.isEmpty, !port.isEmpty
        else {
            throw InputError(
                origin: "in-cluster configuration",
                message: "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set; give --kubeconfig or --master "
                    + "(or clientConnection.kubeconfig in --config)")
        }
        let tokenFile = directory + "/token"
        guard FileManager.default.isReadableFile(atPath: tokenFile) else {
            throw InputError(origin: "in-cluster configuration", message: "cannot read the service account token \(tokenFile)")
        }
        let ca = FileManager.default.contents(atPath: directory + "/ca.crt").map {
            PEM(bytes: Array($0), origin: "in-cluster configuration: \(directory)/ca.crt")
        }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return APIConnection(server: "https://\(hostPart):\(port)", certificateAuthority: ca, bearerTokenFile: tokenFile)
    }

    /// The `Authorization` header value, if a token is configured (a token file is read now).
    public func authorization() throws -> String? {
        if let bearerTokenFile {
            guard let data = FileManager.default.contents(atPath: bearerTokenFile),
                  let token = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines)
            else {
                throw InputError(origin: bearerTokenFile, message: "cannot read the bearer token file")
            }
            return "Bearer \(token)"
        }
        return bearerToken.map { "Bearer \($0)" }
    }

    /// The TLS settings: the server verified against the CA, the client certificate presented.
    /// - Throws: ``InputError`` naming the certificate or key that is not valid PEM.
    public func tlsConfiguration() throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let certificateAuthority {
            tls.trustRoots = .certificates(try Self.certificates(certificateAuthority))
        }
        if let clientCertificate, let clientKey {
            tls.certificateChain = try Self.certificates(clientCertificate).map { .certificate($0) }
            do {
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: clientKey.bytes, format: .pem))
            } catch {
                throw InputError(origin: clientKey.origin, message: "is not a PEM private key (\(error))")
            }
        }
        if insecureSkipTLSVerify { tls.certificateVerification = .none }
        return tls
    }

    private static func certificates(_ pem: PEM) throws -> [NIOSSLCertificate] {
        do {
            let certificates = try NIOSSLCertificate.fromPEMBytes(pem.bytes)
            guard !certificates.isEmpty else { throw InputError(message: "no certificate in it") }
            return certificates
        } catch {
            throw InputError(origin: pem.origin, message: "is not a PEM certificate (\(error))")
        }
    }
}

/// Reads a certificate or key given inline (base64 `*-data`) or as a file.
private struct PEMReader {
    let config: Kubeconfig
    let origin: String

    func read(data: String?, file: String?, field: String) throws -> APIConnection.PEM? {
        if let data, !data.isEmpty {
            guard let bytes = Data(base64Encoded: data, options: .ignoreUnknownCharacters) else {
                throw InputError(origin: origin, field: field + "-data", message: "is not valid base64")
            }
            return APIConnection.PEM(bytes: Array(bytes), origin: "\(origin): \(field)-data")
        }
        guard let file, !file.isEmpty else { return nil }
        let path = config.resolve(file)
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw InputError(origin: origin, field: field, message: "cannot read \(path)")
        }
        return APIConnection.PEM(bytes: Array(contents), origin: "\(origin): \(field) \(path)")
    }
}
