extension KubeProxyConfiguration {
    /// `clientConnection`: how to reach the API server.
    public struct ClientConnection: Hashable, Sendable {
        /// The kubeconfig file; empty means in-cluster configuration.
        public var kubeconfig = ""
        /// The `Accept` header; empty means `application/json`.
        public var acceptContentTypes = ""
        /// The content type of requests.
        public var contentType = "application/vnd.kubernetes.protobuf"
        /// Queries per second allowed.
        public var qps: Double = 5
        /// Queries allowed in a burst.
        public var burst = 10

        /// The defaults.
        public init() {}
    }

    /// `logging`: the two settings proxyd uses; the file's other logging fields are accepted and ignored.
    public struct Logging: Hashable, Sendable {
        /// `text` or `json`.
        public var format = "text"
        /// The verbosity (klog's `-v`).
        public var verbosity = 0

        /// The defaults.
        public init() {}
    }

    /// `iptables`: settings of iptables mode.
    public struct IPTables: Hashable, Sendable {
        /// The bit of the fwmark that marks packets to masquerade, in 0...31 (iptables and ipvs modes).
        public var masqueradeBit = 14
        /// Whether to masquerade all traffic to ClusterIPs (iptables and ipvs modes).
        public var masqueradeAll = false
        /// Whether NodePorts answer on 127.0.0.1 (iptables mode, IPv4 only).
        public var localhostNodePorts = true
        /// The longest time between full resyncs.
        public var syncPeriod: Duration = .seconds(30)
        /// The shortest time between syncs; zero syncs on every change.
        public var minSyncPeriod: Duration = .seconds(1)

        /// The defaults.
        public init() {}
    }

    /// `ipvs`: settings of ipvs mode.
    public struct IPVS: Hashable, Sendable {
        /// The longest time between full resyncs.
        public var syncPeriod: Duration = .seconds(30)
        /// The shortest time between syncs; zero syncs on every change.
        public var minSyncPeriod: Duration = .seconds(1)
        /// The IPVS scheduler (`rr`, `wrr`, `lc`, …); empty means `rr`.
        public var scheduler = ""
        /// CIDRs whose IPVS virtual servers proxyd leaves alone when cleaning up.
        public var excludeCIDRs: [String] = []
        /// Whether to set `arp_ignore`/`arp_announce` so that only the node answers ARP for service IPs.
        public var strictARP = false
        /// The IPVS idle timeout of TCP sessions; zero keeps the system's value.
        public var tcpTimeout: Duration = .zero
        /// The IPVS timeout of TCP sessions after a FIN; zero keeps the system's value.
        public var tcpFinTimeout: Duration = .zero
        /// The IPVS timeout of UDP packets; zero keeps the system's value.
        public var udpTimeout: Duration = .zero

        /// The defaults.
        public init() {}
    }

    /// `nftables`: settings of nftables mode.
    public struct NFTables: Hashable, Sendable {
        /// The bit of the packet mark that marks packets to masquerade, in 0...31.
        public var masqueradeBit = 14
        /// Whether to masquerade all traffic to ClusterIPs.
        public var masqueradeAll = false
        /// The longest time between full resyncs.
        public var syncPeriod: Duration = .seconds(30)
        /// The shortest time between syncs; zero syncs on every change.
        public var minSyncPeriod: Duration = .seconds(1)
        /// The name of the nftables table; empty means `kube-proxy`.
        public var tableName = ""

        /// The defaults.
        public init() {}
    }

    /// `winkernel`: Windows settings, kept as written and unused on Linux.
    public struct Winkernel: Hashable, Sendable {
        /// The HNS network name.
        public var networkName = ""
        /// The source VIP of the NAT endpoint.
        public var sourceVip = ""
        /// Whether HNS policies use direct server return.
        public var enableDSR = false
        /// The HNS endpoint of the root network namespace.
        public var rootHnsEndpointName = ""
        /// Whether the service VIP forwards the health check port.
        public var forwardHealthCheckVip = false

        /// The defaults.
        public init() {}
    }

    /// `detectLocal`: the interfaces of the interface-based local traffic detection modes.
    public struct DetectLocal: Hashable, Sendable {
        /// The bridge of `detectLocalMode: BridgeInterface`.
        public var bridgeInterface = ""
        /// The interface name prefix of `detectLocalMode: InterfaceNamePrefix`.
        public var interfaceNamePrefix = ""

        /// The defaults.
        public init() {}
    }

    /// `conntrack`: the conntrack table settings proxyd applies at startup.
    public struct Conntrack: Hashable, Sendable {
        /// Entries per CPU (`nf_conntrack_max = max(maxPerCore × CPUs, min)`); zero leaves the limit alone.
        public var maxPerCore = 32768
        /// The least `nf_conntrack_max`.
        public var min = 131_072
        /// `nf_conntrack_tcp_timeout_established`; zero leaves it alone.
        public var tcpEstablishedTimeout: Duration = .seconds(24 * 3600)
        /// `nf_conntrack_tcp_timeout_close_wait`; zero leaves it alone.
        public var tcpCloseWaitTimeout: Duration = .seconds(3600)
        /// `nf_conntrack_tcp_be_liberal`: out-of-window TCP packets are not marked INVALID.
        public var tcpBeLiberal = false
        /// `nf_conntrack_udp_timeout` (unreplied); zero leaves it alone.
        public var udpTimeout: Duration = .zero
        /// `nf_conntrack_udp_timeout_stream` (assured); zero leaves it alone.
        public var udpStreamTimeout: Duration = .zero

        /// The defaults.
        public init() {}
    }
}
