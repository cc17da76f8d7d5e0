extension KubeProxyConfiguration {
    /// The IPVS schedulers upstream accepts; empty means `rr`.
    private static let ipvsSchedulers = ["rr", "wrr", "lc", "wlc", "lblc", "lblcr", "sh", "dh", "sed", "nq", "mh"]

    /// Checks the configuration with upstream's Linux rules (`pkg/proxy/apis/config/validation`).
    ///
    /// Call it after command-line overrides are applied. The iptables section is always checked (its
    /// masquerade settings serve ipvs mode too); the ipvs and nftables sections only in their mode.
    /// - Parameter origin: where the configuration came from, for the errors (the file path).
    /// - Throws: the first of ``validationErrors(origin:)``.
    public func validate(origin: String? = nil) throws {
        if let error = validationErrors(origin: origin).first { throw error }
    }

    /// Every rule the configuration breaks, one ``InputError`` each, naming the field
    /// (`iptables.masqueradeBit: 32 is not in 0..31`); empty when it is valid.
    /// - Parameter origin: where the configuration came from, for the errors (the file path).
    public func validationErrors(origin: String? = nil) -> [InputError] {
        var check = Checker(origin: origin)
        check.require(
            mode.isEmpty || ProxyMode(rawValue: mode) != nil, "mode",
            "\"\(mode)\" is not a proxy mode; use iptables, ipvs or nftables (blank means iptables)")
        check.inRange(iptables.masqueradeBit, 0...31, "iptables.masqueradeBit")
        check.syncPeriods("iptables", sync: iptables.syncPeriod, min: iptables.minSyncPeriod)
        if effectiveMode == .ipvs {
            check.syncPeriods("ipvs", sync: ipvs.syncPeriod, min: ipvs.minSyncPeriod)
            check.require(
                ipvs.scheduler.isEmpty || Self.ipvsSchedulers.contains(ipvs.scheduler), "ipvs.scheduler",
                "\"\(ipvs.scheduler)\" is not an IPVS scheduler; use one of "
                    + Self.ipvsSchedulers.joined(separator: ", ") + " (blank means rr)")
            for (index, text) in ipvs.excludeCIDRs.enumerated() {
                check.require(CIDR(text) != nil, "ipvs.excludeCIDRs[\(index)]", "\"\(text)\" is not a valid CIDR")
            }
            check.notNegative(ipvs.tcpTimeout, "ipvs.tcpTimeout")
            check.notNegative(ipvs.tcpFinTimeout, "ipvs.tcpFinTimeout")
            check.notNegative(ipvs.udpTimeout, "ipvs.udpTimeout")
        }
        if effectiveMode == .nftables {
            check.inRange(nftables.masqueradeBit, 0...31, "nftables.masqueradeBit")
            check.syncPeriods("nftables", sync: nftables.syncPeriod, min: nftables.minSyncPeriod)
        }

        check.notNegative(conntrack.maxPerCore, "conntrack.maxPerCore")
        check.notNegative(conntrack.min, "conntrack.min")
        check.notNegative(conntrack.tcpEstablishedTimeout, "conntrack.tcpEstablishedTimeout")
        check.notNegative(conntrack.tcpCloseWaitTimeout, "conntrack.tcpCloseWaitTimeout")
        check.notNegative(conntrack.udpTimeout, "conntrack.udpTimeout")
        check.notNegative(conntrack.udpStreamTimeout, "conntrack.udpStreamTimeout")
        check.inRange(oomScoreAdj, -1000...1000, "oomScoreAdj")
        check.notNegative(clientConnection.qps, "clientConnection.qps")
        check.notNegative(clientConnection.burst, "clientConnection.burst")
        check.require(
            configSyncPeriod > .zero, "configSyncPeriod", "\(GoDuration(configSyncPeriod)) must be greater than 0")

        check.parse(parsedBindAddress)
        if !healthzBindAddress.isEmpty { check.hostPort(healthzBindAddress, "healthzBindAddress") }
        check.hostPort(metricsBindAddress, "metricsBindAddress")
        check.parse(parsedClusterCIDRs)
        check.parse(parsedNodePortAddresses)
        check.parse(parsedLocalTrafficDetection)

        check.require(
            showHiddenMetricsForVersion.isEmpty || Self.isMinorVersion(showHiddenMetricsForVersion),
            "showHiddenMetricsForVersion", "\"\(showHiddenMetricsForVersion)\" is not a version like 1.30")
        check.require(
            Self.isPortRange(portRange), "portRange",
            "\"\(portRange)\" is not a port range like 30000-32767 or 30000+2767")
        check.require(
            ["text", "json"].contains(logging.format), "logging.format",
            "\"\(logging.format)\" is not a log format; use text or json")
        check.notNegative(logging.verbosity, "logging.verbosity")
        return check.errors
    }

    /// `MAJOR.MINOR`, as `showHiddenMetricsForVersion` is written.
    private static func isMinorVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// Upstream's `ParsePortRange`: empty, `PORT`, `LOW-HIGH` or `BASE+OFFSET`, within 0...65535.
    private static func isPortRange(_ text: String) -> Bool {
        let value = text.trimmingSpaces
        guard !value.isEmpty else { return true }
        let low: Int?
        let high: Int?
        switch (value.firstIndex(of: "-"), value.firstIndex(of: "+")) {
        case (nil, nil):
            (low, high) = (Int(value), Int(value))
        case (let hyphen?, nil):
            (low, high) = (Int(value[..<hyphen]), Int(value[value.index(after: hyphen)...]))
        case (nil, let plus?):
            low = Int(value[..<plus])
            high = Int(value[value.index(after: plus)...]).flatMap { offset in low.map { $0 + offset } }
        default:
            return false
        }
        guard let low, let high else { return false }
        return low <= high && high <= 65535
    }
}

/// Collects the errors of ``KubeProxyConfiguration/validationErrors(origin:)``.
private struct Checker {
    let origin: String?
    var errors: [InputError] = []

    mutating func require(_ condition: Bool, _ field: String, _ message: @autoclosure () -> String) {
        if !condition { fail(field, message()) }
    }

    mutating func fail(_ field: String, _ message: String) {
        errors.append(InputError(origin: origin, object: KubeProxyConfiguration.kind, field: field, message: message))
    }

    mutating func inRange(_ value: Int, _ range: ClosedRange<Int>, _ field: String) {
        require(range.contains(value), field, "\(value) is not in \(range.lowerBound)..\(range.upperBound)")
    }

    mutating func notNegative(_ value: some Comparable & AdditiveArithmetic, _ field: String) {
        let shown = (value as? Duration).map { GoDuration($0).description } ?? "\(value)"
        require(value >= .zero, field, "\(shown) must not be negative")
    }

    /// A section's `syncPeriod` (more than 0) and `minSyncPeriod` (0 or more, at most `syncPeriod`).
    mutating func syncPeriods(_ section: String, sync: Duration, min: Duration) {
        require(sync > .zero, "\(section).syncPeriod", "\(GoDuration(sync)) must be greater than 0")
        notNegative(min, "\(section).minSyncPeriod")
        // Compared only when syncPeriod is valid, so that one mistake gives one error.
        require(
            min <= sync || sync <= .zero, "\(section).minSyncPeriod",
            "\(GoDuration(min)) is longer than \(section).syncPeriod (\(GoDuration(sync))); it must be at most that")
    }

    /// `IP:port` (`0.0.0.0:10256`, `[::]:10256`) with a port in 1...65535, as upstream's `validateHostPort`.
    mutating func hostPort(_ text: String, _ field: String) {
        guard let (host, port) = Self.splitHostPort(text) else {
            fail(field, "\"\(text)\" is not IP:port, like 0.0.0.0:10256 or [::]:10256")
            return
        }
        require(IPAddress(host) != nil, field, "\"\(host)\" in \"\(text)\" is not an IP address")
        require(
            Int(port).map { (1...65535).contains($0) } ?? false, field,
            "port \"\(port)\" of \"\(text)\" is not in 1..65535")
    }

    /// Go's `net.SplitHostPort` for `host:port` and `[host]:port`; nil when the text is neither.
    private static func splitHostPort(_ text: String) -> (host: Substring, port: Substring)? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = text[..<colon]
        let port = text[text.index(after: colon)...]
        if host.first == "[" {
            guard host.last == "]" else { return nil }
            host = host.dropFirst().dropLast()
        } else if host.contains(where: { ":[]".contains($0) }) {
            return nil
        }
        return port.contains(where: { "[]".contains($0) }) ? nil : (host, port)
    }

    /// Records the error a parse throws.
    mutating func parse<Value>(_ parse: () throws(InputError) -> Value) {
        do {
            _ = try parse()
        } catch {
            errors.append(origin.map(error.from) ?? error)
        }
    }
}
