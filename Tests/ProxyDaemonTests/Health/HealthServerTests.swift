import Foundation
import Logging
import ProxyCore
import ProxyDaemon
import Testing

@Suite struct HealthServerTests {
    let clock = SteppedClock()
    let logger = Logger(label: "test.health")

    @Test func healthzAndLivezFollowTheProxyHealthAndTheNode() async throws {
        let clock = clock
        let health = ProxyHealth(timeout: .seconds(60), nodePolicy: .requireNode, now: { clock.now })
        health.setNode(try NodeInfo(Node(metadata: ObjectMeta(name: "node-a"))))
        health.updated(.ipv4)
        let metrics = ProxyMetrics(mode: .iptables, families: [.ipv4])
        try await Probe.withRunningServer({ onRunning in
            HealthServer(address: ListenAddress("127.0.0.1:0")!, health: health, metrics: metrics, logger: logger, onRunning: onRunning)
        }) { port in
            let base = "http://127.0.0.1:\(port)"
            let healthy = try #require(try await Probe.get("\(base)/healthz"))
            #expect(healthy.status == 200)
            #expect(healthy.headers["content-type"] == "application/json")
            #expect(healthy.headers["x-content-type-options"] == "nosniff")
            let body = try Probe.json(healthy.body)
            #expect(Set(body.keys) == ["lastUpdated", "currentTime", "nodeEligible", "healthy", "status"])
            #expect(try await Probe.get("\(base)/livez")?.status == 200)

            // A queued update stays pending past the timeout: both fail.
            health.queuedUpdate(.ipv4)
            clock.advance(by: 61)
            #expect(try await Probe.get("\(base)/healthz")?.status == 503)
            let late = try #require(try await Probe.get("\(base)/livez"))
            #expect(late.status == 503)
            #expect(try Probe.json(late.body)["healthy"] as? Bool == false)

            // Synced again, but the node is being deleted: only /healthz fails.
            health.updated(.ipv4)
            health.setNode(try NodeInfo(Node(metadata: ObjectMeta(name: "node-a", deletionTimestamp: "2026-11-29T07:00:00Z"))))
            let draining = try #require(try await Probe.get("\(base)/healthz"))
            #expect(draining.status == 503)
            #expect(try Probe.json(draining.body)["nodeEligible"] as? Bool == false)
            #expect(try await Probe.get("\(base)/livez")?.status == 200)
        }
        let exposition = metrics.exposition()
        #expect(exposition.contains(#"kubeproxy_proxy_healthz_total{code="200"} 1"#))
        #expect(exposition.contains(#"kubeproxy_proxy_healthz_total{code="503"} 2"#))
        #expect(exposition.contains(#"kubeproxy_proxy_livez_total{code="200"} 2"#))
        #expect(exposition.contains(#"kubeproxy_proxy_livez_total{code="503"} 1"#))
    }

    @Test func metricsServerServesMetricsHealthzProxyModeAndConfigz() async throws {
        let metrics = ProxyMetrics(mode: .nftables, families: [.ipv4])
        metrics.recordSync(family: .ipv4, full: true, duration: .milliseconds(3), at: Date(timeIntervalSince1970: 1_800_000_000))
        metrics.recordHealthz(code: 200)
        try await Probe.withRunningServer({ onRunning in
            MetricsServer(address: ListenAddress("127.0.0.1:0")!, metrics: metrics, configJSON: #"{"mode":"nftables"}"#,
                          logger: logger, onRunning: onRunning)
        }) { port in
            let base = "http://127.0.0.1:\(port)"
            let exposition = try #require(try await Probe.get("\(base)/metrics"))
            #expect(exposition.status == 200)
            #expect(exposition.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(exposition.body.contains(#"kubeproxy_sync_proxy_rules_last_timestamp_seconds{ip_family="IPv4"} 1800000000"#))
            #expect(exposition.body.contains(#"kubeproxy_sync_full_proxy_rules_duration_seconds_count{ip_family="IPv4"} 1"#))
            #expect(exposition.body.contains(#"kubeproxy_proxy_healthz_total{code="200"} 1"#))

            let healthz = try #require(try await Probe.get("\(base)/healthz"))
            #expect(healthz.status == 200)
            #expect(healthz.body == "ok")
            let mode = try #require(try await Probe.get("\(base)/proxyMode"))
            #expect(mode.body == "nftables")
            #expect(mode.headers["content-type"] == "text/plain; charset=utf-8")
            let configz = try #require(try await Probe.get("\(base)/configz"))
            #expect(configz.headers["content-type"] == "application/json")
            let config = try Probe.json(configz.body)["kubeproxy.config.k8s.io"] as? [String: String]
            #expect(config == ["mode": "nftables"])
            #expect(try await Probe.get("\(base)/nothing")?.status == 404)
        }
    }

    @Test func aServerThatCannotBindFailsToRun() async throws {
        let metrics = ProxyMetrics(mode: .iptables, families: [.ipv4])
        let health = ProxyHealth(timeout: .seconds(60))
        try await Probe.withRunningServer({ onRunning in
            HealthServer(address: ListenAddress("127.0.0.1:0")!, health: health, metrics: metrics, logger: logger, onRunning: onRunning)
        }) { port in
            let second = HealthServer(address: ListenAddress(host: .loopback(.ipv4), port: port), health: health,
                                      metrics: metrics, logger: logger)
            await #expect(throws: (any Error).self) { try await second.run() }
        }
    }
}
