import Foundation
import Testing

/// `proxyd` as a daemon, run as a process: configuration errors, and a run from manifest files in
/// a network namespace with its health and metrics servers answering over real HTTP.
@Suite struct DaemonCommandTests {
    private static let hardWayConfig = """
        apiVersion: kubeproxy.config.k8s.io/v1alpha1
        kind: KubeProxyConfiguration
        clusterCIDR: 10.244.0.0/16

        """

    @Test(arguments: [
        ("iptables:\n  syncPeriod: soon\n", "iptables.syncPeriod"),
        ("mode: turbo\n", "mode"),
        ("clusterCIDR: 10.244.0.0/33\n", "clusterCIDR"),
        ("healthzBindAddress: 0.0.0.0:99999\n", "healthzBindAddress"),
        ("iptables:\n  masqueradeBit: 40\n", "iptables.masqueradeBit"),
    ])
    func invalidConfigurationFailsNamingTheField(extra: String, field: String) throws {
        let path = try ProxydProcess.temporaryFile(Self.hardWayConfig + extra)
        let result = try ProxydProcess.run(["--config", path, "--source", ProxydProcess.examples])
        #expect(result.status != 0)
        #expect(result.standardError.contains(path) && result.standardError.contains(field), "\(result.standardError)")
    }

    @Test func wrongKindIsRefused() throws {
        let path = try ProxydProcess.temporaryFile("apiVersion: v1\nkind: ConfigMap\n")
        let result = try ProxydProcess.run(["--config", path])
        #expect(result.status != 0)
        #expect(result.standardError.contains("KubeProxyConfiguration"), "\(result.standardError)")
    }

    @Test func aModeFromTheFileThatCannotProgramIsRefused() throws {
        let path = try ProxydProcess.temporaryFile(Self.hardWayConfig + "mode: ipvs\n")
        let result = try ProxydProcess.run(["--config", path, "--source", ProxydProcess.examples])
        #expect(result.status != 0)
        #expect(result.standardError.contains("mode ipvs"), "\(result.standardError)")
    }

    @Test func aMissingKubeconfigIsNamed() throws {
        let path = try ProxydProcess.temporaryFile(
            Self.hardWayConfig + "clientConnection:\n  kubeconfig: /nonexistent/kube-proxy.conf\n")
        let result = try ProxydProcess.run(["--config", path, "--iptables-variant", "nft"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("/nonexistent/kube-proxy.conf"), "\(result.standardError)")
    }

    /// The hard-way config file, flags over it, a manifest source: the daemon programs the
    /// namespace, answers /healthz, /livez, /metrics and /proxyMode, and on SIGTERM exits and
    /// leaves the rules.
    @Test func runsFromManifestFilesAndServesHealthAndMetrics() async throws {
        let namespace = "pxdc\(UInt32.random(in: 0..<UInt32.max) % 100_000)"
        try Self.shell(["ip", "netns", "add", namespace])
        defer { _ = try? Self.shell(["ip", "netns", "del", namespace]) }
        try Self.shell(["ip", "-n", namespace, "link", "set", "lo", "up"])
        let config = try ProxydProcess.temporaryFile(Self.hardWayConfig + """
            mode: nftables
            healthzBindAddress: 127.0.0.1:10256
            madeUpField: 1

            """)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
        process.arguments = ["netns", "exec", namespace, ProxydProcess.executable.path, "--config", config,
                             "--proxy-mode", "iptables", "--source", ProxydProcess.examples + "/podinfo.yaml",
                             "--hostname-override", "node-1", "--iptables-variant", "nft", "--v", "2"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let deadline = ContinuousClock.now + .seconds(20)
        var programmed = false
        while ContinuousClock.now < deadline, !programmed {
            try await Task.sleep(for: .milliseconds(200))
            programmed = try Self.shell(["ip", "netns", "exec", namespace, "iptables-nft-save", "-t", "nat"]).contains("KUBE-SVC-")
        }
        #expect(programmed, "the service's rules appear")
        let healthz = try Self.get(namespace, "http://127.0.0.1:10256/healthz")
        #expect(healthz.code == 200 && healthz.body.contains("\"healthy\":true"), "\(healthz)")
        #expect(try Self.get(namespace, "http://127.0.0.1:10256/livez").code == 200)
        #expect(try Self.get(namespace, "http://127.0.0.1:10249/proxyMode").body == "iptables")
        let metrics = try Self.get(namespace, "http://127.0.0.1:10249/metrics").body
        for name in ["kubeproxy_sync_proxy_rules_duration_seconds", "kubeproxy_sync_proxy_rules_last_timestamp_seconds",
                     "kubeproxy_sync_proxy_rules_service_changes_total", "kubeproxy_proxy_healthz_total"] {
            #expect(metrics.contains(name), "\(name) in /metrics")
        }
        let configz = try Self.get(namespace, "http://127.0.0.1:10249/configz").body
        let effective = try JSONSerialization.jsonObject(with: Data(configz.utf8)) as? [String: Any]
        let fields = effective?["kubeproxy.config.k8s.io"] as? [String: Any]
        #expect(fields?["clusterCIDR"] as? String == "10.244.0.0/16", "\(configz)")
        #expect(fields?["mode"] as? String == "iptables", "the flag overrides the file's mode")

        process.terminate()
        process.waitUntilExit()
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(log)")
        #expect(log.contains("madeUpField"), "the unknown field is warned about")
        #expect(log.contains("synced") && log.contains("mode=iptables"), "\(log)")
        #expect(try Self.shell(["ip", "netns", "exec", namespace, "iptables-nft-save", "-t", "nat"]).contains("KUBE-SVC-"),
                "SIGTERM leaves the rules in place")
    }

    @discardableResult
    private static func shell(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// An HTTP GET from inside the namespace: the status code and the body.
    private static func get(_ namespace: String, _ url: String) throws -> (code: Int, body: String) {
        let text = try shell(["ip", "netns", "exec", namespace, "curl", "-s", "-m", "2", "-w", "\n%{http_code}", url])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }
}
