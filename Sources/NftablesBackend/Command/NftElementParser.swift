import ProxyCore

/// Reads an element as `nft list` prints it back into an ``NftElement``, given its set.
struct NftElementParser {
    let set: NftSet
    let family: IPFamily

    func parse(_ text: String) -> NftElement? {
        var body = Substring(text)
        var comment: String?
        if let range = body.range(of: " comment \"") {
            comment = String(body[range.upperBound...].dropLast())
            body = body[..<range.lowerBound]
        }
        let parts = body.components(separatedBy: " : ")
        guard let key = fields(parts[0], set.key.fields(family)) else { return nil }
        guard let valueTyping = set.value else { return parts.count == 1 ? NftElement(key, comment: comment) : nil }
        guard parts.count == 2 else { return nil }
        if set.isVerdictMap {
            let words = parts[1].split(separator: " ")
            guard words.count == 2 else { return nil }
            switch words[0] {
            case "goto": return NftElement(key, value: .verdict(.goto(String(words[1]))), comment: comment)
            case "jump": return NftElement(key, value: .verdict(.jump(String(words[1]))), comment: comment)
            default: return nil
            }
        }
        guard let value = fields(parts[1], valueTyping.fields(family)) else { return nil }
        return NftElement(key, value: .data(value), comment: comment)
    }

    private func fields(_ text: String, _ types: [NftDataType]) -> [NftValue]? {
        let words = text.components(separatedBy: " . ")
        guard words.count == types.count else { return nil }
        var values: [NftValue] = []
        for (word, type) in zip(words, types) {
            switch type {
            case .ipv4Address, .ipv6Address:
                if word.contains("/") {
                    guard let network = CIDR(word) else { return nil }
                    values.append(.network(network))
                } else {
                    guard let address = IPAddress(word) else { return nil }
                    values.append(.address(address))
                }
            case .transportProtocol:
                guard let transport = TransportProtocol(apiValue: word) else { return nil }
                values.append(.transportProtocol(transport))
            case .port:
                guard let port = Int(word) else { return nil }
                values.append(.port(port))
            case .integer:
                guard let value = UInt32(word) else { return nil }
                values.append(.integer(value))
            case .interfaceName, .verdict:
                return nil
            }
        }
        return values
    }
}
