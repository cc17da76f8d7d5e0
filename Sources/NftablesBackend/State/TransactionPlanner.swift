/// Plans the one batch that brings the kernel's table (``CommittedTable`` plus the element
/// changes) to the desired ``TableStructure``, in the order of docs/nftables-layout.md §10:
///
/// 1. create the table, new sets and new chains;
/// 2. remove rules (by handle, or by flushing a chain that is rewritten or goes away);
/// 3. replace sets whose definition differs;
/// 4. add rules: a new size rule binds its map while the map is still empty;
/// 5. delete, then add elements;
/// 6. delete the sets and chains that went away, once nothing refers to them.
struct TransactionPlanner {
    /// The batch, and how to learn the committed table once it is applied.
    struct Plan {
        let transaction: NftTransaction
        fileprivate let structure: TableStructure
        fileprivate let keptHandles: [String: [Int: UInt64]]
        fileprivate let addedRules: [Int: (chain: String, index: Int)]

        /// The table after the batch was applied, given the handles of the added rules by
        /// operation index.
        func committed(handles: [Int: UInt64]) throws -> CommittedTable {
            var table = CommittedTable(exists: true)
            for set in structure.sets { table.sets[set.name] = set }
            var ruleHandles = keptHandles
            for (operation, rule) in addedRules {
                guard let handle = handles[operation] else { throw NftablesError.missingHandle(chain: rule.chain) }
                ruleHandles[rule.chain, default: [:]][rule.index] = handle
            }
            for chain in structure.chains {
                let rules = structure.rules[chain.name] ?? []
                table.chains[chain.name] = CommittedTable.Chain(chain: chain, rules: try rules.indices.map { index in
                    guard let handle = ruleHandles[chain.name]?[index] else {
                        throw NftablesError.missingHandle(chain: chain.name)
                    }
                    return CommittedRule(rule: rules[index], handle: handle)
                })
            }
            return table
        }
    }

    let table: NftTable

    func plan(from committed: CommittedTable, to structure: TableStructure, elements: [ElementChange],
              fillingReplacedSets fill: (String) -> [NftElement]) -> Plan {
        var create: [NftOperation] = []
        var removeRules: [NftOperation] = []
        var replaceSets: [NftOperation] = []
        var addRules: [NftOperation] = []
        var addedRules: [Int: (chain: String, index: Int)] = [:]
        var keptHandles: [String: [Int: UInt64]] = [:]
        var finalDeletes: [NftOperation] = []

        if !committed.exists { create.append(.addTable(comment: NftablesNames.tableComment)) }
        let desiredSets = Dictionary(uniqueKeysWithValues: structure.sets.map { ($0.name, $0) })
        var replaced: Set<String> = []
        for set in structure.sets {
            switch committed.sets[set.name] {
            case nil: create.append(.addSet(set))
            case .some(let old) where old != set:
                replaced.insert(set.name)
                replaceSets += [.deleteSet(set.name), .addSet(set)]
            default: break
            }
        }
        for name in committed.sets.keys.sorted() where desiredSets[name] == nil { finalDeletes.append(.deleteSet(name)) }

        for chain in structure.chains {
            let rules = structure.rules[chain.name] ?? []
            let old = committed.chains[chain.name]
            var rewrite = rules.contains { !Set($0.referencedSets).isDisjoint(with: replaced) }
                || (old?.rules ?? []).contains { !Set($0.rule?.referencedSets ?? []).isDisjoint(with: replaced) }
            if let old, old.chain != chain {
                // The hook differs: replace the chain.
                removeRules.append(.flushChain(chain.name))
                replaceSets += [.deleteChain(chain.name), .addChain(chain)]
                rewrite = true
            } else if old == nil {
                create.append(.addChain(chain))
            }
            let plan = ChainPlan(chain: chain.name, old: rewrite && old?.chain != chain ? [] : old?.rules ?? [],
                                 new: rules, rewrite: rewrite)
            removeRules += plan.removals
            keptHandles[chain.name] = plan.keptHandles
            for (operation, index) in plan.additions {
                addedRules[addRules.count] = (chain.name, index)
                addRules.append(operation)
            }
        }
        for name in committed.chains.keys.sorted() where !structure.rules.keys.contains(name) {
            if !(committed.chains[name]?.rules.isEmpty ?? true) { removeRules.append(.flushChain(name)) }
            finalDeletes.append(.deleteChain(name))
        }

        var deletes: [String: [NftElement]] = [:]
        var adds: [String: [NftElement]] = [:]
        // New and replaced sets get all their elements; the others get the changes.
        let filled = replaced.union(structure.sets.map(\.name).filter { committed.sets[$0] == nil })
        for change in elements {
            guard let set = desiredSets[change.set], !filled.contains(set.name) else { continue }
            if let before = change.before { deletes[set.name, default: []].append(before) }
            if let after = change.after { adds[set.name, default: []].append(after) }
        }
        // Changes come in no particular order: sort them, so a batch is the same for the same change.
        func sorted(_ elements: [NftElement]) -> [NftElement] {
            elements.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        }
        adds = adds.mapValues(sorted)
        for name in filled where structure.references[name] != nil { adds[name] = fill(name) }
        let elementOperations = structure.sets.compactMap { set in
            deletes[set.name].map { NftOperation.deleteElements(set, sorted($0)) }
        } + structure.sets.compactMap { set in
            adds[set.name].flatMap { $0.isEmpty ? nil : NftOperation.addElements(set, $0) }
        }

        let head = create + removeRules + replaceSets
        let operations = head + addRules + elementOperations + finalDeletes
        let offset = head.count
        return Plan(transaction: NftTransaction(table: table, operations: operations), structure: structure,
                    keptHandles: keptHandles,
                    addedRules: Dictionary(uniqueKeysWithValues: addedRules.map { ($0.key + offset, $0.value) }))
    }
}
