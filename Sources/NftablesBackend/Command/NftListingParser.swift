import ProxyCore

/// Reads `nft -a list table` (or `list chain`) output: each set's declaration lines and element
/// texts, each chain's hook line and rules with their handles.
struct NftListingParser {
    struct SetListing {
        /// The declaration lines (`type …`, `flags …`, `timeout …`, `comment …`), trimmed.
        var header: [String] = []
        var elements: [String] = []
    }

    struct ChainListing {
        var hook: String?
        var rules: [(text: String, handle: UInt64)] = []
    }

    private(set) var sets: [String: SetListing] = [:]
    private(set) var chains: [String: ChainListing] = [:]

    init(_ text: String) {
        var currentSet: String?
        var currentChain: String?
        // The lines of an `elements = { … }` block that spans several lines (joined once, at its end).
        var pendingElements: [String]?
        for raw in text.split(separator: "\n") {
            let line = Self.withoutHandle(raw.trimmingCharacters(in: .whitespaces)).text
            if pendingElements != nil {
                pendingElements!.append(line)
                if line.hasSuffix("}") {
                    sets[currentSet!]?.elements = Self.elements(pendingElements!.joined(separator: " "))
                    pendingElements = nil
                }
                continue
            }
            let words = line.split(separator: " ")
            if (words.first == "set" || words.first == "map"), words.count >= 2, line.hasSuffix("{") {
                currentSet = String(words[1])
                sets[currentSet!] = SetListing()
            } else if words.first == "chain", words.count >= 2, line.hasSuffix("{") {
                currentChain = String(words[1])
                chains[currentChain!] = ChainListing()
            } else if line == "}" {
                currentSet = nil
                currentChain = nil
            } else if let set = currentSet {
                if line.hasPrefix("elements = {") {
                    if line.hasSuffix("}") { sets[set]?.elements = Self.elements(line) } else { pendingElements = [line] }
                } else if line != "size 65535", !line.isEmpty {
                    sets[set]?.header.append(line)
                }
            } else if let chain = currentChain, !line.isEmpty {
                if line.hasPrefix("type "), line.contains(" hook ") {
                    chains[chain]?.hook = line
                } else if let handle = Self.withoutHandle(raw.trimmingCharacters(in: .whitespaces)).handle {
                    chains[chain]?.rules.append((line, handle))
                }
            }
        }
    }

    /// The declaration lines `nft list` prints for a set (as the renderer writes them).
    static func header(of set: NftSet, family: IPFamily) -> [String] {
        NftTextRenderer.setBlock(set, elements: [], family: family).split(separator: "\n")
            .dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The hook of a `type filter hook prerouting priority dstnat - 10; policy accept;` line.
    static func hook(from line: String) -> NftChain.Hook? {
        let words = line.replacingOccurrences(of: ";", with: " ;").split(separator: " ").map(String.init)
        guard words.count >= 6, words[0] == "type", words[2] == "hook",
              let kind = NftChain.Hook.Kind(rawValue: words[1]), let point = NftChain.Hook.Point(rawValue: words[3]),
              let end = words.firstIndex(of: ";"), end > 5,
              let priority = NftPriority.value(words[5..<end].joined(separator: " "), at: point)
        else { return nil }
        return NftChain.Hook(kind, point, priority: priority)
    }

    private static func withoutHandle(_ line: String) -> (text: String, handle: UInt64?) {
        guard let range = line.range(of: " # handle ", options: .backwards) else { return (line, nil) }
        return (String(line[..<range.lowerBound]), UInt64(line[range.upperBound...]))
    }

    private static func elements(_ block: String) -> [String] {
        block.dropFirst("elements = {".count).dropLast().split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
