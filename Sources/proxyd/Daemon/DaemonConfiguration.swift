import ArgumentParser
import Foundation
import ProxyCore

/// The daemon's settings: the `--config` file (or kube-proxy's defaults), with every flag that
/// was given written over it, validated as a whole.
struct DaemonConfiguration {
    var config: KubeProxyConfiguration
    /// Unknown fields of the file, one line each (logged, not fatal, as in kube-proxy).
    let warnings: [String]

    /// - Throws: ``InputError`` naming the file (or "command line") and the field at fault.
    init(daemon: DaemonOptions, cluster: ClusterSourceOptions, mode: ModeOptions) throws {
        var config = KubeProxyConfiguration()
        var warnings: [String] = []
        if let path = daemon.configFile {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw InputError(origin: path, message: "cannot read the configuration file")
            }
            (config, warnings) = try KubeProxyConfiguration.load(yaml: text, origin: path)
        }
        if let given = mode.given { config.mode = given.rawValue }
        if let kubeconfig = daemon.kubeconfig { config.clientConnection.kubeconfig = kubeconfig }
        if let address = daemon.healthzBindAddress { config.healthzBindAddress = address }
        if let address = daemon.metricsBindAddress { config.metricsBindAddress = address }
        if let verbosity = daemon.verbosity { config.logging.verbosity = verbosity }
        cluster.override(&config)
        try config.validate(origin: daemon.configFile.map { "\($0) (with command-line flags)" } ?? "command line")
        self.config = config
        self.warnings = warnings
    }

    /// `hostnameOverride`, or the host name in lower case, as kube-proxy defaults it.
    var nodeName: String {
        config.hostnameOverride.isEmpty ? ProcessInfo.processInfo.hostName.lowercased() : config.hostnameOverride
    }
}
