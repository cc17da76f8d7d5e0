import Testing
@testable import ProxyCore

@Suite struct KubeProxyConfigurationValidationTests {
    /// One invalid setting and the field its error must name.
    struct Case: CustomTestStringConvertible, Sendable {
        let field: String
        let change: @Sendable (inout KubeProxyConfiguration) -> Void
        init(_ field: String, _ change: @escaping @Sendable (inout KubeProxyConfiguration) -> Void) {
            self.field = field
            self.change = change
        }
        var testDescription: String { field }
    }

    static let invalidCases: [Case] = [
        Case("mode") { $0.mode = "userspace" },
        Case("iptables.masqueradeBit") { $0.iptables.masqueradeBit = 32 },
        Case("iptables.masqueradeBit") { $0.iptables.masqueradeBit = -1 },
        Case("iptables.syncPeriod") { $0.iptables.syncPeriod = .zero },
        Case("iptables.minSyncPeriod") { $0.iptables.minSyncPeriod = .seconds(-1) },
        Case("iptables.minSyncPeriod") { $0.iptables.minSyncPeriod = .seconds(60) },
        Case("ipvs.syncPeriod") { $0.mode = "ipvs"; $0.ipvs.syncPeriod = .seconds(-30) },
        Case("ipvs.minSyncPeriod") { $0.mode = "ipvs"; $0.ipvs.minSyncPeriod = .seconds(31) },
        Case("ipvs.scheduler") { $0.mode = "ipvs"; $0.ipvs.scheduler = "fastest" },
        Case("ipvs.excludeCIDRs[1]") { $0.mode = "ipvs"; $0.ipvs.excludeCIDRs = ["10.0.0.0/8", "10.0.0.0"] },
        Case("ipvs.tcpTimeout") { $0.mode = "ipvs"; $0.ipvs.tcpTimeout = .seconds(-1) },
        Case("ipvs.tcpFinTimeout") { $0.mode = "ipvs"; $0.ipvs.tcpFinTimeout = .seconds(-1) },
        Case("ipvs.udpTimeout") { $0.mode = "ipvs"; $0.ipvs.udpTimeout = .seconds(-1) },
        Case("nftables.masqueradeBit") { $0.mode = "nftables"; $0.nftables.masqueradeBit = 40 },
        Case("nftables.syncPeriod") { $0.mode = "nftables"; $0.nftables.syncPeriod = .zero },
        Case("nftables.minSyncPeriod") { $0.mode = "nftables"; $0.nftables.minSyncPeriod = .seconds(3600) },
        Case("bindAddress") { $0.bindAddress = "node-1" },
        Case("healthzBindAddress") { $0.healthzBindAddress = "0.0.0.0" },
        Case("healthzBindAddress") { $0.healthzBindAddress = "0.0.0.0:70000" },
        Case("healthzBindAddress") { $0.healthzBindAddress = "localhost:10256" },
        Case("metricsBindAddress") { $0.metricsBindAddress = "::1:10249" },
        Case("metricsBindAddress") { $0.metricsBindAddress = "127.0.0.1:0" },
        Case("metricsBindAddress") { $0.metricsBindAddress = "[::1]" },
        Case("clusterCIDR") { $0.clusterCIDR = "10.244.0.0/16,fd00::/48,10.1.0.0/16" },
        Case("clusterCIDR") { $0.clusterCIDR = "10.244.0.0/16,10.1.0.0/16" },
        Case("clusterCIDR") { $0.clusterCIDR = "10.244.0.0" },
        Case("nodePortAddresses[0]") { $0.nodePortAddresses = ["primary", "10.0.0.0/8"] },
        Case("nodePortAddresses[1]") { $0.nodePortAddresses = ["10.0.0.0/8", "eth0"] },
        Case("detectLocalMode") { $0.detectLocalMode = "PodCIDR" },
        Case("detectLocal.bridgeInterface") { $0.detectLocalMode = "BridgeInterface" },
        Case("detectLocal.interfaceNamePrefix") { $0.detectLocalMode = "InterfaceNamePrefix" },
        Case("oomScoreAdj") { $0.oomScoreAdj = 1001 },
        Case("oomScoreAdj") { $0.oomScoreAdj = -1001 },
        Case("conntrack.maxPerCore") { $0.conntrack.maxPerCore = -1 },
        Case("conntrack.min") { $0.conntrack.min = -1 },
        Case("conntrack.tcpEstablishedTimeout") { $0.conntrack.tcpEstablishedTimeout = .seconds(-1) },
        Case("conntrack.tcpCloseWaitTimeout") { $0.conntrack.tcpCloseWaitTimeout = .seconds(-1) },
        Case("conntrack.udpTimeout") { $0.conntrack.udpTimeout = .seconds(-1) },
        Case("conntrack.udpStreamTimeout") { $0.conntrack.udpStreamTimeout = .seconds(-1) },
        Case("clientConnection.qps") { $0.clientConnection.qps = -1 },
        Case("clientConnection.burst") { $0.clientConnection.burst = -1 },
        Case("configSyncPeriod") { $0.configSyncPeriod = .zero },
        Case("showHiddenMetricsForVersion") { $0.showHiddenMetricsForVersion = "v1.30.0" },
        Case("portRange") { $0.portRange = "32767-30000" },
        Case("portRange") { $0.portRange = "30000-70000" },
        Case("logging.format") { $0.logging.format = "xml" },
    ]

    @Test(arguments: invalidCases)
    func eachBrokenRuleIsAnErrorNamingItsField(invalid: Case) throws {
        var configuration = KubeProxyConfiguration()
        invalid.change(&configuration)
        let errors = configuration.validationErrors(origin: "kube-proxy.yaml")
        #expect(errors.map(\.field) == [invalid.field])
        let error = try #require(throws: InputError.self) { try configuration.validate(origin: "kube-proxy.yaml") }
        #expect(error.description.hasPrefix("kube-proxy.yaml: KubeProxyConfiguration: \(invalid.field): "))
    }

    @Test func theDefaultsAndTheseSettingsAreValid() throws {
        try KubeProxyConfiguration().validate()
        var configuration = KubeProxyConfiguration()
        configuration.clusterCIDR = "10.244.0.0/16,fd00:10:244::/56"
        configuration.nodePortAddresses = ["primary"]
        configuration.healthzBindAddress = ""
        configuration.metricsBindAddress = "[::]:10249"
        configuration.iptables.minSyncPeriod = .zero
        configuration.iptables.masqueradeBit = 0
        configuration.detectLocalMode = "BridgeInterface"
        configuration.detectLocal.bridgeInterface = "cni0"
        configuration.showHiddenMetricsForVersion = "1.32"
        configuration.portRange = "30000+2767"
        configuration.mode = "ipvs"
        configuration.ipvs.scheduler = "mh"
        configuration.ipvs.excludeCIDRs = ["10.96.0.0/12", "fd00::/108"]
        try configuration.validate()
    }

    @Test func otherModesSectionsAreNotChecked() throws {
        var configuration = KubeProxyConfiguration()
        configuration.ipvs.scheduler = "fastest"
        configuration.ipvs.syncPeriod = .zero
        configuration.nftables.masqueradeBit = 99
        try configuration.validate()
        configuration.mode = "nftables"
        #expect(configuration.validationErrors().map(\.field) == ["nftables.masqueradeBit"])
    }

    @Test func everyProblemIsListedAndMessagesSayWhatIsValid() {
        var configuration = KubeProxyConfiguration()
        configuration.mode = "userspace"
        configuration.iptables.minSyncPeriod = .seconds(90)
        configuration.oomScoreAdj = 5000
        configuration.metricsBindAddress = "127.0.0.1:99999"
        #expect(configuration.validationErrors().map(\.description) == [
            "KubeProxyConfiguration: mode: \"userspace\" is not a proxy mode; use iptables, ipvs or nftables "
                + "(blank means iptables)",
            "KubeProxyConfiguration: iptables.minSyncPeriod: 1m30s is longer than iptables.syncPeriod (30s); "
                + "it must be at most that",
            "KubeProxyConfiguration: oomScoreAdj: 5000 is not in -1000..1000",
            "KubeProxyConfiguration: metricsBindAddress: port \"99999\" of \"127.0.0.1:99999\" is not in 1..65535",
        ])
    }

    @Test func aLoadedFileIsValidatedAfterOverrides() throws {
        var (configuration, _) = try KubeProxyConfiguration.load(yaml: """
            apiVersion: kubeproxy.config.k8s.io/v1alpha1
            kind: KubeProxyConfiguration
            iptables: {masqueradeBit: 33}
            """, origin: "a.yaml")
        let error = try #require(throws: InputError.self) { try configuration.validate(origin: "a.yaml") }
        #expect(error.description == "a.yaml: KubeProxyConfiguration: iptables.masqueradeBit: 33 is not in 0..31")
        configuration.iptables.masqueradeBit = 14
        try configuration.validate(origin: "a.yaml")
    }
}
