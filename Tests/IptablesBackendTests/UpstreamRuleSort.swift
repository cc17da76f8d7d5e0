/// The canonical form upstream's iptables tests compare rulesets in (`sortIPTablesRules` over
/// `iptablestest.ParseIPTablesDump`): tables by name; chains KUBE-NODEPORTS, KUBE-SERVICES, other
/// KUBE-* chains, then the rest, each group by name; rules in written order within a chain, except
/// KUBE-NODEPORTS, filter KUBE-SERVICES and nat KUBE-SERVICES, which are stably sorted by the
/// service named in their comment (with the "must be the last rule" rule last); `-X` lines last.
enum UpstreamRuleSort {
    static func canonical(_ text: String) -> String {
        var tables: [(name: String, chains: [String], rules: [String: [String]], deleted: [String])] = []
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("*") {
                tables.append((String(line.dropFirst()), [], [:], []))
            } else if line.hasPrefix(":") {
                let chain = String(line.dropFirst().split(separator: " ")[0])
                if !tables[tables.count - 1].chains.contains(chain) { tables[tables.count - 1].chains.append(chain) }
            } else if line.hasPrefix("-A ") {
                let chain = String(line.split(separator: " ")[1])
                tables[tables.count - 1].rules[chain, default: []].append(line)
            } else if line.hasPrefix("-X ") {
                tables[tables.count - 1].deleted.append(String(line.dropFirst(3)))
            }
        }
        var output: [String] = []
        for table in tables.sorted(by: { $0.name < $1.name }) {
            output.append("*\(table.name)")
            let chains = table.chains.sorted(by: chainOrder)
            output += chains.map { ":\($0) - [0:0]" }
            for chain in chains {
                var rules = table.rules[chain] ?? []
                if chain == "KUBE-NODEPORTS" || chain == "KUBE-SERVICES" {
                    rules = stableSorted(rules, table: table.name, chain: chain)
                }
                output += rules
            }
            output += table.deleted.sorted(by: chainOrder).map { "-X \($0)" }
            output.append("COMMIT")
        }
        return output.joined(separator: "\n") + "\n"
    }

    private static func chainOrder(_ a: String, _ b: String) -> Bool {
        func rank(_ chain: String) -> Int {
            switch chain {
            case "KUBE-NODEPORTS": 0
            case "KUBE-SERVICES": 1
            default: chain.hasPrefix("KUBE-") ? 2 : 3
            }
        }
        return (rank(a), a) < (rank(b), b)
    }

    private static func stableSorted(_ rules: [String], table: String, chain: String) -> [String] {
        func key(_ rule: String) -> (Int, String) {
            let last = table == "nat" && chain == "KUBE-SERVICES" && rule.contains("must be the last rule") ? 1 : 0
            guard let range = rule.range(of: "--comment ") else { return (last, "") }
            var comment = rule[range.upperBound...]
            if comment.hasPrefix("\"") { comment = comment.dropFirst() }
            let service = comment.prefix { $0 != " " && $0 != ":" && $0 != "\"" }
            return (last, String(service))
        }
        return rules.enumerated().sorted { lhs, rhs in
            let (a, b) = (key(lhs.element), key(rhs.element))
            return a != b ? a < b : lhs.offset < rhs.offset
        }.map(\.element)
    }
}
