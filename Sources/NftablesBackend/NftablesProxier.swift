import ProxyCore

/// The nftables backend for one IP family: our own layout (docs/nftables-layout.md) in table
/// `proxyd`, programmed over netlink with one atomic batch per sync.
///
/// The first sync, and the first after a failure or a node change, reads the table once and
/// reconciles it, so a restart with nothing changed writes nothing. Every other sync sends only
/// the element and rule changes of the service ports that changed, and never reads the table.
public final class NftablesProxier: ProxyBackend {
    /// One sync's work.
    public struct Plan {
        enum Work {
            /// Read the table and bring it to this model (first sync, after a failure, node changes).
            case reconcile(TableModel)
            /// Send this batch.
            case batch(TransactionPlanner.Plan)
        }

        let work: Work
        /// UDP frontends whose stale conntrack entries are cleared after the batch.
        let conntrack: [ConntrackCleaner.Target]

        /// The batch, when it is known before applying (not for a reconcile, which reads the table first).
        public var transaction: NftTransaction? {
            if case .batch(let plan) = work { plan.transaction } else { nil }
        }
    }

    public let name = "nftables"
    public let family: IPFamily
    public let renderer: NftablesRenderer
    private let connection: TableConnection
    private let conntrack: ConntrackCleaner?
    private let planner: TransactionPlanner
    /// The desired model; it equals the kernel's table when `committed` is set.
    private var model: TableModel?
    private var committed: CommittedTable?
    /// How many operations the last apply sent (0: it wrote nothing).
    public private(set) var lastOperationCount = 0

    /// - Parameters:
    ///   - family: the IP family to program.
    ///   - renderer: the layout settings (mark bit).
    ///   - connection: the kernel (``NetlinkConnection``).
    ///   - runner: where `conntrack` runs to clear stale UDP entries; nil to skip that.
    public init(family: IPFamily, renderer: NftablesRenderer = NftablesRenderer(), connection: TableConnection,
                runner: CommandRunner? = .current) {
        self.family = family
        self.renderer = renderer
        self.connection = connection
        self.conntrack = runner.map { ConntrackCleaner(ipv6: family == .ipv6, runner: $0) }
        self.planner = TransactionPlanner(table: NftTable(family: family, name: NftablesNames.table))
    }

    public func render(_ graph: ServiceGraph, diff: GraphDiff) throws -> Plan {
        guard !diff.nodeChanged, committed != nil, var model else {
            self.model = nil
            return Plan(work: .reconcile(renderer.model(of: graph)), conntrack: ConntrackCleaner.targets(of: graph.sortedPorts))
        }
        // The model is updated in place (copying it would cost O(table)); if the batch fails,
        // `committed` is cleared and the next sync reconciles from a fresh model.
        self.model = nil
        for name in diff.touched { model.update(name, to: graph.ports[name]) }
        let changes = model.takeChangedSlots().map { ElementChange(set: $0.slot.set.name, before: $0.before, after: $0.after) }
        let structure = TableStructure(model)
        let plan = planner.plan(from: committed!, to: structure, elements: changes) { model.elements(of: structure.references[$0]!, sorted: false) }
        self.model = model
        return Plan(work: .batch(plan), conntrack: ConntrackCleaner.targets(of: diff.touched.compactMap { graph.ports[$0] }))
    }

    public func apply(_ plan: Plan) throws {
        let batch: TransactionPlanner.Plan
        switch plan.work {
        case .reconcile(let model):
            self.model = model
            batch = try reconcile(model)
        case .batch(let planned):
            batch = planned
        }
        do {
            let handles = batch.transaction.isEmpty ? [:] : try connection.apply(batch.transaction)
            committed = try batch.committed(handles: handles)
            lastOperationCount = batch.transaction.operations.count
        } catch {
            committed = nil
            throw error
        }
        if !plan.conntrack.isEmpty { conntrack?.clean(plan.conntrack) }
    }

    /// The batch that brings the kernel's table, read once, to a model.
    private func reconcile(_ model: TableModel) throws -> TransactionPlanner.Plan {
        committed = nil
        let structure = TableStructure(model)
        let snapshot = try connection.snapshot(of: planner.table, expected: structure.sets,
                                               rules: structure.rules.values.flatMap { $0 })
        var table = CommittedTable(exists: snapshot.exists, sets: snapshot.sets)
        for (name, chain) in snapshot.chains {
            table.chains[name] = CommittedTable.Chain(chain: chain.chain,
                                                      rules: chain.rules.map { CommittedTable.Rule(rule: $0.rule, handle: $0.handle) })
        }
        var changes: [ElementChange] = []
        for (name, reference) in structure.references where snapshot.sets[name] != nil {
            var held = Dictionary(snapshot.elements[name, default: []].map { ($0.key, $0) }) { first, _ in first }
            for element in model.elements(of: reference) {
                let before = held.removeValue(forKey: element.key)
                if before != element { changes.append(ElementChange(set: name, before: before, after: element)) }
            }
            changes += held.values.map { ElementChange(set: name, before: $0, after: nil) }
        }
        return planner.plan(from: table, to: structure, elements: changes) { model.elements(of: structure.references[$0]!, sorted: false) }
    }

    public func cleanup() throws {
        for name in [NftablesNames.table, NftablesNames.upstreamTable] {
            let table = NftTable(family: family, name: name)
            try connection.apply(NftTransaction(table: table, operations: [.addTable(comment: nil), .deleteTable]))
        }
        committed = nil
        model = nil
    }
}
