import ProxyCore

/// The rules of one service port, in the order upstream's `syncProxyRules` writes them.
///
/// Part 1 (``writeFrontends(into:)``) is written on every sync: the jumps from the top-level
/// chains and the REJECT/DROP/ACCEPT rules of the filter table. Part 2 (``writeChains()``) is
/// the service's own nat chains, written only when the service changed.
struct ServicePortRules {
    let port: ServicePortNode
    let node: NodeContext
    let settings: IptablesSettings
    let largeCluster: Bool

    // Computed once: every chain name is a SHA-256, and each is used several times.
    private let name: String
    private let proto: String
    private let svcChain: String
    private let svlChain: String
    private let extChain: String
    private let fwChain: String
    /// Every endpoint a route may use, sorted, and its endpoint chain.
    private let endpointChains: [(endpoint: ServiceEndpoint, chain: String)]
    private let chainOfEndpoint: [ServiceEndpoint: String]

    init(port: ServicePortNode, node: NodeContext, settings: IptablesSettings, largeCluster: Bool) {
        self.port = port
        self.node = node
        self.settings = settings
        self.largeCluster = largeCluster
        name = port.name.description
        proto = port.transport.ruleName
        let hash = IptablesChainNames.serviceHash(port.name)
        svcChain = "KUBE-SVC-" + hash
        svlChain = "KUBE-SVL-" + hash
        extChain = "KUBE-EXT-" + hash
        fwChain = "KUBE-FW-" + hash
        endpointChains = port.reachableEndpoints.map { ($0, IptablesChainNames.endpointChain(port.name, endpoint: $0)) }
        chainOfEndpoint = Dictionary(uniqueKeysWithValues: endpointChains.map { ($0.endpoint, $0.chain) })
    }

    /// `-m tcp -p tcp`.
    private var protocolMatch: [String] { ["-m", proto, "-p", proto] }

    private var internalChain: String { port.internalRoute == .endpoints(.local) ? svlChain : svcChain }
    private var externalPolicyChain: String { port.external?.route == .endpoints(.local) ? svlChain : svcChain }
    private var usesExternalChain: Bool { port.hasEndpoints && port.external != nil }

    private var hasExternalEndpoints: Bool {
        if case .endpoints = port.external?.route { return true }
        return false
    }

    private func comment(_ text: String) -> [String] { IptablesRuleText.comment(text) }

    /// The filter verdict and its comment for traffic without (local) endpoints.
    private func verdict(_ route: TrafficRoute?) -> (target: String, comment: String) {
        route == .reject || !port.hasEndpoints ? ("REJECT", "\(name) has no endpoints") : ("DROP", "\(name) has no local endpoints")
    }

    // MARK: - Part 1: frontends

    func writeFrontends(into ruleset: inout IptablesRuleset) {
        let destination = ["-d", "\(port.clusterIP)", "--dport", "\(port.port)"]
        if case .endpoints = port.internalRoute {
            ruleset.natRules.append(IptablesRuleText.line(
                chain: "KUBE-SERVICES", comment("\(name) cluster IP") + protocolMatch + destination + ["-j", internalChain]))
        } else {
            let (target, text) = verdict(port.internalRoute)
            ruleset.filterRules.append(IptablesRuleText.line(
                chain: "KUBE-SERVICES", comment(text) + protocolMatch + destination + ["-j", target]))
        }
        let (externalTarget, externalComment) = verdict(port.external?.route)
        for address in port.externalIPs {
            let match = protocolMatch + ["-d", "\(address)", "--dport", "\(port.port)"]
            if port.hasEndpoints {
                ruleset.natRules.append(IptablesRuleText.line(
                    chain: "KUBE-SERVICES", comment("\(name) external IP") + match + ["-j", extChain]))
            }
            if !hasExternalEndpoints {
                ruleset.filterRules.append(IptablesRuleText.line(
                    chain: "KUBE-EXTERNAL-SERVICES", comment(externalComment) + match + ["-j", externalTarget]))
            }
        }
        for address in port.loadBalancerIPs {
            let match = protocolMatch + ["-d", "\(address)", "--dport", "\(port.port)"]
            if port.hasEndpoints {
                ruleset.natRules.append(IptablesRuleText.line(
                    chain: "KUBE-SERVICES", comment("\(name) loadbalancer IP") + match
                        + ["-j", port.loadBalancerFirewall != nil ? fwChain : extChain]))
            }
            if port.loadBalancerFirewall != nil {
                ruleset.filterRules.append(IptablesRuleText.line(
                    chain: "KUBE-PROXY-FIREWALL", comment("\(name) traffic not accepted by \(fwChain)") + match + ["-j", "DROP"]))
            }
        }
        if !hasExternalEndpoints {
            for address in port.loadBalancerIPs {
                ruleset.filterRules.append(IptablesRuleText.line(
                    chain: "KUBE-EXTERNAL-SERVICES", comment(externalComment) + protocolMatch
                        + ["-d", "\(address)", "--dport", "\(port.port)", "-j", externalTarget]))
            }
        }
        if let nodePort = port.nodePort {
            if port.hasEndpoints {
                if node.family == .ipv4 && node.localhostNodePorts && settings.nfacct {
                    ruleset.natRules.append(IptablesRuleText.line(
                        chain: "KUBE-NODEPORTS", comment(name) + protocolMatch
                            + ["-d", "127.0.0.0/8", "--dport", "\(nodePort)", "-m", "nfacct", "--nfacct-name",
                               "localhost_nps_accepted_pkts", "-j", extChain]))
                }
                ruleset.natRules.append(IptablesRuleText.line(
                    chain: "KUBE-NODEPORTS", comment(name) + protocolMatch + ["--dport", "\(nodePort)", "-j", extChain]))
            }
            if !hasExternalEndpoints {
                ruleset.filterRules.append(IptablesRuleText.line(
                    chain: "KUBE-EXTERNAL-SERVICES", comment(externalComment) + ["-m", "addrtype", "--dst-type", "LOCAL"]
                        + protocolMatch + ["--dport", "\(nodePort)", "-j", externalTarget]))
            }
        }
        if let healthCheck = port.healthCheckNodePort {
            ruleset.filterRules.append(IptablesRuleText.line(
                chain: "KUBE-NODEPORTS", comment("\(name) health check node port")
                    + ["-m", "tcp", "-p", "tcp", "--dport", "\(healthCheck)", "-j", "ACCEPT"]))
        }
    }

    // MARK: - Part 2: the service's chains

    /// The chain names (EXT, FW, SVC, SVL, SEPs) and rules of this port.
    func writeChains() -> (names: [String], rules: [String]) {
        var names: [String] = []
        var rules: [String] = []
        if case .endpoints = port.internalRoute {
            let match = comment("\(name) cluster IP") + protocolMatch
                + ["-d", "\(port.clusterIP)", "--dport", "\(port.port)"]
            if node.masqueradeAll {
                rules.append(IptablesRuleText.line(chain: internalChain, match + ["-j", "KUBE-MARK-MASQ"]))
            } else if let notLocal = LocalTrafficMatch.notLocal(node.localTraffic) {
                rules.append(IptablesRuleText.line(chain: internalChain, match + notLocal + ["-j", "KUBE-MARK-MASQ"]))
            }
        }
        if usesExternalChain, let external = port.external {
            names.append(extChain)
            if external.masqueradesAll {
                rules.append(IptablesRuleText.line(
                    chain: extChain, comment("masquerade traffic for \(name) external destinations") + ["-j", "KUBE-MARK-MASQ"]))
            } else if external.shortCircuitsLocalTraffic {
                if let local = LocalTrafficMatch.local(node.localTraffic) {
                    rules.append(IptablesRuleText.line(
                        chain: extChain, comment("pod traffic for \(name) external destinations") + local + ["-j", svcChain]))
                }
                rules.append(IptablesRuleText.line(
                    chain: extChain, comment("masquerade LOCAL traffic for \(name) external destinations")
                        + ["-m", "addrtype", "--src-type", "LOCAL", "-j", "KUBE-MARK-MASQ"]))
                rules.append(IptablesRuleText.line(
                    chain: extChain, comment("route LOCAL traffic for \(name) external destinations")
                        + ["-m", "addrtype", "--src-type", "LOCAL", "-j", svcChain]))
            }
            if hasExternalEndpoints {
                rules.append(IptablesRuleText.line(chain: extChain, ["-j", externalPolicyChain]))
            }
        }
        if let firewall = port.loadBalancerFirewall {
            names.append(fwChain)
            let head = comment("\(name) loadbalancer IP")
            for source in firewall.sourceRanges {
                rules.append(IptablesRuleText.line(chain: fwChain, head + ["-s", "\(source)", "-j", extChain]))
            }
            for source in firewall.allowedLoadBalancerSources {
                rules.append(IptablesRuleText.line(chain: fwChain, head + ["-s", "\(source)", "-j", extChain]))
            }
            rules.append(IptablesRuleText.line(
                chain: fwChain, comment("other traffic to \(name) will be dropped by KUBE-PROXY-FIREWALL")))
        }
        if !port.clusterEndpoints.isEmpty {
            names.append(svcChain)
            rules += endpointJumps(chain: svcChain, endpoints: port.clusterEndpoints)
        }
        if !port.localEndpoints.isEmpty {
            names.append(svlChain)
            rules += endpointJumps(chain: svlChain, endpoints: port.localEndpoints)
        }
        for (endpoint, chain) in endpointChains {
            names.append(chain)
            let head = largeCluster ? [] : comment(name)
            rules.append(IptablesRuleText.line(chain: chain, head + ["-s", "\(endpoint.address)", "-j", "KUBE-MARK-MASQ"]))
            let affinity = port.sessionAffinityTimeout == nil ? [] : ["-m", "recent", "--name", chain, "--set"]
            rules.append(IptablesRuleText.line(
                chain: chain, head + affinity + protocolMatch + ["-j", "DNAT", "--to-destination", endpoint.description]))
        }
        return (names, rules)
    }

    /// The load-balancing rules from a policy chain to endpoint chains.
    private func endpointJumps(chain: String, endpoints: [ServiceEndpoint]) -> [String] {
        var rules: [String] = []
        let chains = endpoints.map { chainOfEndpoint[$0]! }
        if let timeout = port.sessionAffinityTimeout {
            for (endpoint, target) in zip(endpoints, chains) {
                let head = largeCluster ? [] : comment("\(name) -> \(endpoint)")
                rules.append(IptablesRuleText.line(
                    chain: chain, head + ["-m", "recent", "--name", target, "--rcheck", "--seconds", "\(timeout)", "--reap",
                                          "-j", target]))
            }
        }
        for (index, (endpoint, target)) in zip(endpoints, chains).enumerated() {
            var arguments = largeCluster ? [] : comment("\(name) -> \(endpoint)")
            if index < endpoints.count - 1 {
                arguments += ["-m", "statistic", "--mode", "random", "--probability",
                              Probability.format(1.0 / Double(endpoints.count - index))]
            }
            rules.append(IptablesRuleText.line(chain: chain, arguments + ["-j", target]))
        }
        return rules
    }
}
