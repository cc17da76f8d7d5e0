/// How one chain goes from its rules in the kernel to the desired ones: delete the rules that
/// went away by handle and insert the new ones in place, keeping the rules both have (so a new
/// size rule never re-binds the maps of the others); or, when the kept rules are out of order,
/// new rules would come first, or `rewrite` is asked, flush the chain and add everything.
struct ChainPlan {
    /// Operations that remove rules (run before any rule is added).
    private(set) var removals: [NftOperation] = []
    /// Operations that add rules, each with the index of its rule in the desired list.
    private(set) var additions: [(operation: NftOperation, index: Int)] = []
    /// The handle of each desired rule the kernel already holds (kept rules).
    private(set) var keptHandles: [Int: UInt64] = [:]

    init(chain: String, old: [CommittedRule], new: [NftRule], rewrite: Bool) {
        guard old.map(\.rule) != new.map(Optional.some) || rewrite else {
            for (index, rule) in old.enumerated() { keptHandles[index] = rule.handle }
            return
        }
        if !rewrite, let kept = Self.keptRules(old: old, new: new) {
            let newRules = Set(new)
            for rule in old where rule.rule.map({ !newRules.contains($0) }) ?? true {
                removals.append(.deleteRule(chain: chain, handle: rule.handle))
            }
            keptHandles = kept
            var previous: UInt64?
            var run: [Int] = []
            func flush() {
                // Each goes right after `previous`, so a run is inserted last to first; without a
                // previous rule, each is appended.
                for index in previous == nil ? run : run.reversed() {
                    additions.append((.addRule(chain: chain, new[index], after: previous), index))
                }
                run = []
            }
            for index in new.indices {
                if let handle = kept[index] {
                    flush()
                    previous = handle
                } else {
                    run.append(index)
                }
            }
            flush()
            return
        }
        if !old.isEmpty { removals.append(.flushChain(chain)) }
        additions = new.indices.map { (.addRule(chain: chain, new[$0], after: nil), $0) }
    }

    /// The handles of the desired rules that both lists hold, by desired index; nil when the
    /// kept rules are not in the same order in both, or a new rule would precede every kept one.
    private static func keptRules(old: [CommittedRule], new: [NftRule]) -> [Int: UInt64]? {
        var oldHandles: [NftRule: UInt64] = [:]
        for rule in old {
            guard let known = rule.rule else { continue }
            guard oldHandles[known] == nil else { return nil }
            oldHandles[known] = rule.handle
        }
        var kept: [Int: UInt64] = [:]
        var lastOldPosition = -1
        let oldPositions = Dictionary(uniqueKeysWithValues: old.enumerated().compactMap { index, rule in
            rule.rule.map { ($0, index) }
        })
        for (index, rule) in new.enumerated() {
            guard let handle = oldHandles[rule], let position = oldPositions[rule] else {
                if kept.isEmpty, !oldHandles.isEmpty { return nil }
                continue
            }
            guard position > lastOldPosition else { return nil }
            lastOldPosition = position
            kept[index] = handle
        }
        return kept.isEmpty && !old.isEmpty ? nil : kept
    }
}
