import Foundation
import Prometheus

/// kube-proxy's metrics: upstream's names (prefixed `kubeproxy_`), help texts and histogram
/// buckets (`pkg/proxy/metrics/metrics.go`).
enum KubeProxyMetric: String, CaseIterable {
    case syncProxyRulesDuration = "sync_proxy_rules_duration_seconds"
    case syncFullProxyRulesDuration = "sync_full_proxy_rules_duration_seconds"
    case syncPartialProxyRulesDuration = "sync_partial_proxy_rules_duration_seconds"
    case syncProxyRulesLastTimestamp = "sync_proxy_rules_last_timestamp_seconds"
    case syncProxyRulesLastQueuedTimestamp = "sync_proxy_rules_last_queued_timestamp_seconds"
    case networkProgrammingDuration = "network_programming_duration_seconds"
    case endpointChangesPending = "sync_proxy_rules_endpoint_changes_pending"
    case endpointChangesTotal = "sync_proxy_rules_endpoint_changes_total"
    case serviceChangesPending = "sync_proxy_rules_service_changes_pending"
    case serviceChangesTotal = "sync_proxy_rules_service_changes_total"
    case iptablesRestoreFailures = "sync_proxy_rules_iptables_restore_failures_total"
    case iptablesPartialRestoreFailures = "sync_proxy_rules_iptables_partial_restore_failures_total"
    case iptablesRulesTotal = "sync_proxy_rules_iptables_total"
    case iptablesRulesLastSync = "sync_proxy_rules_iptables_last"
    case nftablesSyncFailures = "sync_proxy_rules_nftables_sync_failures_total"
    case nftablesCleanupFailures = "sync_proxy_rules_nftables_cleanup_failures_total"
    case noLocalEndpoints = "sync_proxy_rules_no_local_endpoints_total"
    case healthzTotal = "proxy_healthz_total"
    case livezTotal = "proxy_livez_total"
    case conntrackDeletedEntries = "conntrack_reconciler_deleted_entries_total"
    case conntrackSyncDuration = "conntrack_reconciler_sync_duration_seconds"

    /// The full name, `kubeproxy_…`.
    var name: String { descriptor.name }

    /// The name and help text as swift-prometheus takes them.
    var descriptor: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "kubeproxy", metricName: rawValue, unitName: "", helpText: help)
    }

    /// Upstream's help text.
    var help: String {
        switch self {
        case .syncProxyRulesDuration: "SyncProxyRules latency in seconds"
        case .syncFullProxyRulesDuration: "SyncProxyRules latency in seconds for full resyncs"
        case .syncPartialProxyRulesDuration: "SyncProxyRules latency in seconds for partial resyncs"
        case .syncProxyRulesLastTimestamp: "The last time proxy rules were successfully synced"
        case .syncProxyRulesLastQueuedTimestamp: "The last time a sync of proxy rules was queued"
        case .networkProgrammingDuration: "In Cluster Network Programming Latency in seconds"
        case .endpointChangesPending: "Pending proxy rules Endpoint changes"
        case .endpointChangesTotal: "Cumulative proxy rules Endpoint changes"
        case .serviceChangesPending: "Pending proxy rules Service changes"
        case .serviceChangesTotal: "Cumulative proxy rules Service changes"
        case .iptablesRestoreFailures: "Cumulative proxy iptables restore failures"
        case .iptablesPartialRestoreFailures: "Cumulative proxy iptables partial restore failures"
        case .iptablesRulesTotal: "Total number of iptables rules owned by kube-proxy"
        case .iptablesRulesLastSync: "Number of iptables rules written by kube-proxy in last sync"
        case .nftablesSyncFailures: "Cumulative proxy nftables sync failures"
        case .nftablesCleanupFailures: "Cumulative proxy nftables cleanup failures"
        case .noLocalEndpoints: "Number of services with a Local traffic policy and no endpoints"
        case .healthzTotal: "Cumulative proxy healthz HTTP status"
        case .livezTotal: "Cumulative proxy livez HTTP status"
        case .conntrackDeletedEntries: "Cumulative conntrack flows deleted by conntrack reconciler"
        case .conntrackSyncDuration: "ReconcileConntrackFlowsLatency latency in seconds"
        }
    }

    /// Sync durations: `ExponentialBuckets(0.001, 2, 15)`, 1ms to about 16s.
    static let syncBuckets: [Double] = (0..<15).map { 0.001 * pow(2, Double($0)) }

    /// Network programming latency: 0.25s and 0.5s, every second to 59s, every 5s to 115s, then
    /// every 30s to 5 minutes.
    static let networkProgrammingBuckets: [Double] =
        [0.25, 0.5] + (1...59).map(Double.init) + stride(from: 60.0, through: 115, by: 5)
        + stride(from: 120.0, through: 300, by: 30)
}
