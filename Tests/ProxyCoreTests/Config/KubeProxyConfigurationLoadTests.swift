import Testing
@testable import ProxyCore

@Suite struct KubeProxyConfigurationLoadTests {
    private func load(_ text: String) throws -> (configuration: KubeProxyConfiguration, warnings: [String]) {
        try KubeProxyConfiguration.load(yaml: text, origin: "/etc/kube-proxy/config.yaml")
    }

    /// The error loading a text throws.
    private func loadError(_ text: String) throws -> InputError {
        try #require(throws: InputError.self) { try load(text) }
    }

    @Test func theHardWayFileIsTheDefaultsPlusItsTwoFields() throws {
        let (configuration, warnings) = try load("""
            kind: KubeProxyConfiguration
            apiVersion: kubeproxy.config.k8s.io/v1alpha1
            clientConnection:
              kubeconfig: "/var/lib/kube-proxy/kubeconfig"
            mode: "iptables"
            clusterCIDR: "10.200.0.0/16"
            """)
        var expected = KubeProxyConfiguration()
        expected.clientConnection.kubeconfig = "/var/lib/kube-proxy/kubeconfig"
        expected.mode = "iptables"
        expected.clusterCIDR = "10.200.0.0/16"
        #expect(configuration == expected)
        #expect(warnings.isEmpty)
    }

    @Test func theBriefHardWayFileGivesTheDefaults() throws {
        let (configuration, warnings) = try load("""
            apiVersion: kubeproxy.config.k8s.io/v1alpha1
            kind: KubeProxyConfiguration
            clusterCIDR: 10.244.0.0/16
            clientConnection: {kubeconfig: /etc/kubernetes/kube-proxy.conf}
            """)
        #expect(configuration.clusterCIDR == "10.244.0.0/16")
        #expect(configuration.clientConnection.kubeconfig == "/etc/kubernetes/kube-proxy.conf")
        #expect(configuration.healthzBindAddress == "0.0.0.0:10256")
        #expect(configuration.metricsBindAddress == "127.0.0.1:10249")
        #expect(configuration.iptables.syncPeriod == .seconds(30))
        #expect(configuration.iptables.minSyncPeriod == .seconds(1))
        #expect(configuration.conntrack.tcpEstablishedTimeout == .seconds(86400))
        #expect(configuration.configSyncPeriod == .seconds(900))
        #expect(configuration.oomScoreAdj == -999)
        #expect(configuration.effectiveMode == .iptables)
        #expect(warnings.isEmpty)
        #expect(configuration.validationErrors().isEmpty)
    }

    /// kubeadm's kube-proxy ConfigMap: every field present, most of them zero or null.
    @Test func kubeadmsZeroValuedFileGivesTheDefaults() throws {
        let (configuration, warnings) = try load(Self.kubeadmConfigMap)
        var expected = KubeProxyConfiguration()
        expected.clientConnection.kubeconfig = "/var/lib/kube-proxy/kubeconfig.conf"
        expected.clusterCIDR = "10.244.0.0/16,fd00:10:244::/56"
        #expect(configuration == expected)
        #expect(warnings.isEmpty)
    }

    @Test func aFullFileSetsEveryField() throws {
        let (configuration, warnings) = try load(Self.fullFile)
        #expect(warnings.isEmpty)
        #expect(configuration == Self.fullFileConfiguration)
        #expect(configuration.validationErrors().isEmpty)
    }

    @Test func jsonIsReadToo() throws {
        let (configuration, warnings) = try load("""
            {"apiVersion": "kubeproxy.config.k8s.io/v1alpha1", "kind": "KubeProxyConfiguration",
             "mode": "nftables", "nftables": {"syncPeriod": "1m0s", "masqueradeBit": 0},
             "clientConnection": {"qps": 20.5, "burst": 40}, "featureGates": {"A": true},
             "nodePortAddresses": ["primary"]}
            """)
        #expect(warnings.isEmpty)
        #expect(configuration.effectiveMode == .nftables)
        #expect(configuration.nftables.syncPeriod == .seconds(60))
        #expect(configuration.nftables.masqueradeBit == 0)
        #expect(configuration.clientConnection.qps == 20.5 && configuration.clientConnection.burst == 40)
        #expect(configuration.featureGates == ["A": true])
        #expect(configuration.nodePortAddresses == ["primary"])
    }

    @Test func unknownFieldsAreWarningsNamingTheirPath() throws {
        let (configuration, warnings) = try load("""
            apiVersion: kubeproxy.config.k8s.io/v1alpha1
            kind: KubeProxyConfiguration
            udpIdleTimeout: 250ms
            iptables:
              masqueradeAl: true
              syncPeriod: 10s
            conntrack: {max: 0, min: 5}
            logging: {flushFrequency: 5s, options: {json: {infoBufferSize: "0"}}, sanitization: true}
            """)
        #expect(warnings == [
            "iptables.masqueradeAl: unknown field", "conntrack.max: unknown field", "udpIdleTimeout: unknown field",
        ])
        #expect(configuration.iptables.syncPeriod == .seconds(10))
        #expect(configuration.iptables.masqueradeAll == false)
        #expect(configuration.conntrack.min == 5)
    }

    @Test func aDuplicateFieldIsAnError() throws {
        let error = try loadError("""
            apiVersion: kubeproxy.config.k8s.io/v1alpha1
            kind: KubeProxyConfiguration
            mode: ipvs
            mode: nftables
            """)
        #expect(error.origin == "/etc/kube-proxy/config.yaml")
    }

    @Test func zeroValuesTakeDefaultsButPointerFieldsKeepZero() throws {
        let (configuration, _) = try load("""
            apiVersion: kubeproxy.config.k8s.io/v1alpha1
            kind: KubeProxyConfiguration
            iptables: {masqueradeBit: 0, localhostNodePorts: false, syncPeriod: 0s, minSyncPeriod: 0s}
            oomScoreAdj: 0
            conntrack: {maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
            clientConnection: {qps: 0, burst: 0, contentType: ""}
            configSyncPeriod: 0s
            detectLocalMode: ""
            """)
        #expect(configuration.iptables.masqueradeBit == 0)
        #expect(configuration.iptables.localhostNodePorts == false)
        #expect(configuration.iptables.syncPeriod == .seconds(30))
        #expect(configuration.iptables.minSyncPeriod == .seconds(1))
        #expect(configuration.oomScoreAdj == 0)
        #expect(configuration.conntrack.maxPerCore == 0 && configuration.conntrack.min == 0)
        #expect(configuration.conntrack.tcpEstablishedTimeout == .zero)
        #expect(configuration.conntrack.tcpCloseWaitTimeout == .zero)
        #expect(configuration.clientConnection == KubeProxyConfiguration.ClientConnection())
        #expect(configuration.configSyncPeriod == .seconds(900))
        #expect(configuration.detectLocalMode == "ClusterCIDR")
    }

    @Test(arguments: [
        ("bindAddress: \"::\"", "[::]:10256", "[::1]:10249"),
        ("bindAddress: fd00::5", "[::]:10256", "[::1]:10249"),
        ("healthzBindAddress: 0.0.0.0\nmetricsBindAddress: \"::1\"", "0.0.0.0:10256", "[::1]:10249"),
        ("healthzBindAddress: \"[::]:1234\"\nmetricsBindAddress: 0.0.0.0:9999", "[::]:1234", "0.0.0.0:9999"),
    ])
    func bindAddressesDefaultByFamilyAndGetTheirPort(lines: String, healthz: String, metrics: String) throws {
        let (configuration, _) = try load(Self.header + lines)
        #expect(configuration.healthzBindAddress == healthz)
        #expect(configuration.metricsBindAddress == metrics)
    }

    @Test(arguments: [
        ("apiVersion: kubeproxy.config.k8s.io/v1alpha2\nkind: KubeProxyConfiguration", "apiVersion"),
        ("apiVersion: v1\nkind: ConfigMap", "apiVersion"),
        ("apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeletConfiguration", "kind"),
        ("kind: KubeProxyConfiguration", "apiVersion"),
        ("apiVersion: kubeproxy.config.k8s.io/v1alpha1", "kind"),
    ])
    func anotherTypeIsAnError(text: String, field: String) throws {
        let error = try loadError(text)
        #expect(error.field == field)
        #expect(error.message.contains("the accepted value is "))
        #expect(error.description.hasPrefix("/etc/kube-proxy/config.yaml: KubeProxyConfiguration: \(field): "))
    }

    @Test(arguments: [
        ("clientConnection: {qps: five}", "clientConnection.qps", "\"five\" is not a number"),
        ("clientConnection: {burst: \"10\"}", "clientConnection.burst", "\"10\" is not a whole number"),
        ("iptables: {syncPeriod: 30}", "iptables.syncPeriod", "30 is not a duration"),
        ("iptables: {syncPeriod: \"30\"}", "iptables.syncPeriod", "\"30\" is not a duration"),
        ("ipvs: {tcpTimeout: x}", "ipvs.tcpTimeout", "\"x\" is not a duration"),
        ("conntrack: {udpTimeout: 1d}", "conntrack.udpTimeout", "\"1d\" is not a duration"),
        ("conntrack: {maxPerCore: 99999999999}", "conntrack.maxPerCore", "32-bit"),
        ("oomScoreAdj: -99.5", "oomScoreAdj", "-99.5 is not a whole number"),
        ("iptables: {masqueradeAll: \"true\"}", "iptables.masqueradeAll", "is not true or false"),
        ("nodePortAddresses: 10.0.0.0/8", "nodePortAddresses", "is not a list of strings"),
        ("nodePortAddresses: [10.0.0.0/8, 5]", "nodePortAddresses", "is not a list of strings"),
        ("featureGates: {NFTablesProxyMode: maybe}", "featureGates", "names to true or false"),
        ("showHiddenMetricsForVersion: 1.30", "showHiddenMetricsForVersion", "quote"),
        ("hostnameOverride: {name: x}", "hostnameOverride", "an object is not a string"),
        ("iptables: 5", "iptables", "5 is not an object"),
        ("detectLocal: [a]", "detectLocal", "a list is not an object"),
    ])
    func aValueOfTheWrongTypeIsAnErrorNamingTheField(line: String, field: String, message: String) throws {
        let error = try loadError(Self.header + line)
        #expect(error.field == field)
        #expect(error.message.contains(message))
        #expect(error.description.contains("\(field): "))
        #expect(error.origin == "/etc/kube-proxy/config.yaml")
    }

    @Test(arguments: ["", "# only a comment\n", "- a list\n", "mode: [unclosed\n", "just text"])
    func textThatIsNotAnObjectIsAnError(text: String) throws {
        let error = try loadError(text)
        #expect(error.origin == "/etc/kube-proxy/config.yaml")
        #expect(error.object == "KubeProxyConfiguration")
        #expect(!error.description.contains("\n"))
    }

    // MARK: - Fixtures

    /// The first two lines of every file.
    static let header = "apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\n"

    /// The kube-proxy ConfigMap kubeadm writes (`config.conf`), with a dual-stack pod subnet.
    static let kubeadmConfigMap = """
        apiVersion: kubeproxy.config.k8s.io/v1alpha1
        bindAddress: 0.0.0.0
        bindAddressHardFail: false
        clientConnection:
          acceptContentTypes: ""
          burst: 0
          contentType: ""
          kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
          qps: 0
        clusterCIDR: 10.244.0.0/16,fd00:10:244::/56
        configSyncPeriod: 0s
        conntrack:
          maxPerCore: null
          min: null
          tcpBeLiberal: false
          tcpCloseWaitTimeout: null
          tcpEstablishedTimeout: null
          udpStreamTimeout: 0s
          udpTimeout: 0s
        detectLocal:
          bridgeInterface: ""
          interfaceNamePrefix: ""
        detectLocalMode: ""
        enableProfiling: false
        healthzBindAddress: ""
        hostnameOverride: ""
        iptables:
          localhostNodePorts: null
          masqueradeAll: false
          masqueradeBit: null
          minSyncPeriod: 0s
          syncPeriod: 0s
        ipvs:
          excludeCIDRs: null
          minSyncPeriod: 1s
          scheduler: ""
          strictARP: false
          syncPeriod: 0s
          tcpFinTimeout: 0s
          tcpTimeout: 0s
          udpTimeout: 0s
        kind: KubeProxyConfiguration
        logging:
          flushFrequency: 0
          options:
            json:
              infoBufferSize: "0"
            text:
              infoBufferSize: "0"
          verbosity: 0
        metricsBindAddress: ""
        mode: ""
        nftables:
          masqueradeAll: false
          masqueradeBit: null
          minSyncPeriod: 0s
          syncPeriod: 0s
        nodePortAddresses: null
        oomScoreAdj: null
        portRange: ""
        showHiddenMetricsForVersion: ""
        winkernel:
          enableDSR: false
          forwardHealthCheckVip: false
          networkName: ""
          rootHnsEndpointName: ""
          sourceVip: ""
        """

    /// A file with a non-default value in every field.
    static let fullFile = """
        apiVersion: kubeproxy.config.k8s.io/v1alpha1
        kind: KubeProxyConfiguration
        featureGates:
          PreferSameTrafficDistribution: false
          NFTablesProxyMode: true
        clientConnection:
          acceptContentTypes: application/json
          burst: 100
          contentType: application/json
          kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
          qps: 50
        logging:
          flushFrequency: 5s
          format: json
          options:
            json:
              infoBufferSize: "0"
          verbosity: 4
        hostnameOverride: node-1
        bindAddress: 192.168.10.11
        healthzBindAddress: 192.168.10.11:10256
        metricsBindAddress: 0.0.0.0:10249
        bindAddressHardFail: true
        enableProfiling: true
        showHiddenMetricsForVersion: "1.30"
        serviceProxyName: proxyd
        mode: ipvs
        iptables:
          masqueradeAll: true
          masqueradeBit: 15
          localhostNodePorts: false
          minSyncPeriod: 2s
          syncPeriod: 1m0s
        ipvs:
          excludeCIDRs: [10.96.100.0/24, "fd00:1::/64"]
          minSyncPeriod: 5s
          scheduler: wrr
          strictARP: true
          syncPeriod: 45s
          tcpFinTimeout: 30s
          tcpTimeout: 15m0s
          udpTimeout: 5m0s
        nftables:
          masqueradeAll: true
          masqueradeBit: 16
          minSyncPeriod: 500ms
          syncPeriod: 1h0m0s
          tableName: proxyd
        winkernel:
          enableDSR: true
          forwardHealthCheckVip: true
          networkName: vxlan0
          rootHnsEndpointName: cbr0
          sourceVip: 10.244.1.2
        detectLocalMode: InterfaceNamePrefix
        detectLocal:
          bridgeInterface: cni0
          interfaceNamePrefix: veth
        clusterCIDR: 10.244.0.0/16
        nodePortAddresses: [192.168.10.0/24, "fd00:10::/64"]
        oomScoreAdj: -500
        conntrack:
          maxPerCore: 65536
          min: 262144
          tcpBeLiberal: true
          tcpCloseWaitTimeout: 30m0s
          tcpEstablishedTimeout: 12h0m0s
          udpStreamTimeout: 2m0s
          udpTimeout: 30s
        configSyncPeriod: 30m0s
        portRange: 30000-32767
        windowsRunAsService: true
        """

    static var fullFileConfiguration: KubeProxyConfiguration {
        var configuration = KubeProxyConfiguration()
        configuration.featureGates = ["PreferSameTrafficDistribution": false, "NFTablesProxyMode": true]
        configuration.clientConnection.acceptContentTypes = "application/json"
        configuration.clientConnection.burst = 100
        configuration.clientConnection.contentType = "application/json"
        configuration.clientConnection.kubeconfig = "/var/lib/kube-proxy/kubeconfig.conf"
        configuration.clientConnection.qps = 50
        configuration.logging.format = "json"
        configuration.logging.verbosity = 4
        configuration.hostnameOverride = "node-1"
        configuration.bindAddress = "192.168.10.11"
        configuration.healthzBindAddress = "192.168.10.11:10256"
        configuration.metricsBindAddress = "0.0.0.0:10249"
        configuration.bindAddressHardFail = true
        configuration.enableProfiling = true
        configuration.showHiddenMetricsForVersion = "1.30"
        configuration.serviceProxyName = "proxyd"
        configuration.mode = "ipvs"
        configuration.iptables.masqueradeAll = true
        configuration.iptables.masqueradeBit = 15
        configuration.iptables.localhostNodePorts = false
        configuration.iptables.minSyncPeriod = .seconds(2)
        configuration.iptables.syncPeriod = .seconds(60)
        configuration.ipvs.excludeCIDRs = ["10.96.100.0/24", "fd00:1::/64"]
        configuration.ipvs.minSyncPeriod = .seconds(5)
        configuration.ipvs.scheduler = "wrr"
        configuration.ipvs.strictARP = true
        configuration.ipvs.syncPeriod = .seconds(45)
        configuration.ipvs.tcpFinTimeout = .seconds(30)
        configuration.ipvs.tcpTimeout = .seconds(900)
        configuration.ipvs.udpTimeout = .seconds(300)
        configuration.nftables.masqueradeAll = true
        configuration.nftables.masqueradeBit = 16
        configuration.nftables.minSyncPeriod = .milliseconds(500)
        configuration.nftables.syncPeriod = .seconds(3600)
        configuration.nftables.tableName = "proxyd"
        configuration.winkernel.enableDSR = true
        configuration.winkernel.forwardHealthCheckVip = true
        configuration.winkernel.networkName = "vxlan0"
        configuration.winkernel.rootHnsEndpointName = "cbr0"
        configuration.winkernel.sourceVip = "10.244.1.2"
        configuration.detectLocalMode = "InterfaceNamePrefix"
        configuration.detectLocal.bridgeInterface = "cni0"
        configuration.detectLocal.interfaceNamePrefix = "veth"
        configuration.clusterCIDR = "10.244.0.0/16"
        configuration.nodePortAddresses = ["192.168.10.0/24", "fd00:10::/64"]
        configuration.oomScoreAdj = -500
        configuration.conntrack.maxPerCore = 65536
        configuration.conntrack.min = 262_144
        configuration.conntrack.tcpBeLiberal = true
        configuration.conntrack.tcpCloseWaitTimeout = .seconds(1800)
        configuration.conntrack.tcpEstablishedTimeout = .seconds(43200)
        configuration.conntrack.udpStreamTimeout = .seconds(120)
        configuration.conntrack.udpTimeout = .seconds(30)
        configuration.configSyncPeriod = .seconds(1800)
        configuration.portRange = "30000-32767"
        configuration.windowsRunAsService = true
        return configuration
    }
}
