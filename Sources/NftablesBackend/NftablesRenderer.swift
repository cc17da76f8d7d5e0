import ProxyCore

/// Renders a service graph as the full `proxyd` table of its family (docs/nftables-layout.md):
/// what `proxyd render --mode nftables` prints and what the kernel holds after a sync.
public struct NftablesRenderer: Sendable {
    /// The bit of the packet mark that asks for masquerade (`nftables.masqueradeBit`).
    public let masqueradeBit: Int

    public init(masqueradeBit: Int = 14) {
        self.masqueradeBit = masqueradeBit
    }

    var masqueradeMark: UInt32 { UInt32(1) << UInt32(masqueradeBit) }

    /// The table for a graph.
    public func render(_ graph: ServiceGraph) -> NftRuleset {
        let model = self.model(of: graph)
        return TableStructure(model).ruleset(model)
    }

    /// The desired model of a graph, built from nothing.
    func model(of graph: ServiceGraph) -> TableModel {
        var model = TableModel(family: graph.family, skeleton: TableSkeleton(node: graph.node, masqueradeMark: masqueradeMark))
        model.recordsChanges = false
        for port in graph.sortedPorts { model.update(port.name, to: port) }
        model.recordsChanges = true
        return model
    }
}
