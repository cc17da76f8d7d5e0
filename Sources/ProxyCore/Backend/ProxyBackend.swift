/// A dataplane that programs service graphs into the kernel, one IP family per instance.
///
/// A sync is two steps: ``render(_:diff:)`` is pure (no system calls) and turns the graph, the
/// diff since the last applied graph, and the backend's record of what it applied into a plan;
/// ``apply(_:)`` programs the plan as one atomic transaction and, when that succeeds, records it
/// as applied. A failed apply leaves the kernel as it was; the next sync is then a full one
/// (``GraphSync`` takes care of that).
public protocol ProxyBackend: AnyObject {
    /// What one sync programs (a restore text, a netlink batch, a list of operations).
    associatedtype Plan

    /// A short name for logs and reports (`iptables`, `nftables`, ...).
    var name: String { get }

    /// The IP family this instance programs.
    var family: IPFamily { get }

    /// The plan that brings the kernel from the last applied graph to `graph`.
    /// - Parameters:
    ///   - graph: the desired state.
    ///   - diff: what changed since the last applied graph; with ``GraphDiff/nodeChanged`` set
    ///     (always on the first sync) the plan must be a full one.
    func render(_ graph: ServiceGraph, diff: GraphDiff) throws -> Plan

    /// Programs a plan atomically.
    /// - Throws: the kernel's or the tool's error; nothing was changed then.
    func apply(_ plan: Plan) throws

    /// Removes everything this backend (or upstream kube-proxy in the same mode) owns, and nothing else.
    func cleanup() throws

    /// Whether the kernel state is no longer what was applied (someone flushed the tables): the
    /// next sync must be full. Checked before every incremental sync.
    var requiresFullSync: Bool { get }
}

extension ProxyBackend {
    /// By default a backend trusts its record of what it applied.
    public var requiresFullSync: Bool { false }
}
