import Foundation

extension KubeProxyConfiguration {
    /// The configuration in effect as JSON, with upstream's field names and Go durations (what
    /// kube-proxy's `/configz` shows).
    public var jsonText: String {
        func duration(_ value: Duration) -> String { GoDuration(value).description }
        let object: [String: Any] = [
            "apiVersion": Self.apiVersion, "kind": Self.kind,
            "featureGates": featureGates,
            "clientConnection": [
                "kubeconfig": clientConnection.kubeconfig, "acceptContentTypes": clientConnection.acceptContentTypes,
                "contentType": clientConnection.contentType, "qps": clientConnection.qps, "burst": clientConnection.burst,
            ] as [String: Any],
            "logging": ["format": logging.format, "verbosity": logging.verbosity] as [String: Any],
            "hostnameOverride": hostnameOverride, "bindAddress": bindAddress,
            "healthzBindAddress": healthzBindAddress, "metricsBindAddress": metricsBindAddress,
            "bindAddressHardFail": bindAddressHardFail, "enableProfiling": enableProfiling,
            "showHiddenMetricsForVersion": showHiddenMetricsForVersion, "serviceProxyName": serviceProxyName,
            "mode": mode,
            "iptables": [
                "masqueradeBit": iptables.masqueradeBit, "masqueradeAll": iptables.masqueradeAll,
                "localhostNodePorts": iptables.localhostNodePorts, "syncPeriod": duration(iptables.syncPeriod),
                "minSyncPeriod": duration(iptables.minSyncPeriod),
            ] as [String: Any],
            "ipvs": [
                "syncPeriod": duration(ipvs.syncPeriod), "minSyncPeriod": duration(ipvs.minSyncPeriod),
                "scheduler": ipvs.scheduler, "excludeCIDRs": ipvs.excludeCIDRs, "strictARP": ipvs.strictARP,
                "tcpTimeout": duration(ipvs.tcpTimeout), "tcpFinTimeout": duration(ipvs.tcpFinTimeout),
                "udpTimeout": duration(ipvs.udpTimeout),
            ] as [String: Any],
            "nftables": [
                "masqueradeBit": nftables.masqueradeBit, "masqueradeAll": nftables.masqueradeAll,
                "syncPeriod": duration(nftables.syncPeriod), "minSyncPeriod": duration(nftables.minSyncPeriod),
                "tableName": nftables.tableName,
            ] as [String: Any],
            "detectLocalMode": detectLocalMode,
            "detectLocal": ["bridgeInterface": detectLocal.bridgeInterface, "interfaceNamePrefix": detectLocal.interfaceNamePrefix],
            "clusterCIDR": clusterCIDR, "nodePortAddresses": nodePortAddresses, "oomScoreAdj": oomScoreAdj,
            "conntrack": [
                "maxPerCore": conntrack.maxPerCore, "min": conntrack.min,
                "tcpEstablishedTimeout": duration(conntrack.tcpEstablishedTimeout),
                "tcpCloseWaitTimeout": duration(conntrack.tcpCloseWaitTimeout), "tcpBeLiberal": conntrack.tcpBeLiberal,
                "udpTimeout": duration(conntrack.udpTimeout), "udpStreamTimeout": duration(conntrack.udpStreamTimeout),
            ] as [String: Any],
            "configSyncPeriod": duration(configSyncPeriod), "portRange": portRange,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
