import Testing
@testable import ProxyCore

@Suite struct KubeProxyConfigurationOptionsTests {
    private static func configuration(mode: String) -> KubeProxyConfiguration {
        var configuration = KubeProxyConfiguration()
        configuration.mode = mode
        configuration.iptables.syncPeriod = .seconds(31)
        configuration.iptables.minSyncPeriod = .seconds(2)
        configuration.iptables.masqueradeBit = 13
        configuration.iptables.masqueradeAll = true
        configuration.ipvs.syncPeriod = .seconds(32)
        configuration.ipvs.minSyncPeriod = .seconds(3)
        configuration.nftables.syncPeriod = .seconds(33)
        configuration.nftables.minSyncPeriod = .seconds(4)
        configuration.nftables.masqueradeBit = 12
        return configuration
    }

    @Test(arguments: [
        ("", ProxyMode.iptables, Duration.seconds(31), Duration.seconds(2), 13, true),
        ("iptables", .iptables, .seconds(31), .seconds(2), 13, true),
        ("ipvs", .ipvs, .seconds(32), .seconds(3), 13, true),
        ("nftables", .nftables, .seconds(33), .seconds(4), 12, false),
    ])
    func theSelectedModesSettingsApply(
        mode: String, effective: ProxyMode, sync: Duration, minSync: Duration, bit: Int, masqueradeAll: Bool
    ) {
        let configuration = Self.configuration(mode: mode)
        #expect(configuration.effectiveMode == effective)
        #expect(configuration.effectiveSyncPeriod == sync)
        #expect(configuration.effectiveMinSyncPeriod == minSync)
        #expect(configuration.effectiveMasqueradeBit == bit)
        #expect(configuration.effectiveMasqueradeAll == masqueradeAll)
    }

    @Test func theDefaultsGiveTheDefaultOptions() throws {
        let options = try KubeProxyConfiguration().proxyOptions(nodeName: "node-1", nodeIPs: [])
        #expect(options == ProxyOptions(nodeName: "node-1"))
    }

    @Test func everyMappedFieldReachesTheOptions() throws {
        var configuration = KubeProxyConfiguration()
        configuration.clusterCIDR = "10.244.0.0/16, fd00:10:244::/56"
        configuration.detectLocalMode = "InterfaceNamePrefix"
        configuration.detectLocal.interfaceNamePrefix = "veth"
        configuration.iptables.masqueradeAll = true
        configuration.iptables.localhostNodePorts = false
        configuration.nodePortAddresses = ["192.168.0.0/16"]
        configuration.serviceProxyName = "proxyd"
        configuration.featureGates = ["PreferSameTrafficDistribution": false]
        let nodeIP = try #require(IPAddress("192.168.1.5"))
        let options = try configuration.proxyOptions(nodeName: "node-1", nodeIPs: [nodeIP])
        #expect(options == ProxyOptions(
            nodeName: "node-1", nodeIPs: [nodeIP],
            clusterCIDRs: [try #require(CIDR("10.244.0.0/16")), try #require(CIDR("fd00:10:244::/56"))],
            localTrafficDetection: .interfaceNamePrefix("veth"), masqueradeAll: true, localhostNodePorts: false,
            nodePortAddresses: .cidrs([try #require(CIDR("192.168.0.0/16"))]), serviceProxyName: "proxyd",
            nodeTopologyHints: false))
    }

    @Test(arguments: [
        ("", "", ProxyOptions.LocalTrafficDetection.clusterCIDR),
        ("NodeCIDR", "", .nodeCIDR),
        ("BridgeInterface", "cni0", .bridgeInterface("cni0")),
    ])
    func detectLocalModesMap(mode: String, bridge: String, expected: ProxyOptions.LocalTrafficDetection) throws {
        var configuration = KubeProxyConfiguration()
        configuration.detectLocalMode = mode
        configuration.detectLocal.bridgeInterface = bridge
        #expect(try configuration.proxyOptions(nodeName: "n", nodeIPs: []).localTrafficDetection == expected)
    }

    @Test func nodeCIDRModeTakesTheNodesPodCIDRs() throws {
        var configuration = KubeProxyConfiguration()
        configuration.detectLocalMode = "NodeCIDR"
        configuration.clusterCIDR = "10.244.0.0/16"
        let options = try configuration.proxyOptions(nodeName: "n", nodeIPs: [])
        let context = NodeContext(options: options, family: .ipv4, node: nil)
        #expect(context.localTraffic == .none)
    }

    @Test func nftablesModeDefaultsToPrimaryAndNoLocalhostNodePorts() throws {
        var configuration = KubeProxyConfiguration()
        configuration.mode = "nftables"
        let options = try configuration.proxyOptions(nodeName: "n", nodeIPs: [])
        #expect(options.nodePortAddresses == .primary)
        #expect(options.localhostNodePorts == false)
        configuration.nodePortAddresses = ["0.0.0.0/0"]
        let everywhere = try configuration.proxyOptions(nodeName: "n", nodeIPs: []).nodePortAddresses
        #expect(everywhere == .cidrs([CIDR("0.0.0.0/0")!]))
        configuration.mode = "ipvs"
        #expect(try configuration.proxyOptions(nodeName: "n", nodeIPs: []).localhostNodePorts == false)
    }

    @Test func aSpecifiedBindAddressReplacesTheNodeIPsOfItsFamily() throws {
        var configuration = KubeProxyConfiguration()
        configuration.bindAddress = "10.0.0.9"
        let ips = [IPAddress("10.0.0.1")!, IPAddress("fd00::1")!]
        let options = try configuration.proxyOptions(nodeName: "n", nodeIPs: ips)
        #expect(options.nodeIPs == [IPAddress("10.0.0.9")!, IPAddress("fd00::1")!])
    }

    @Test(arguments: [
        ("clusterCIDR", "10.244.0.0/33"), ("nodePortAddresses[0]", "all"), ("detectLocalMode", "Cluster"),
        ("bindAddress", "0.0.0.0:0"),
    ])
    func anInvalidMappedFieldIsAnError(field: String, value: String) throws {
        var configuration = KubeProxyConfiguration()
        switch field {
        case "clusterCIDR": configuration.clusterCIDR = value
        case "detectLocalMode": configuration.detectLocalMode = value
        case "bindAddress": configuration.bindAddress = value
        default: configuration.nodePortAddresses = [value]
        }
        let error = try #require(throws: InputError.self) { try configuration.proxyOptions(nodeName: "n", nodeIPs: []) }
        #expect(error.field == field)
    }
}
