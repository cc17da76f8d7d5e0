extension KubeProxyConfiguration {
    /// Gives the fields upstream defaults by their zero value their default, as upstream's
    /// `SetDefaults_KubeProxyConfiguration` does after decoding a file.
    ///
    /// `syncPeriod: 0s`, `qps: 0` or `bindAddress: ""` mean "unset" upstream, so they become 30s, 5 and
    /// 0.0.0.0 (and `iptables.minSyncPeriod: 0s` becomes 1s, as upstream). Fields upstream keeps as
    /// pointers (`masqueradeBit`, `localhostNodePorts`, `oomScoreAdj`, `conntrack.maxPerCore`, `min` and
    /// the TCP timeouts) keep an explicit zero. An empty healthz or metrics address gets the default of
    /// `bindAddress`'s family (`0.0.0.0:10256` or `[::]:10256`), and an address without a port gets the
    /// default port.
    mutating func applyZeroValueDefaults() {
        let defaults = KubeProxyConfiguration()
        replaceZero(\.bindAddress, zero: "", from: defaults)
        replaceZero(\.iptables.syncPeriod, zero: .zero, from: defaults)
        replaceZero(\.iptables.minSyncPeriod, zero: .zero, from: defaults)
        replaceZero(\.ipvs.syncPeriod, zero: .zero, from: defaults)
        replaceZero(\.nftables.syncPeriod, zero: .zero, from: defaults)
        replaceZero(\.nftables.minSyncPeriod, zero: .zero, from: defaults)
        replaceZero(\.configSyncPeriod, zero: .zero, from: defaults)
        replaceZero(\.clientConnection.contentType, zero: "", from: defaults)
        replaceZero(\.clientConnection.qps, zero: 0, from: defaults)
        replaceZero(\.clientConnection.burst, zero: 0, from: defaults)
        replaceZero(\.detectLocalMode, zero: "", from: defaults)
        replaceZero(\.logging.format, zero: "", from: defaults)

        let ipv6 = IPAddress(bindAddress)?.family == .ipv6
        healthzBindAddress = Self.address(
            healthzBindAddress, defaultHost: ipv6 ? "[::]" : "0.0.0.0", port: Self.healthzPort)
        metricsBindAddress = Self.address(
            metricsBindAddress, defaultHost: ipv6 ? "[::1]" : "127.0.0.1", port: Self.metricsPort)
    }

    private mutating func replaceZero<Value: Equatable>(
        _ field: WritableKeyPath<Self, Value>, zero: Value, from defaults: Self
    ) {
        if self[keyPath: field] == zero { self[keyPath: field] = defaults[keyPath: field] }
    }

    /// A bind address with upstream's defaulting: empty is `defaultHost:port`, a bare IP gets `:port`
    /// (`AppendPortIfNeeded`), anything else is left for validation.
    private static func address(_ text: String, defaultHost: String, port: Int) -> String {
        if text.isEmpty { return "\(defaultHost):\(port)" }
        guard let ip = IPAddress(text) else { return text }
        return ip.family == .ipv4 ? "\(text):\(port)" : "[\(text)]:\(port)"
    }
}
