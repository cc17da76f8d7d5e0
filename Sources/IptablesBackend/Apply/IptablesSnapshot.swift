/// What `iptables-save` shows of the tables: chains and rule lines per table. A full sync reads it
/// once, to find missing jumps and canaries and leftover per-service chains.
struct IptablesSnapshot {
    private(set) var chains: [IptablesTable: Set<String>] = [:]
    private(set) var rules: [IptablesTable: [Substring]] = [:]

    /// Parses `iptables-save` output (all tables).
    init(_ text: String) {
        var table: IptablesTable?
        for line in text.split(separator: "\n") {
            if line.hasPrefix("*") {
                table = IptablesTable(rawValue: String(line.dropFirst()))
            } else if let table, line.hasPrefix(":") {
                chains[table, default: []].insert(String(line.dropFirst().split(separator: " ")[0]))
            } else if let table, line.hasPrefix("-A ") {
                rules[table, default: []].append(line)
            }
        }
    }

    func hasChain(_ chain: String, in table: IptablesTable) -> Bool {
        chains[table]?.contains(chain) ?? false
    }

    /// Whether a jump rule is installed (matched by its chain, comment and target).
    func hasJump(_ jump: IptablesJumps.Jump) -> Bool {
        (rules[jump.table] ?? []).contains { line in
            line.hasPrefix("-A \(jump.source) ") && line.hasSuffix("-j \(jump.target)")
                && (jump.comment.map { line.contains($0) } ?? !line.contains("--comment"))
        }
    }
}
