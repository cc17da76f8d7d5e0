import Yams

extension KubeProxyConfiguration {
    /// Reads a configuration file (YAML or JSON) the way kube-proxy reads `--config`.
    ///
    /// Absent and null fields keep their defaults, and so do fields upstream defaults by their zero
    /// value (see `applyZeroValueDefaults`). Unknown fields, at any depth, are not errors: each gives a
    /// warning naming its path, as upstream's lenient decoding logs them. The result is not validated:
    /// apply command-line overrides, then call ``validate(origin:)``.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - origin: where the text came from (its path), named in errors.
    /// - Returns: the configuration, and one warning per unknown field (`iptables.masqueradeAl: unknown field`).
    /// - Throws: ``InputError`` when the text is not YAML or JSON, is not an object, has another
    ///   `apiVersion` or `kind`, or has a value of the wrong type (`clientConnection.qps: "five" is not a number`).
    public static func load(yaml text: String, origin: String) throws -> (configuration: Self, warnings: [String]) {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                throw InputError(
                    object: kind, message: "the file is empty; it needs apiVersion: \(apiVersion) and kind: \(kind)")
            }
            var fields = try ConfigFields(root, path: nil)
            try requireType(&fields)
            var configuration = Self()
            try configuration.read(&fields)
            configuration.applyZeroValueDefaults()
            return (configuration, fields.finish())
        } catch let error as InputError {
            throw error.from(origin)
        } catch {
            throw InputError(origin: origin, object: kind, message: "not valid YAML or JSON: \(Self.oneLine(error))")
        }
    }

    /// A parser error on one line, without the source lines it echoes.
    private static func oneLine(_ error: any Error) -> String {
        let text = "\(error)"
        let message = text.range(of: ":\n").map { String(text[..<$0.lowerBound]) } ?? text
        return message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Checks `apiVersion` and `kind`.
    private static func requireType(_ fields: inout ConfigFields) throws {
        for (field, accepted) in [("apiVersion", apiVersion), ("kind", kind)] {
            var value = ""
            try fields.read(field, into: &value)
            guard value != accepted else { continue }
            let problem = value.isEmpty ? "is required" : "\"\(value)\" is not supported"
            throw InputError(object: kind, field: field, message: "\(problem); the accepted value is \(accepted)")
        }
    }

    private mutating func read(_ fields: inout ConfigFields) throws {
        // Empty until read: their defaults depend on bindAddress's family.
        healthzBindAddress = ""
        metricsBindAddress = ""
        try fields.read("featureGates", into: &featureGates)
        try fields.section("clientConnection") { try clientConnection.read(&$0) }
        try fields.section("logging") { try logging.read(&$0) }
        try fields.read("hostnameOverride", into: &hostnameOverride)
        try fields.read("bindAddress", into: &bindAddress)
        try fields.read("healthzBindAddress", into: &healthzBindAddress)
        try fields.read("metricsBindAddress", into: &metricsBindAddress)
        try fields.read("bindAddressHardFail", into: &bindAddressHardFail)
        try fields.read("enableProfiling", into: &enableProfiling)
        try fields.read("showHiddenMetricsForVersion", into: &showHiddenMetricsForVersion)
        try fields.read("serviceProxyName", into: &serviceProxyName)
        try fields.read("mode", into: &mode)
        try fields.section("iptables") { try iptables.read(&$0) }
        try fields.section("ipvs") { try ipvs.read(&$0) }
        try fields.section("nftables") { try nftables.read(&$0) }
        try fields.section("winkernel") { try winkernel.read(&$0) }
        try fields.read("detectLocalMode", into: &detectLocalMode)
        try fields.section("detectLocal") { try detectLocal.read(&$0) }
        try fields.read("clusterCIDR", into: &clusterCIDR)
        try fields.read("nodePortAddresses", into: &nodePortAddresses)
        try fields.read("oomScoreAdj", into: &oomScoreAdj)
        try fields.section("conntrack") { try conntrack.read(&$0) }
        try fields.read("configSyncPeriod", into: &configSyncPeriod)
        try fields.read("portRange", into: &portRange)
        try fields.read("windowsRunAsService", into: &windowsRunAsService)
    }
}

// MARK: - Sections

extension KubeProxyConfiguration.ClientConnection {
    fileprivate mutating func read(_ fields: inout ConfigFields) throws {
        try fields.read("kubeconfig", into: &kubeconfig)
        try fields.read("acceptContentTypes", into: &acceptContentTypes)
        try fields.read("contentType", into: &contentType)
        try fields.read("qps", into: &qps)
        try fields.read("burst", into: &burst)
    }
}

extension KubeProxyConfiguration.Logging {
    /// Reads `format` and `verbosity`; the other logging fields (`flushFrequency`, `options`, …) are accepted.
    fileprivate mutating func read(_ fields: inout ConfigFields) throws {
        try fields.read("format", into: &format)
        try fields.read("verbosity", into: &verbosity)
        fields.acceptRemaining()
    }
}

extension KubeProxyConfiguration.IPTables {
    fileprivate mutating func read(_ fields: inout ConfigFields) throws {
        try fields.read("masqueradeBit", into: &masqueradeBit)
        try fields.read("masqueradeAll", into: &masqueradeAll)
        try fields.read("localhostNodePorts", into: &localhostNodePorts)
        try fields.read("syncPeriod", into: &syncPeriod)
        try fields.read("minSyncPeriod", into: &minSyncPeriod)
    }
}

extension KubeProxyConfiguration.IPVS {
    fileprivate mutating func read(_ fields: inout ConfigFields) throws {
        try fields.read("syncPeriod", into: &syncPeriod)
        try fields.read("minSyncPeriod", into: &minSyncPeriod)
        try fields.read("scheduler", into: &scheduler)
        try fields.read("excludeCIDRs", into: &excludeCIDRs)
        try fields.read("strictARP", into: &strictARP)
        try fields.read("tcpTimeout", into: &tcpTimeout)
        try fields.read("tcpFinTimeout", into: &tcpFinTimeout)
        try fields.read("udpTimeout", into: &udpTimeout)
    }
}

extension KubeProxyConfiguration.NFTables {
    fileprivate mutating func read(_ fields: inout ConfigFields) throws {
        try fields.read("masqueradeBit", into: &masqueradeBit)
        try fields.read("masqueradeAll", into: &masqueradeAll)
        try fields.read("syncPeriod", into: &syncPeriod)
        try fields.read("minSyncPeriod", into: &minSyncPeriod)
        try fields.read("tableName", into: &tableName)
    }
}

extension KubeProxyConfiguration.Winkernel {
    fileprivate mutating func read(_ fields: inout ConfigFields) throws {
        try fields.read("networkName", into: &networkName)
        try fields.read("sourceVip", into: &sourceVip)
        try fields.read("enableDSR", into: &enableDSR)
        try fields.read("rootHnsEndpointName", into: &rootHnsEndpointName)
        try fields.read("forwardHealthCheckVip", into: &forwardHealthCheckVip)
    }
}

extension KubeProxyConfiguration.DetectLocal {
    fileprivate mutating func read(_ fields: inout ConfigFields) throws {
        try fields.read("bridgeInterface", into: &bridgeInterface)
        try fields.read("interfaceNamePrefix", into: &interfaceNamePrefix)
    }
}

extension KubeProxyConfiguration.Conntrack {
    fileprivate mutating func read(_ fields: inout ConfigFields) throws {
        try fields.read("maxPerCore", into: &maxPerCore)
        try fields.read("min", into: &min)
        try fields.read("tcpEstablishedTimeout", into: &tcpEstablishedTimeout)
        try fields.read("tcpCloseWaitTimeout", into: &tcpCloseWaitTimeout)
        try fields.read("tcpBeLiberal", into: &tcpBeLiberal)
        try fields.read("udpTimeout", into: &udpTimeout)
        try fields.read("udpStreamTimeout", into: &udpStreamTimeout)
    }
}
