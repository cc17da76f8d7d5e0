/// What the kernel holds of our table, as far as planning the next batch needs to know: the
/// sets, the chains, and every rule with the handle the kernel gave it. Elements are not kept
/// here; ``TableModel`` knows them once they are applied.
struct CommittedTable: Equatable {
    /// A chain in the kernel and its rules; the chain is nil when it is one the model cannot
    /// describe (it is replaced).
    struct Chain: Equatable {
        let chain: NftChain?
        var rules: [CommittedRule]
    }

    /// Whether the table exists.
    var exists = false
    /// Sets by name, with their definition; nil for a set whose definition is not one we know
    /// (it is replaced).
    var sets: [String: NftSet?] = [:]
    var chains: [String: Chain] = [:]

    /// Nothing: the table does not exist.
    static let absent = CommittedTable()

    /// What a snapshot of the kernel says.
    init(_ snapshot: TableSnapshot) {
        exists = snapshot.exists
        sets = snapshot.sets
        chains = snapshot.chains.mapValues { Chain(chain: $0.definition, rules: $0.rules) }
    }

    init(exists: Bool = false) {
        self.exists = exists
    }
}
