extension NftValue {
    /// The nft spelling of the value (`10.0.0.1`, `10.0.0.0/8`, `tcp`, `80`).
    public var text: String {
        switch self {
        case .address(let address): address.description
        case .network(let network):
            network.prefixLength == network.address.bitWidth ? network.network.description : network.description
        case .transportProtocol(let transport): transport.ruleName
        case .port(let port): String(port)
        case .integer(let value): String(value)
        }
    }
}

extension NftElement {
    /// The element as nft prints it inside `elements = { … }`.
    public var text: String {
        var text = key.map(\.text).joined(separator: " . ")
        switch value {
        case .data(let fields)?: text += " : " + fields.map(\.text).joined(separator: " . ")
        case .verdict(let verdict)?: text += " : \(verdict)"
        case nil: break
        }
        if let comment { text += " comment \"\(comment)\"" }
        return text
    }
}
