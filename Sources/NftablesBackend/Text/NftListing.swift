import Foundation

/// Makes nft text comparable, so that `nft list table` of what the kernel holds can be checked
/// against a render: blank lines and indentation dropped, the elements of each `elements = { … }`
/// block one per line in sorted order, sets and chains in name order, and the kernel's
/// `size 65535` on dynamic sets dropped (the render writes no size; the kernel caps dynamic sets
/// there). Rules keep their order.
public enum NftListing {
    /// The normalised text.
    public static func normalised(_ text: String) -> String {
        var lines: [String] = []
        var pending: String?
        for raw in text.split(separator: "\n") {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if var open = pending {
                open += " " + line
                if line.hasSuffix("}") { lines += elements(open); pending = nil } else { pending = open }
                continue
            }
            if line.hasPrefix("elements = {") {
                if line.hasSuffix("}") { lines += elements(line) } else { pending = line }
                continue
            }
            if line.isEmpty || line == "size 65535" { continue }
            lines.append(line)
        }
        return sortedBlocks(lines).joined(separator: "\n")
    }

    /// Sets, maps and chains in name order: the kernel lists them in creation order, which
    /// depends on the history of the table, not only on its content.
    private static func sortedBlocks(_ lines: [String]) -> [String] {
        var head: [String] = []
        var blocks: [[String]] = []
        var current: [String]?
        for line in lines {
            if current == nil, ["set ", "map ", "chain "].contains(where: { line.hasPrefix($0) }) {
                current = [line]
            } else if current != nil {
                current!.append(line)
                if line == "}" { blocks.append(current!); current = nil }
            } else {
                head.append(line)
            }
        }
        let tail = head.last == "}" ? [head.removeLast()] : []
        return head + blocks.sorted { $0[0] < $1[0] }.flatMap { $0 } + tail
    }

    /// The lines of one listing that the other lacks, for failure messages.
    public static func lines(_ text: String, notIn other: String) -> [String] {
        let others = Set(other.split(separator: "\n"))
        return text.split(separator: "\n").filter { !others.contains($0) }.map(String.init)
    }

    private static func elements(_ block: String) -> [String] {
        let inner = block.dropFirst("elements = {".count).dropLast()
        return ["elements:"] + inner.split(separator: ",").map { "  " + $0.trimmingCharacters(in: .whitespaces) }.sorted()
    }
}
