/// What the proxier needs from the kernel: send one batch, read a table once, and tell whether
/// the table is still the one it programmed.
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

    /// The kernel's id of a table's current instance (a table deleted and created again, as by
    /// `nft flush ruleset`, gets another); nil when the table does not exist.
    func tableHandle(of table: NftTable) throws -> UInt64?
}
