import ProxyCore

/// The iptables backend for one IP family: kube-proxy's ruleset, applied with one
/// `iptables-restore --noflush` transaction per sync, rewriting only the chains of changed
/// services after the first full sync.
public final class IptablesProxier: ProxyBackend {
    /// One sync's work.
    public struct Plan: Sendable {
        public let ruleset: IptablesRuleset
        /// Per-service chains the kernel holds once the plan is applied.
        public let serviceChains: Set<String>
        /// Whether this is a full sync: jumps and canaries are ensured, and leftover per-service
        /// chains found in the kernel are deleted.
        public let full: Bool
        /// UDP frontends whose stale conntrack entries are cleared after the restore.
        let conntrackTargets: [ConntrackCleaner.Target]
        /// Whether NodePorts answer on 127.0.0.1, which needs `route_localnet`.
        let localhostNodePorts: Bool
    }

    public let name = "iptables"
    public let family: IPFamily
    public let variant: IptablesVariant
    public let renderer: IptablesRenderer
    private let commands: IptablesCommands
    /// Per-service chains in the kernel after the last successful apply; nil when unknown.
    private var appliedChains: Set<String>?

    /// - Parameters:
    ///   - family: the IP family to program.
    ///   - variant: the node's iptables (``IptablesVariant/detect(runner:)``).
    ///   - settings: kube-proxy's iptables settings.
    ///   - runner: where commands run: the current namespace, or one a test created.
    public init(family: IPFamily, variant: IptablesVariant, settings: IptablesSettings = IptablesSettings(),
                runner: CommandRunner = .current) {
        self.family = family
        self.variant = variant
        self.renderer = IptablesRenderer(settings: settings)
        self.commands = IptablesCommands(variant: variant, ipv6: family == .ipv6, runner: runner)
    }

    public func render(_ graph: ServiceGraph, diff: GraphDiff) throws -> Plan {
        let full = diff.nodeChanged || appliedChains == nil
        let changed = Set(diff.touched.map(\.service))
        let output = renderer.render(graph, rewriting: full ? nil : changed, staleChains: full ? [] : appliedChains ?? [])
        let udpPorts = graph.sortedPorts.filter { full || diff.touched.contains($0.name) }
        return Plan(ruleset: output.ruleset, serviceChains: output.serviceChains, full: full,
                    conntrackTargets: ConntrackCleaner.targets(of: udpPorts),
                    localhostNodePorts: graph.node.family == .ipv4 && graph.node.localhostNodePorts)
    }

    public func apply(_ plan: Plan) throws {
        var ruleset = plan.ruleset
        if plan.full {
            // One read of the tables: what a full sync must add (jumps, canaries) or delete
            // (leftover per-service chains). Everything then goes into the one restore.
            let snapshot = IptablesSnapshot(commands.save() ?? "")
            addMissingChainsAndJumps(to: &ruleset, snapshot: snapshot)
            let leftovers = (snapshot.chains[.nat] ?? []).filter(IptablesJumps.isServiceChain)
            for chain in leftovers.subtracting(plan.serviceChains).sorted() {
                ruleset.natChains.append(chain)
                ruleset.natRules.append("-X \(chain)")
            }
            if plan.localhostNodePorts {
                // Per network namespace: lets DNAT send 127.0.0.1 traffic to a pod, as upstream does.
                try commands.sysctl("net.ipv4.conf.all.route_localnet", "1")
            }
        }
        do {
            try commands.restore(ruleset.restoreText)
        } catch {
            appliedChains = nil
            throw error
        }
        appliedChains = plan.serviceChains
        if !plan.conntrackTargets.isEmpty {
            ConntrackCleaner(ipv6: family == .ipv6, runner: commands.runner).clean(plan.conntrackTargets)
        }
    }

    /// Whether the canary chain is gone (someone flushed the tables): the next sync must be full.
    public var requiresFullSync: Bool { appliedChains != nil && canaryMissing }

    /// Whether `KUBE-PROXY-CANARY` is missing from the mangle table.
    public var canaryMissing: Bool {
        !commands.succeeds(["-S", IptablesJumps.canary, "-t", IptablesTable.mangle.rawValue])
    }

    /// Forgets what was applied, so that the next sync is full.
    public func forceFullSync() { appliedChains = nil }

    public func cleanup() throws {
        for jump in IptablesJumps.all where jump.target != "KUBE-FIREWALL" {
            while commands.succeeds(["-D", jump.source, "-t", jump.table.rawValue] + jump.arguments) {}
        }
        var ruleset = IptablesRuleset()
        for (table, topLevel) in IptablesJumps.ownedTopLevel {
            let existing = commands.chains(in: table)
            let owned = existing.filter { topLevel.contains($0) || (table == .nat && IptablesJumps.isServiceChain($0)) }
            if table == .nat {
                ruleset.natChains += owned
                ruleset.natRules += owned.map { "-X \($0)" }
            } else {
                ruleset.filterChains += owned
                ruleset.filterRules += owned.map { "-X \($0)" }
            }
        }
        try commands.restore(ruleset.restoreText)
        for table in IptablesJumps.canaryTables where commands.succeeds(["-S", IptablesJumps.canary, "-t", table.rawValue]) {
            try commands.run(["-X", IptablesJumps.canary, "-t", table.rawValue])
        }
        appliedChains = nil
    }

    // MARK: - Full-sync housekeeping

    /// Adds the canary chains and the jumps from the built-in chains that the tables lack, as
    /// upstream's EnsureChain and EnsureRule(Prepend) would, but inside the restore.
    private func addMissingChainsAndJumps(to ruleset: inout IptablesRuleset, snapshot: IptablesSnapshot) {
        func declare(_ chain: String, in table: IptablesTable) {
            guard !snapshot.hasChain(chain, in: table) else { return }
            switch table {
            case .mangle: if !ruleset.mangleChains.contains(chain) { ruleset.mangleChains.append(chain) }
            case .filter: if !ruleset.filterChains.contains(chain) { ruleset.filterChains.append(chain) }
            case .nat: if !ruleset.natChains.contains(chain) { ruleset.natChains.append(chain) }
            }
        }
        for table in IptablesJumps.canaryTables { declare(IptablesJumps.canary, in: table) }
        var inserts: [IptablesTable: [String]] = [:]
        for jump in IptablesJumps.all where !snapshot.hasJump(jump) {
            declare(jump.target, in: jump.table)
            let rule = (["-I", jump.source, "1"] + jump.arguments.map { $0.contains(" ") ? "\"\($0)\"" : $0 })
                .joined(separator: " ")
            inserts[jump.table, default: []].append(rule)
        }
        ruleset.filterRules.insert(contentsOf: inserts[.filter] ?? [], at: 0)
        ruleset.natRules.insert(contentsOf: inserts[.nat] ?? [], at: 0)
    }
}
