import Foundation
import ProxyCore
import Yams

/// A kubeconfig file (`clusters`, `users`, `contexts`, `current-context`), as kubectl and
/// kube-proxy read it.
///
/// Only what a client needs to connect is modelled; other fields are ignored. Relative file
/// paths inside the file are relative to the file's own folder, as client-go resolves them.
public struct Kubeconfig: Sendable {
    /// A named cluster: where the API server is and how to trust it.
    public struct Cluster: Codable, Sendable {
        public var server: String?
        public var certificateAuthority: String?
        public var certificateAuthorityData: String?
        public var insecureSkipTLSVerify: Bool?
        public var tlsServerName: String?

        enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
            case tlsServerName = "tls-server-name"
        }
    }

    /// A named user: the client's credentials.
    public struct User: Codable, Sendable {
        public var clientCertificate: String?
        public var clientCertificateData: String?
        public var clientKey: String?
        public var clientKeyData: String?
        public var token: String?
        public var tokenFile: String?

        enum CodingKeys: String, CodingKey {
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
            case token
            case tokenFile
        }
    }

    /// A named context: a cluster and a user.
    public struct Context: Codable, Sendable {
        public var cluster: String
        public var user: String?
    }


    /// The file the configuration was read from (for messages and relative paths).
    public let path: String
    public let clusters: [String: Cluster]
    public let users: [String: User]
    public let contexts: [String: Context]
    public let currentContext: String?

    /// Reads and parses a kubeconfig file.
    /// - Throws: ``InputError`` naming the file and the field at fault.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw InputError(origin: path, message: "cannot read the kubeconfig file")
        }
        try self.init(yaml: text, path: path)
    }

    /// Parses kubeconfig text; `path` names it in errors and anchors relative file paths.
    /// - Throws: ``InputError`` naming the field at fault.
    public init(yaml text: String, path: String) throws {
        let file: KubeconfigFile
        do {
            file = try YAMLDecoder().decode(KubeconfigFile.self, from: text)
        } catch let error as DecodingError {
            throw ManifestDecoder.describe(error, kind: "kubeconfig", identity: (nil, nil), label: "file").from(path)
        } catch {
            throw InputError(origin: path, message: "not valid YAML: \(error)")
        }
        self.path = path
        self.clusters = Dictionary(file.clusters?.map { ($0.name, $0.cluster) } ?? [], uniquingKeysWith: { first, _ in first })
        self.users = Dictionary(file.users?.map { ($0.name, $0.user) } ?? [], uniquingKeysWith: { first, _ in first })
        self.contexts = Dictionary(file.contexts?.map { ($0.name, $0.context) } ?? [], uniquingKeysWith: { first, _ in first })
        self.currentContext = file.currentContext.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A path from the file, made absolute against the file's folder.
    func resolve(_ file: String) -> String {
        guard !file.hasPrefix("/") else { return file }
        return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(file).path
    }
}

/// The file's layout, as decoded.
private struct KubeconfigFile: Decodable {
    struct NamedCluster: Decodable { var name: String; var cluster: Kubeconfig.Cluster }
    struct NamedUser: Decodable { var name: String; var user: Kubeconfig.User }
    struct NamedContext: Decodable { var name: String; var context: Kubeconfig.Context }

    var clusters: [NamedCluster]?
    var users: [NamedUser]?
    var contexts: [NamedContext]?
    var currentContext: String?

    enum CodingKeys: String, CodingKey {
        case clusters, users, contexts
        case currentContext = "current-context"
    }
}
