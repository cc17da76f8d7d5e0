import Foundation
import Prometheus
import ProxyCore

/// kube-proxy's Prometheus metrics in a registry of their own, with upstream's names, types,
/// labels and buckets, and the calls the sync loop makes to record them.
///
/// As upstream's `RegisterMetrics`, the mode decides which metrics exist: full and partial sync
/// durations in iptables and nftables mode, iptables-restore failures in iptables and ipvs mode,
/// iptables rule counts in iptables mode, nftables failures in nftables mode. Every `ip_family`
/// series of the proxy's families is created up front, so `/metrics` lists them from the start;
/// the healthz and livez counters appear with their first request.
public final class ProxyMetrics: Sendable {
    /// The registry `/metrics` exposes.
    public let registry: PrometheusCollectorRegistry
    /// The proxy mode the metrics are registered for.
    public let mode: ProxyMode
    private let endpointChangesPending: Gauge
    private let endpointChangesTotal: Counter
    private let serviceChangesPending: Gauge
    private let serviceChangesTotal: Counter

    /// The iptables tables whose rule counts upstream reports.
    private static let iptablesTables = ["filter", "nat"]

    /// Registers the metrics of a mode for the proxy's IP families.
    public init(
        mode: ProxyMode, families: [IPFamily], registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
    ) {
        self.registry = registry
        self.mode = mode
        endpointChangesPending = registry.makeGauge(descriptor: KubeProxyMetric.endpointChangesPending.descriptor)
        endpointChangesTotal = registry.makeCounter(descriptor: KubeProxyMetric.endpointChangesTotal.descriptor)
        serviceChangesPending = registry.makeGauge(descriptor: KubeProxyMetric.serviceChangesPending.descriptor)
        serviceChangesTotal = registry.makeCounter(descriptor: KubeProxyMetric.serviceChangesTotal.descriptor)
        for family in families {
            _ = histogram(.syncProxyRulesDuration, family)
            _ = gauge(.syncProxyRulesLastTimestamp, family)
            _ = gauge(.syncProxyRulesLastQueuedTimestamp, family)
            _ = histogram(.networkProgrammingDuration, family)
            _ = gauge(.noLocalEndpoints, family, ("traffic_policy", "internal"))
            _ = gauge(.noLocalEndpoints, family, ("traffic_policy", "external"))
            _ = counter(.conntrackDeletedEntries, family)
            _ = histogram(.conntrackSyncDuration, family)
            if tracksPartialSyncs {
                _ = histogram(.syncFullProxyRulesDuration, family)
                _ = histogram(.syncPartialProxyRulesDuration, family)
            }
            switch mode {
            case .iptables:
                _ = counter(.iptablesRestoreFailures, family)
                _ = counter(.iptablesPartialRestoreFailures, family)
                for table in Self.iptablesTables {
                    _ = gauge(.iptablesRulesTotal, family, ("table", table))
                    _ = gauge(.iptablesRulesLastSync, family, ("table", table))
                }
            case .ipvs:
                _ = counter(.iptablesRestoreFailures, family)
            case .nftables:
                _ = counter(.nftablesSyncFailures, family)
                _ = counter(.nftablesCleanupFailures, family)
            }
        }
    }

    /// Records a successful sync: its duration (also as a full or partial sync, in the modes that
    /// tell them apart) and its time as the last sync.
    public func recordSync(family: IPFamily, full: Bool, duration: Duration, at time: Date) {
        let seconds = duration.seconds
        histogram(.syncProxyRulesDuration, family).record(seconds)
        if tracksPartialSyncs {
            histogram(full ? .syncFullProxyRulesDuration : .syncPartialProxyRulesDuration, family).record(seconds)
        }
        gauge(.syncProxyRulesLastTimestamp, family).set(time.timeIntervalSince1970)
    }

    /// Records when a sync was last queued (a change arrived, or the proxier started).
    public func recordQueued(family: IPFamily, at time: Date) {
        gauge(.syncProxyRulesLastQueuedTimestamp, family).set(time.timeIntervalSince1970)
    }

    /// Records the network programming latency of one changed object: from the change's trigger
    /// time (the `endpoints.kubernetes.io/last-change-trigger-time` annotation) to its rules being synced.
    public func recordNetworkProgramming(family: IPFamily, latency: Duration) {
        histogram(.networkProgrammingDuration, family).record(latency.seconds)
    }

    /// Counts Service and EndpointSlice changes received.
    public func recordChanges(services: Int, endpoints: Int) {
        serviceChangesTotal.increment(by: Int64(services))
        endpointChangesTotal.increment(by: Int64(endpoints))
    }

    /// Sets the number of Service and EndpointSlice changes not yet synced.
    public func setPendingChanges(services: Int, endpoints: Int) {
        serviceChangesPending.set(Int64(services))
        endpointChangesPending.set(Int64(endpoints))
    }

    /// Counts a failed sync: an iptables-restore failure in iptables and ipvs mode (also counted
    /// as a partial one when `partial`, as upstream counts both), an nftables sync failure in
    /// nftables mode.
    public func recordSyncFailure(family: IPFamily, partial: Bool) {
        switch mode {
        case .iptables, .ipvs:
            counter(.iptablesRestoreFailures, family).increment()
            if partial && mode == .iptables { counter(.iptablesPartialRestoreFailures, family).increment() }
        case .nftables:
            counter(.nftablesSyncFailures, family).increment()
        }
    }

    /// Counts a failed nftables cleanup of stale chains.
    public func recordNftablesCleanupFailure(family: IPFamily) {
        counter(.nftablesCleanupFailures, family).increment()
    }

    /// Sets the iptables rule counts of one table (`filter` or `nat`): all rules proxyd owns, and
    /// the ones written by the last sync.
    public func setIptablesRules(family: IPFamily, table: String, total: Int, lastSync: Int) {
        gauge(.iptablesRulesTotal, family, ("table", table)).set(Int64(total))
        gauge(.iptablesRulesLastSync, family, ("table", table)).set(Int64(lastSync))
    }

    /// Sets the number of service ports with a Local traffic policy and no local endpoints, per policy.
    public func setNoLocalEndpoints(family: IPFamily, internal: Int, external: Int) {
        gauge(.noLocalEndpoints, family, ("traffic_policy", "internal")).set(Int64(`internal`))
        gauge(.noLocalEndpoints, family, ("traffic_policy", "external")).set(Int64(external))
    }

    /// Records a conntrack cleanup: the stale flows deleted and how long it took.
    public func recordConntrackCleanup(family: IPFamily, deleted: Int, duration: Duration) {
        counter(.conntrackDeletedEntries, family).increment(by: Int64(deleted))
        histogram(.conntrackSyncDuration, family).record(duration.seconds)
    }

    /// Counts a `/healthz` answer by status code.
    public func recordHealthz(code: Int) {
        registry.makeCounter(descriptor: KubeProxyMetric.healthzTotal.descriptor, labels: [("code", String(code))])
            .increment()
    }

    /// Counts a `/livez` answer by status code.
    public func recordLivez(code: Int) {
        registry.makeCounter(descriptor: KubeProxyMetric.livezTotal.descriptor, labels: [("code", String(code))])
            .increment()
    }

    /// The metrics in the Prometheus text exposition format.
    public func exposition() -> String {
        registry.emitToString()
    }

    // MARK: - Series

    /// Whether the mode's syncs are full or partial (ipvs always syncs everything).
    private var tracksPartialSyncs: Bool { mode != .ipvs }

    private func counter(_ metric: KubeProxyMetric, _ family: IPFamily) -> Counter {
        registry.makeCounter(descriptor: metric.descriptor, labels: [("ip_family", family.rawValue)])
    }

    private func gauge(_ metric: KubeProxyMetric, _ family: IPFamily, _ label: (String, String)) -> Gauge {
        registry.makeGauge(descriptor: metric.descriptor, labels: [("ip_family", family.rawValue), label])
    }

    private func gauge(_ metric: KubeProxyMetric, _ family: IPFamily) -> Gauge {
        registry.makeGauge(descriptor: metric.descriptor, labels: [("ip_family", family.rawValue)])
    }

    private func histogram(_ metric: KubeProxyMetric, _ family: IPFamily) -> ValueHistogram {
        let buckets = metric == .networkProgrammingDuration
            ? KubeProxyMetric.networkProgrammingBuckets : KubeProxyMetric.syncBuckets
        return registry.makeValueHistogram(
            descriptor: metric.descriptor, labels: [("ip_family", family.rawValue)], buckets: buckets)
    }
}
