/// What the proxier needs from the kernel: send one batch, and read a table once.
public protocol TableConnection: AnyObject {
    /// Applies a transaction atomically.
    /// - Returns: the handle of each rule added, by operation index.
    func apply(_ transaction: NftTransaction) throws -> [Int: UInt64]

    /// Reads what a table holds, for reconciling at start or after a failure.
    /// - Parameters:
    ///   - table: the table.
    ///   - expected: the sets we want; elements are read only for sets whose definition matches
    ///     one of these.
    ///   - rules: the rules we want, to recognise the kernel's rules by.
    func snapshot(of table: NftTable, expected: [NftSet], rules: [NftRule]) throws -> TableSnapshot
}

/// A table as read from the kernel.
public struct TableSnapshot: Sendable {
    /// Whether the table exists.
    public var exists: Bool
    /// Sets by name: the expected definition it matches, or nil when it matches none.
    public var sets: [String: NftSet?]
    /// Elements of the sets that match an expected definition (not of dynamic sets).
    public var elements: [String: [NftElement]]
    /// Chains by name: the chain (nil for a base chain the model cannot describe, which equals no
    /// desired chain), and its rules in order: the expected rule each one is (nil: none) and its handle.
    public var chains: [String: (chain: NftChain?, rules: [(rule: NftRule?, handle: UInt64)])]

    public init(exists: Bool, sets: [String: NftSet?] = [:], elements: [String: [NftElement]] = [:],
                chains: [String: (chain: NftChain?, rules: [(rule: NftRule?, handle: UInt64)])] = [:]) {
        self.exists = exists
        self.sets = sets
        self.elements = elements
        self.chains = chains
    }
}
