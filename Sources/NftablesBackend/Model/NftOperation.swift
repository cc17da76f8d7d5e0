/// One change to a table, in the order a batch applies it.
public enum NftOperation: Hashable, Sendable {
    /// Creates the table if it is missing (never fails when it exists).
    case addTable(comment: String?)
    /// Deletes the table and everything in it.
    case deleteTable
    case addChain(NftChain)
    /// Deletes every rule of a chain.
    case flushChain(String)
    /// Deletes an empty chain that nothing references.
    case deleteChain(String)
    case addSet(NftSet)
    /// Deletes a set that no rule references.
    case deleteSet(String)
    /// Adds a rule at the end of a chain, or right after the rule with handle `after`.
    case addRule(chain: String, NftRule, after: UInt64?)
    /// Deletes one rule by the handle the kernel gave it.
    case deleteRule(chain: String, handle: UInt64)
    /// Adds elements; the set's definition says how to encode them.
    case addElements(NftSet, [NftElement])
    /// Deletes elements by key.
    case deleteElements(NftSet, [NftElement])
}

/// The operations of one atomic batch against one table.
public struct NftTransaction: Hashable, Sendable {
    public let table: NftTable
    public var operations: [NftOperation]

    public init(table: NftTable, operations: [NftOperation] = []) {
        self.table = table
        self.operations = operations
    }

    /// Whether there is nothing to send.
    public var isEmpty: Bool { operations.isEmpty }

    /// The number of elements added or deleted.
    public var elementCount: Int {
        operations.reduce(0) { count, operation in
            switch operation {
            case .addElements(_, let elements), .deleteElements(_, let elements): count + elements.count
            default: count
            }
        }
    }
}
