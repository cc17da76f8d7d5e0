import ProxyCore

/// A ``TableConnection`` that drives the `nft` command: batches go in as `nft -f` text (one
/// atomic transaction), the table is read back from `nft -a list table`.
///
/// The interim kernel path until the netlink writer lands: it shares the layout, the planner
/// and the batch order with it, but pays `nft`'s parsing and a process per batch.
public final class NftCommandConnection: TableConnection {
    private let runner: CommandRunner

    /// - Parameter runner: where `nft` runs: this network namespace or one a test created.
    public init(runner: CommandRunner = .current) {
        self.runner = runner
    }

    public func apply(_ transaction: NftTransaction) throws -> [Int: UInt64] {
        guard !transaction.isEmpty else { return [:] }
        _ = try runner.run(["nft", "-f", "-"], input: transaction.text)
        // The handles of added rules: read the table back once, without set elements (`-t`),
        // and match the rules by text.
        let added = transaction.operations.enumerated().compactMap { index, operation -> (Int, String, NftRule)? in
            if case .addRule(let chain, let rule, _) = operation { (index, chain, rule) } else { nil }
        }
        guard !added.isEmpty else { return [:] }
        let table = transaction.table
        let listing = NftListingParser(try runner.run(["nft", "-t", "-a", "list", "table", table.familyName, table.name]))
        var handles: [Int: UInt64] = [:]
        for (index, chain, rule) in added {
            let wanted = rule.text(table.family)
            guard let handle = listing.chains[chain]?.rules.first(where: { $0.text == wanted })?.handle else {
                throw NftablesError.missingHandle(chain: chain)
            }
            handles[index] = handle
        }
        return handles
    }

    public func snapshot(of table: NftTable, expected: [NftSet], rules: [NftRule]) throws -> TableSnapshot {
        guard let text = try? runner.run(["nft", "-a", "list", "table", table.familyName, table.name]) else {
            return TableSnapshot(exists: false)
        }
        let listing = NftListingParser(text)
        let family = table.family
        var snapshot = TableSnapshot(exists: true)
        let expectedSets = Dictionary(expected.map { ($0.name, $0) }) { first, _ in first }
        for (name, set) in listing.sets {
            guard let wanted = expectedSets[name], set.header == NftListingParser.header(of: wanted, family: family) else {
                snapshot.sets[name] = .some(nil)
                continue
            }
            snapshot.sets[name] = wanted
            guard !wanted.isDynamic else { continue }
            var elements: [NftElement] = []
            for elementText in set.elements {
                guard let element = NftElementParser(set: wanted, family: family).parse(elementText) else {
                    // An element we cannot read: replace the whole set.
                    snapshot.sets[name] = .some(nil)
                    break
                }
                elements.append(element)
            }
            if snapshot.sets[name] != .some(nil) { snapshot.elements[name] = elements }
        }
        let known = Dictionary(rules.map { ($0.text(family), $0) }) { first, _ in first }
        for (name, chain) in listing.chains {
            let definition: NftChain? = if let hook = chain.hook {
                NftListingParser.hook(from: hook).map { NftChain(name, hook: $0) }
            } else {
                NftChain(name)
            }
            snapshot.chains[name] = (definition, chain.rules.map { (known[$0.text], $0.handle) })
        }
        return snapshot
    }
}
