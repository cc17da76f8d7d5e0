/// The netlink writer as the proxier's kernel: batches over netlink, the table read with one dump.
extension NftNetlink: TableConnection {
    public func snapshot(of table: NftTable, expected: [NftSet], rules: [NftRule]) throws -> TableSnapshot {
        guard let dump = try dump(table, sets: expected) else { return TableSnapshot(exists: false) }
        var snapshot = TableSnapshot(exists: true)
        let expectedSets = Dictionary(expected.map { ($0.name, $0) }) { first, _ in first }
        for set in dump.sets {
            guard let wanted = expectedSets[set.name], try Self.fingerprint(wanted, in: table) == set.fingerprint,
                  wanted.isDynamic || set.elements != nil
            else {
                snapshot.sets[set.name] = .some(nil)
                continue
            }
            snapshot.sets[set.name] = wanted
            if !wanted.isDynamic { snapshot.elements[set.name] = set.elements }
        }
        var known: [String: NftRule] = [:]
        for rule in rules { known[try Self.fingerprint(rule, in: table, sets: expected)] = rule }
        for chain in dump.chains {
            snapshot.chains[chain.name] = TableSnapshot.Chain(
                definition: chain.definition,
                rules: chain.rules.map { CommittedRule(rule: known[$0.fingerprint], handle: $0.handle) })
        }
        return snapshot
    }
}
