import ProxyCore

/// Prints a ruleset in nft syntax: what `nft -f` loads and, up to element order, what
/// `nft list table` prints once it is loaded.
public enum NftTextRenderer {
    /// The whole table as one `table … { … }` block.
    public static func render(_ ruleset: NftRuleset) -> String {
        let family = ruleset.table.family
        var blocks: [String] = []
        for set in ruleset.sets {
            blocks.append(setBlock(set, elements: ruleset.elements[set.name] ?? [], family: family))
        }
        for chain in ruleset.chains {
            blocks.append(chainBlock(chain, rules: ruleset.rules[chain.name] ?? [], family: family))
        }
        var text = "table \(ruleset.table) {\n"
        if let comment = ruleset.comment { text += "\tcomment \"\(comment)\"\n" }
        text += blocks.joined(separator: "\n")
        return text + "}\n"
    }

    /// A `set` or `map` block.
    static func setBlock(_ set: NftSet, elements: [NftElement], family: IPFamily) -> String {
        var lines = ["\t\(set.isMap ? "map" : "set") \(set.name) {"]
        lines.append("\t\t" + typeLine(set, family: family))
        var flags: [String] = []
        if set.flags.contains(.interval) { flags.append("interval") }
        if set.flags.contains(.dynamic) { flags.append("dynamic") }
        if set.flags.contains(.timeout) { flags.append("timeout") }
        if !flags.isEmpty { lines.append("\t\tflags " + flags.joined(separator: ",")) }
        if let timeout = set.timeout { lines.append("\t\ttimeout " + NftDuration.text(seconds: timeout)) }
        if let comment = set.comment { lines.append("\t\tcomment \"\(comment)\"") }
        if !elements.isEmpty {
            lines.append("\t\telements = { " + elements.map(\.text).joined(separator: ",\n\t\t\t     ") + " }")
        }
        lines.append("\t}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `type K : V` or `typeof K : V`.
    static func typeLine(_ set: NftSet, family: IPFamily) -> String {
        func spelled(_ typing: NftSet.Typing) -> String {
            switch typing {
            case .types(let types): types.map(\.nftName).joined(separator: " . ")
            case .typeOf(let selectors): selectors.text(family)
            }
        }
        let keyword = if case .typeOf = set.key { "typeof" } else { "type" }
        return "\(keyword) \(spelled(set.key))" + (set.value.map { " : " + spelled($0) } ?? "")
    }

    /// A `chain` block.
    static func chainBlock(_ chain: NftChain, rules: [NftRule], family: IPFamily) -> String {
        var lines = ["\tchain \(chain.name) {"]
        if let hook = chain.hook {
            let priority = NftPriority.text(hook.priority, at: hook.point)
            lines.append("\t\ttype \(hook.kind.rawValue) hook \(hook.point.rawValue) priority \(priority); policy accept;")
        }
        lines += rules.map { "\t\t" + $0.text(family) }
        lines.append("\t}")
        return lines.joined(separator: "\n") + "\n"
    }
}
