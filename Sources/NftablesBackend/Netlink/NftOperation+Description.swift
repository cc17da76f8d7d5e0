extension NftOperation {
    /// How errors name the operation (`add rule to chain nat-output (jump services)`), and for
    /// element operations the element at `element`, when known
    /// (`add element to set endpoints-tcp-3 (172.30.0.41 . 80 . 0)`).
    func summary(in table: NftTable, element: Int? = nil) -> String {
        switch self {
        case .addTable: return "add table \(table)"
        case .deleteTable: return "delete table \(table)"
        case .addChain(let chain): return "add chain \(chain.name)"
        case .flushChain(let chain): return "flush chain \(chain)"
        case .deleteChain(let chain): return "delete chain \(chain)"
        case .addSet(let set): return "add \(set.isMap ? "map" : "set") \(set.name)"
        case .deleteSet(let set): return "delete set \(set)"
        case .addRule(let chain, let rule, let after):
            let position = after.map { " after handle \($0)" } ?? ""
            return "add rule to chain \(chain)\(position) (\(rule.text(table.family)))"
        case .deleteRule(let chain, let handle): return "delete rule handle \(handle) from chain \(chain)"
        case .addElements(let set, let elements): return Self.summary("add", "to", set, elements, element)
        case .deleteElements(let set, let elements): return Self.summary("delete", "from", set, elements, element)
        }
    }

    private static func summary(_ verb: String, _ preposition: String, _ set: NftSet, _ elements: [NftElement],
                                _ index: Int?) -> String {
        guard let index, elements.indices.contains(index) else {
            return "\(verb) \(elements.count) elements \(preposition) set \(set.name)"
        }
        return "\(verb) element \(preposition) set \(set.name) (\(elements[index].key.map(\.text).joined(separator: " . ")))"
    }
}
