/// kube-proxy's configuration file: `KubeProxyConfiguration` of `kubeproxy.config.k8s.io/v1alpha1`.
///
/// Every field of upstream's v1alpha1 type is here, with upstream's names and defaults
/// (`pkg/proxy/apis/config/v1alpha1/defaults.go`); `KubeProxyConfiguration()` is the all-defaults
/// configuration. Fields that choose among names (`mode`, `detectLocalMode`, `ipvs.scheduler`) keep
/// the text as written, so command-line overrides can be applied before ``validate(origin:)`` checks
/// everything. Read a file with ``load(yaml:origin:)``; turn the result into the graph's settings with
/// ``proxyOptions(nodeName:nodeIPs:)``.
public struct KubeProxyConfiguration: Hashable, Sendable {
    /// The only `apiVersion` accepted.
    public static let apiVersion = "kubeproxy.config.k8s.io/v1alpha1"
    /// The only `kind` accepted.
    public static let kind = "KubeProxyConfiguration"
    /// The default port of the health check server (upstream's `ports.ProxyHealthzPort`).
    public static let healthzPort = 10256
    /// The default port of the metrics server (upstream's `ports.ProxyStatusPort`).
    public static let metricsPort = 10249

    /// Feature gates to turn on or off, by name.
    public var featureGates: [String: Bool] = [:]
    /// How to reach the API server.
    public var clientConnection = ClientConnection()
    /// Logging settings.
    public var logging = Logging()
    /// The name of this node; empty means the host name.
    public var hostnameOverride = ""
    /// Overrides the node's primary IP of its family when not unspecified (no socket is bound to it).
    public var bindAddress = "0.0.0.0"
    /// `IP:port` of the health check server (`/healthz`, `/livez`); empty disables it.
    public var healthzBindAddress = "0.0.0.0:\(healthzPort)"
    /// `IP:port` of the metrics server (`/metrics`, `/proxyMode`, `/configz`).
    public var metricsBindAddress = "127.0.0.1:\(metricsPort)"
    /// Whether failing to bind the health or metrics port is fatal.
    public var bindAddressHardFail = false
    /// Whether the metrics server also serves `/debug/pprof`.
    public var enableProfiling = false
    /// The previous minor version (`1.30`) whose hidden metrics are shown again; empty for none.
    public var showHiddenMetricsForVersion = ""
    /// Handle only services labelled `service.kubernetes.io/service-proxy-name` with this value;
    /// empty handles only services without the label.
    public var serviceProxyName = ""
    /// The proxy mode as written: `iptables`, `ipvs`, `nftables`, or empty for iptables. See ``effectiveMode``.
    public var mode = ""
    /// Settings of iptables mode (its masquerade settings also apply to ipvs mode).
    public var iptables = IPTables()
    /// Settings of ipvs mode.
    public var ipvs = IPVS()
    /// Settings of nftables mode.
    public var nftables = NFTables()
    /// Settings of Windows' kernelspace mode: kept as written, unused on Linux.
    public var winkernel = Winkernel()
    /// How local pod traffic is recognised: `ClusterCIDR`, `NodeCIDR`, `BridgeInterface` or `InterfaceNamePrefix`.
    public var detectLocalMode = "ClusterCIDR"
    /// The interface settings of the `BridgeInterface` and `InterfaceNamePrefix` modes.
    public var detectLocal = DetectLocal()
    /// The cluster's pod CIDR, or an IPv4 and an IPv6 CIDR separated by a comma; empty for none.
    public var clusterCIDR = ""
    /// The addresses that accept NodePort traffic: CIDRs, or `["primary"]`; empty means every local
    /// address (the node's primary IPs in nftables mode).
    public var nodePortAddresses: [String] = []
    /// The `oom_score_adj` of the proxy process, in -1000...1000.
    public var oomScoreAdj = -999
    /// The conntrack table settings.
    public var conntrack = Conntrack()
    /// How often the API server informers resync.
    public var configSyncPeriod: Duration = .seconds(15 * 60)
    /// The userspace proxy's port range: unused, kept as written.
    public var portRange = ""
    /// Whether to run as a Windows service: unused on Linux.
    public var windowsRunAsService = false

    /// The configuration with every field at upstream's default.
    public init() {}
}
