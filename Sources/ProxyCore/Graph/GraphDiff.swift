/// What changed between two service graphs: the service ports whose rules must be rewritten.
public struct GraphDiff: Hashable, Sendable {
    public var added: Set<ServicePortName> = []
    public var removed: Set<ServicePortName> = []
    public var changed: Set<ServicePortName> = []
    /// Whether the node context changed, which changes every rule: backends resync fully.
    public var nodeChanged: Bool = false

    public init(
        added: Set<ServicePortName> = [], removed: Set<ServicePortName> = [], changed: Set<ServicePortName> = [],
        nodeChanged: Bool = false
    ) {
        self.added = added
        self.removed = removed
        self.changed = changed
        self.nodeChanged = nodeChanged
    }

    /// Compares two graphs port by port (O(ports)); with no old graph everything is added.
    public static func between(_ old: ServiceGraph?, _ new: ServiceGraph) -> GraphDiff {
        guard let old else { return GraphDiff(added: Set(new.ports.keys), nodeChanged: true) }
        var diff = GraphDiff(nodeChanged: old.node != new.node)
        diff.record(old: old, new: new, names: Set(old.ports.keys).union(new.ports.keys))
        return diff
    }

    /// Records the differences of the named ports only (O(names)).
    mutating func record(old: ServiceGraph, new: ServiceGraph, names: Set<ServicePortName>) {
        for name in names { record(name, before: old.ports[name], after: new.ports[name]) }
    }

    /// Records the differences between the ports of one service before and after a change.
    mutating func record(before: [ServicePortNode], after: [ServicePortNode]) {
        let old = Dictionary(before.map { ($0.name, $0) }) { first, _ in first }
        let new = Dictionary(after.map { ($0.name, $0) }) { first, _ in first }
        for name in Set(old.keys).union(new.keys) { record(name, before: old[name], after: new[name]) }
    }

    private mutating func record(_ name: ServicePortName, before: ServicePortNode?, after: ServicePortNode?) {
        switch (before, after) {
        case (nil, .some): added.insert(name)
        case (.some, nil): removed.insert(name)
        case (.some(let before), .some(let after)) where before != after: changed.insert(name)
        default: break
        }
    }

    /// Every port that was added, removed or changed.
    public var touched: Set<ServicePortName> { added.union(removed).union(changed) }

    /// Whether nothing changed.
    public var isEmpty: Bool { !nodeChanged && added.isEmpty && removed.isEmpty && changed.isEmpty }
}
