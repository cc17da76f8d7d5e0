extension NftOperation {
    /// The operation as an nft command (`add element ip proxyd endpoints-tcp-3 { … }`), for logs,
    /// error messages and tests. A rule handle that is not known yet is printed as `?`.
    public func text(_ table: NftTable) -> String {
        let family = table.family
        switch self {
        case .addTable(let comment):
            return "add table \(table)" + (comment.map { " { comment \"\($0)\" ; }" } ?? "")
        case .deleteTable: return "delete table \(table)"
        case .addChain(let chain):
            guard let hook = chain.hook else { return "add chain \(table) \(chain.name)" }
            let priority = NftPriority.text(hook.priority, at: hook.point)
            return "add chain \(table) \(chain.name) { type \(hook.kind.rawValue) hook \(hook.point.rawValue) priority \(priority) ; policy accept ; }"
        case .flushChain(let name): return "flush chain \(table) \(name)"
        case .deleteChain(let name): return "delete chain \(table) \(name)"
        case .addSet(let set):
            let block = NftTextRenderer.setBlock(set, elements: [], family: family)
                .split(separator: "\n").dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
            return "add \(set.isMap ? "map" : "set") \(table) \(set.name) { \(block.joined(separator: " ; ")) ; }"
        case .deleteSet(let name): return "delete set \(table) \(name)"
        case .addRule(let chain, let rule, let after):
            return "add rule \(table) \(chain)" + (after.map { " position \($0)" } ?? "") + " \(rule.text(family))"
        case .deleteRule(let chain, let handle): return "delete rule \(table) \(chain) handle \(handle)"
        case .addElements(let set, let elements):
            return "add element \(table) \(set.name) { \(elements.map(\.text).joined(separator: ", ")) }"
        case .deleteElements(let set, let elements):
            let keys = elements.map { NftElement($0.key).text }
            return "delete element \(table) \(set.name) { \(keys.joined(separator: ", ")) }"
        }
    }
}

extension NftTransaction {
    /// The batch as `nft -f` input, one command per line.
    public var text: String { operations.map { $0.text(table) + "\n" }.joined() }
}
