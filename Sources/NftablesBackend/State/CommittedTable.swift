/// What the kernel holds of our table, as far as planning the next batch needs to know: the
/// sets, the chains, and every rule with the handle the kernel gave it. Elements are not kept
/// here; ``TableModel`` knows them once they are applied.
struct CommittedTable: Equatable {
    /// A rule in the kernel: one of ours, or one we do not recognise (nil), to be removed.
    struct Rule: Equatable {
        let rule: NftRule?
        let handle: UInt64
    }

    /// A chain in the kernel and its rules; the chain is nil when it is one the model cannot
    /// describe (it is replaced).
    struct Chain: Equatable {
        let chain: NftChain?
        var rules: [Rule]
    }

    /// Whether the table exists.
    var exists = false
    /// Sets by name, with their definition; nil for a set whose definition is not one we know
    /// (it is replaced).
    var sets: [String: NftSet?] = [:]
    var chains: [String: Chain] = [:]

    /// Nothing: the table does not exist.
    static let absent = CommittedTable()
}

/// One element slot that changes: its element before and after (nil: absent).
struct ElementChange {
    let set: String
    let before: NftElement?
    let after: NftElement?
}
