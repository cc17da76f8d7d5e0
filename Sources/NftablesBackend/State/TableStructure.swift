import ProxyCore

/// The sets and chains a table must hold, without elements: small (fixed objects, one map per
/// endpoint count in use, the affinity objects), so every sync can compare all of it.
struct TableStructure: Equatable {
    /// Sets and maps in declaration order.
    let sets: [NftSet]
    /// Where the model keeps the elements of each set that has any (affinity sets have none).
    let references: [String: SetReference]
    /// Chains in declaration order, with their rules.
    let chains: [NftChain]
    let rules: [String: [NftRule]]

    init(_ model: TableModel) {
        let family = model.family
        let sizeMaps = model.sizeMaps
        let affinityChains = model.affinityChains
        var affinitySets: [NftSet] = []
        var seenSets: Set<String> = []
        for set in affinityChains.flatMap(\.sets) where seenSets.insert(set.name).inserted { affinitySets.append(set) }
        sets = FixedSet.allCases.map { $0.definition(family) } + sizeMaps.map { $0.definition(family) } + affinitySets
        references = Dictionary(uniqueKeysWithValues: FixedSet.allCases.map { ($0.name, SetReference.fixed($0)) }
            + sizeMaps.map { ($0.name, SetReference.size($0)) })

        var chains: [NftChain] = []
        var rules: [String: [NftRule]] = [:]
        for (chain, chainRules) in model.skeleton.chains {
            chains.append(chain)
            rules[chain.name] = chainRules + sizeMaps.filter { $0.chain.name == chain.name }.map(\.rule)
        }
        for chain in affinityChains {
            chains.append(NftChain(chain.name))
            rules[chain.name] = chain.rules
        }
        self.chains = chains
        self.rules = rules
    }

    /// The full ruleset: this structure with the model's elements.
    func ruleset(_ model: TableModel) -> NftRuleset {
        var ruleset = NftRuleset(table: NftTable(family: model.family, name: NftablesNames.table),
                                 comment: NftablesNames.tableComment)
        ruleset.sets = sets
        for (name, reference) in references {
            let elements = model.elements(of: reference)
            if !elements.isEmpty { ruleset.elements[name] = elements }
        }
        ruleset.chains = chains
        ruleset.rules = rules
        return ruleset
    }
}
