import Foundation
import ProxyCore
import Testing
@testable import ProxyDaemon

@Suite struct ProxyMetricsTests {
    /// Records one of everything the sync loop reports.
    func exerciseEverything(_ metrics: ProxyMetrics) {
        metrics.recordQueued(family: .ipv4, at: Date(timeIntervalSince1970: 1_800_000_000))
        metrics.recordSync(family: .ipv4, full: false, duration: .milliseconds(20), at: Date(timeIntervalSince1970: 1_800_000_001))
        metrics.recordNetworkProgramming(family: .ipv4, latency: .milliseconds(1500))
        metrics.recordChanges(services: 2, endpoints: 3)
        metrics.setPendingChanges(services: 1, endpoints: 0)
        metrics.recordSyncFailure(family: .ipv4, partial: true)
        metrics.setNoLocalEndpoints(family: .ipv4, internal: 1, external: 2)
        metrics.recordConntrackCleanup(family: .ipv4, deleted: 4, duration: .milliseconds(2))
        metrics.recordHealthz(code: 200)
        metrics.recordLivez(code: 503)
    }

    @Test func everyUpstreamMetricIsExposedInTheModesThatHaveIt() {
        let iptables = ProxyMetrics(mode: .iptables, families: [.ipv4, .ipv6])
        exerciseEverything(iptables)
        iptables.setIptablesRules(family: .ipv4, table: "nat", total: 40, lastSync: 7)
        let nftables = ProxyMetrics(mode: .nftables, families: [.ipv4])
        exerciseEverything(nftables)
        nftables.recordNftablesCleanupFailure(family: .ipv4)
        let combined = iptables.exposition() + nftables.exposition()
        for metric in KubeProxyMetric.allCases {
            #expect(combined.contains("# TYPE \(metric.name) "), "\(metric.name) missing")
        }
        let text = iptables.exposition()
        #expect(text.contains(#"kubeproxy_sync_proxy_rules_iptables_total{ip_family="IPv4",table="nat"} 40"#))
        #expect(text.contains(#"kubeproxy_sync_proxy_rules_iptables_last{ip_family="IPv6",table="filter"} 0"#))
        #expect(text.contains(#"kubeproxy_sync_proxy_rules_iptables_partial_restore_failures_total{ip_family="IPv4"} 1"#))
        #expect(text.contains(#"kubeproxy_sync_proxy_rules_iptables_restore_failures_total{ip_family="IPv4"} 1"#))
        #expect(text.contains(#"kubeproxy_sync_proxy_rules_no_local_endpoints_total{ip_family="IPv4",traffic_policy="external"} 2"#))
        #expect(text.contains(#"kubeproxy_sync_proxy_rules_service_changes_total 2"#))
        #expect(text.contains(#"kubeproxy_sync_proxy_rules_endpoint_changes_total 3"#))
        #expect(text.contains(#"kubeproxy_sync_partial_proxy_rules_duration_seconds_count{ip_family="IPv4"} 1"#))
        #expect(text.contains(#"kubeproxy_sync_proxy_rules_last_queued_timestamp_seconds{ip_family="IPv4"} 1800000000"#))
        #expect(text.contains(#"kubeproxy_conntrack_reconciler_deleted_entries_total{ip_family="IPv4"} 4"#))
        #expect(!text.contains("nftables"))
        #expect(nftables.exposition().contains(#"kubeproxy_sync_proxy_rules_nftables_sync_failures_total{ip_family="IPv4"} 1"#))
        #expect(!nftables.exposition().contains("iptables"))
    }

    @Test func ipvsHasNoFullOrPartialSyncsAndCountsRestoreFailures() {
        let ipvs = ProxyMetrics(mode: .ipvs, families: [.ipv6])
        ipvs.recordSync(family: .ipv6, full: true, duration: .milliseconds(5), at: Date())
        ipvs.recordSyncFailure(family: .ipv6, partial: false)
        let text = ipvs.exposition()
        #expect(!text.contains("sync_full_proxy_rules"))
        #expect(!text.contains("sync_partial_proxy_rules"))
        #expect(text.contains(#"kubeproxy_sync_proxy_rules_iptables_restore_failures_total{ip_family="IPv6"} 1"#))
        #expect(text.contains(#"kubeproxy_sync_proxy_rules_duration_seconds_count{ip_family="IPv6"} 1"#))
    }

    @Test func histogramsUseUpstreamBuckets() {
        #expect(KubeProxyMetric.syncBuckets.count == 15)
        #expect(KubeProxyMetric.syncBuckets.first == 0.001)
        #expect(KubeProxyMetric.syncBuckets.last == 16.384)
        let programming = KubeProxyMetric.networkProgrammingBuckets
        #expect(programming.count == 80)
        #expect(Array(programming.prefix(4)) == [0.25, 0.5, 1, 2])
        #expect(programming.contains(115) && programming.contains(150) && programming.last == 300)
        let text = ProxyMetrics(mode: .iptables, families: [.ipv4]).exposition()
        #expect(text.contains(#"kubeproxy_sync_proxy_rules_duration_seconds_bucket{ip_family="IPv4",le="16.384"} 0"#))
        #expect(text.contains(#"kubeproxy_network_programming_duration_seconds_bucket{ip_family="IPv4",le="300.0"} 0"#))
    }
}
