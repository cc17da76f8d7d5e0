import ProxyCore

/// The nftables backend for one IP family: our own layout (docs/nftables-layout.md) in table
/// `proxyd`, programmed over netlink with one atomic batch per sync.
///
/// The first sync, and the first after a failure, a node change or the loss of the table, reads
/// the table once and reconciles it, so a restart with nothing changed writes nothing. Every other
/// sync sends only the element and rule changes of the service ports that changed; it reads only
/// the table's handle, to notice a table that was deleted (`nft flush ruleset`).
public final class NftablesProxier: ProxyBackend {
    /// One sync's work.
    public struct Plan {
        enum Work {
            /// Read the table and bring it to this model (first sync, after a failure, node changes).
            case reconcile(TableModel)
            /// Send this batch, which brings the kernel from `base` to the model.
            case batch(TransactionPlanner.Plan, base: CommittedTable)
        }

        let work: Work
        /// UDP frontends whose stale conntrack entries are cleared after the batch.
        let conntrack: [ConntrackCleaner.Target]

        /// The batch, when it is known before applying (not for a reconcile, which reads the table first).
        public var transaction: NftTransaction? {
            if case .batch(let plan, _) = work { plan.transaction } else { nil }
        }
    }

    /// `nftables`.
    public let name = "nftables"
    public let family: IPFamily
    public let renderer: NftablesRenderer
    private let connection: TableConnection
    private let conntrack: ConntrackCleaner?
    private let planner: TransactionPlanner
    /// The desired model; it equals the kernel's table while `committed` is set.
    private var model: TableModel?
    /// What the kernel holds; nil when unknown (before the first sync, after a failure, and while
    /// a rendered plan waits to be applied), so that the next sync reconciles.
    private var committed: CommittedTable?
    /// The kernel's id of the table we programmed.
    private var tableHandle: UInt64?
    /// How many operations the last apply sent (0: it wrote nothing).
    public private(set) var lastOperationCount = 0

    /// - Parameters:
    ///   - family: the IP family to program.
    ///   - renderer: the layout settings (mark bit).
    ///   - connection: the kernel (``NftNetlink``).
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
        // The model and the committed table move into the plan: until it is applied, nothing is
        // known, and a plan that is never applied makes the next sync reconcile.
        let base = committed
        var current = model
        committed = nil
        model = nil
        guard !diff.nodeChanged, let base, var model = current else {
            return Plan(work: .reconcile(renderer.model(of: graph)), conntrack: ConntrackCleaner.targets(of: graph.sortedPorts))
        }
        current = nil  // the model is updated in place: copying it would cost O(table)
        for name in diff.touched { model.update(name, to: graph.ports[name]) }
        let changes = model.takeElementChanges()
        let structure = TableStructure(model)
        let plan = planner.plan(from: base, to: structure, elements: changes) {
            model.elements(of: structure.references[$0]!, sorted: false)
        }
        self.model = model
        return Plan(work: .batch(plan, base: base),
                    conntrack: ConntrackCleaner.targets(of: diff.touched.compactMap { graph.ports[$0] }))
    }

    public func apply(_ plan: Plan) throws {
        let batch: TransactionPlanner.Plan
        var reconciled = false
        switch plan.work {
        case .reconcile(let desired):
            model = desired
            batch = try reconcile(desired)
            reconciled = true
        case .batch(let planned, _):
            batch = planned
        }
        let handles = batch.transaction.isEmpty ? [:] : try connection.apply(batch.transaction)
        let applied = try batch.committed(handles: handles)
        if reconciled || tableHandle == nil { tableHandle = try connection.tableHandle(of: planner.table) }
        committed = applied
        lastOperationCount = batch.transaction.operations.count
        if !plan.conntrack.isEmpty { conntrack?.clean(plan.conntrack) }
    }

    /// Whether the table we programmed is gone (deleted, or deleted and created again): the next
    /// sync must reconcile. One netlink request.
    public var requiresFullSync: Bool {
        guard committed != nil else { return false }
        return (try? connection.tableHandle(of: planner.table)) != tableHandle
    }

    /// The batch that brings the kernel's table, read once, to a model.
    private func reconcile(_ model: TableModel) throws -> TransactionPlanner.Plan {
        let structure = TableStructure(model)
        let snapshot = try connection.snapshot(of: planner.table, expected: structure.sets,
                                               rules: structure.rules.values.flatMap { $0 })
        var changes: [ElementChange] = []
        for (name, reference) in structure.references where snapshot.sets[name] != nil {
            var held = Dictionary(snapshot.elements[name, default: []].map { ($0.key, $0) }) { first, _ in first }
            for element in model.elements(of: reference, sorted: false) {
                let before = held.removeValue(forKey: element.key)
                if before != element { changes.append(ElementChange(set: name, before: before, after: element)) }
            }
            changes += held.values.map { ElementChange(set: name, before: $0, after: nil) }
        }
        return planner.plan(from: CommittedTable(snapshot), to: structure, elements: changes) {
            model.elements(of: structure.references[$0]!, sorted: false)
        }
    }

    /// Deletes the tables `proxyd` and `kube-proxy` of this family, and nothing else. Both are
    /// tried; the first failure is thrown.
    public func cleanup() throws {
        committed = nil
        model = nil
        var failure: Error?
        for name in [NftablesNames.table, NftablesNames.upstreamTable] {
            let table = NftTable(family: family, name: name)
            do {
                _ = try connection.apply(NftTransaction(table: table, operations: [.addTable(comment: nil), .deleteTable]))
            } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
    }
}
