import ProxyCore

/// Renders a service graph as kube-proxy's iptables ruleset: the same chains, hashes, comments,
/// marks and rule order, written for `iptables-restore --noflush`.
///
/// A full render writes every chain. A partial one (KEP-3453) always rewrites the filter table
/// and the top-level nat chains, but writes the per-service chains (`KUBE-SVC-`, `KUBE-SVL-`,
/// `KUBE-EXT-`, `KUBE-FW-`, `KUBE-SEP-`) only for the services it is told changed; chains that
/// are no longer used are flushed and deleted. Rendering is pure.
public struct IptablesRenderer: Sendable {
    public let settings: IptablesSettings

    public init(settings: IptablesSettings) {
        self.settings = settings
    }

    /// A rendered ruleset and the per-service nat chains the graph uses.
    public struct Output: Sendable {
        public let ruleset: IptablesRuleset
        /// Every per-service nat chain of the graph, written or not: what exists after applying.
        public let serviceChains: Set<String>
    }

    /// Renders a graph.
    /// - Parameters:
    ///   - graph: the desired state.
    ///   - services: the services whose chains are written; nil writes all of them (a full sync).
    ///   - staleChains: per-service chains that exist but are no longer used; flushed and deleted.
    public func render(_ graph: ServiceGraph, rewriting services: Set<NamespacedName>? = nil,
                       staleChains: Set<String> = []) -> Output {
        let node = graph.node
        let ipv4 = node.family == .ipv4
        var ruleset = IptablesRuleset()
        let mark = settings.mark
        ruleset.filterChains = ["KUBE-SERVICES", "KUBE-EXTERNAL-SERVICES", "KUBE-FORWARD", "KUBE-NODEPORTS",
                                "KUBE-PROXY-FIREWALL"]
        ruleset.natChains = ["KUBE-SERVICES", "KUBE-NODEPORTS", "KUBE-POSTROUTING", "KUBE-MARK-MASQ"]
        ruleset.natRules = [
            "-A KUBE-POSTROUTING -m mark ! --mark \(mark)/\(mark) -j RETURN",
            "-A KUBE-POSTROUTING -j MARK --xor-mark \(mark)",
            IptablesRuleText.line(chain: "KUBE-POSTROUTING", IptablesRuleText.comment("kubernetes service traffic requiring SNAT")
                + ["-j", "MASQUERADE"] + (settings.randomFully ? ["--random-fully"] : [])),
            "-A KUBE-MARK-MASQ -j MARK --or-mark \(mark)",
        ]
        if ipv4 && node.localhostNodePorts {
            ruleset.filterChains.append("KUBE-FIREWALL")
            ruleset.filterRules.append(IptablesRuleText.line(
                chain: "KUBE-FIREWALL", IptablesRuleText.comment("block incoming localnet connections")
                    + ["-d", "127.0.0.0/8", "!", "-s", "127.0.0.0/8", "-m", "conntrack", "!", "--ctstate",
                       "RELATED,ESTABLISHED,DNAT", "-j", "DROP"]))
        }

        let ports = graph.sortedPorts
        let largeCluster = ports.reduce(0) { $0 + $1.listedEndpointCount } > settings.largeClusterEndpointThreshold
        var serviceChains: Set<String> = []
        for port in ports {
            let writer = ServicePortRules(port: port, node: node, settings: settings, largeCluster: largeCluster)
            writer.writeFrontends(into: &ruleset)
            let chains = writer.writeChains()
            serviceChains.formUnion(chains.names)
            if services == nil || services!.contains(port.name.service) {
                ruleset.natChains += chains.names
                ruleset.natRules += chains.rules
            }
        }

        for chain in staleChains.subtracting(serviceChains).sorted() {
            ruleset.natChains.append(chain)
            ruleset.natRules.append("-X \(chain)")
        }
        ruleset.natRules += nodePortsJumps(node)
        if settings.dropInvalid {
            ruleset.filterRules.append(["-A", "KUBE-FORWARD", "-m", "conntrack", "--ctstate", "INVALID"]
                .joined(separator: " ") + (settings.nfacct ? " -m nfacct --nfacct-name ct_state_invalid_dropped_pkts" : "")
                + " -j DROP")
        }
        ruleset.filterRules.append(IptablesRuleText.line(
            chain: "KUBE-FORWARD", IptablesRuleText.comment("kubernetes forwarding rules")
                + ["-m", "mark", "--mark", "\(mark)/\(mark)", "-j", "ACCEPT"]))
        ruleset.filterRules.append(IptablesRuleText.line(
            chain: "KUBE-FORWARD", IptablesRuleText.comment("kubernetes forwarding conntrack rule")
                + ["-m", "conntrack", "--ctstate", "RELATED,ESTABLISHED", "-j", "ACCEPT"]))
        return Output(ruleset: ruleset, serviceChains: serviceChains)
    }

    /// The last rules of nat KUBE-SERVICES: traffic to the node's NodePort addresses goes to KUBE-NODEPORTS.
    private func nodePortsJumps(_ node: NodeContext) -> [String] {
        let comment = IptablesRuleText.comment("kubernetes service nodeports; NOTE: this must be the last rule in this chain")
        switch node.nodePortAddresses {
        case .allLocal:
            var extra: [String] = []
            if node.family == .ipv6 {
                extra = ["!", "-d", "::1/128"]
            } else if !node.localhostNodePorts {
                extra = ["!", "-d", "127.0.0.0/8"]
            }
            return [IptablesRuleText.line(
                chain: "KUBE-SERVICES", comment + ["-m", "addrtype", "--dst-type", "LOCAL"] + extra + ["-j", "KUBE-NODEPORTS"])]
        case .only(let addresses):
            return addresses.filter { !$0.isLoopback || node.localhostNodePorts }.map { address in
                IptablesRuleText.line(chain: "KUBE-SERVICES", comment + ["-d", "\(address)", "-j", "KUBE-NODEPORTS"])
            }
        }
    }
}
