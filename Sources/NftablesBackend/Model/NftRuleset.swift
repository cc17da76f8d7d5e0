/// Everything one table holds: the full desired state that a render produces and `nft -f` loads.
public struct NftRuleset: Hashable, Sendable {
    public let table: NftTable
    public var comment: String?
    /// Sets and maps, in declaration order.
    public var sets: [NftSet] = []
    /// The elements of each set, by set name.
    public var elements: [String: [NftElement]] = [:]
    /// Chains, in declaration order.
    public var chains: [NftChain] = []
    /// The rules of each chain, in order, by chain name.
    public var rules: [String: [NftRule]] = [:]

    public init(table: NftTable, comment: String? = nil) {
        self.table = table
        self.comment = comment
    }

    /// The set with a name, if declared.
    public func set(named name: String) -> NftSet? { sets.first { $0.name == name } }
}
