import ProxyCore

/// A table's identity: its family and name (`ip proxyd`).
public struct NftTable: Hashable, Sendable, CustomStringConvertible {
    public let family: IPFamily
    public let name: String

    public init(family: IPFamily, name: String) {
        self.family = family
        self.name = name
    }

    /// nft's family keyword (`ip`, `ip6`).
    public var familyName: String { family == .ipv4 ? "ip" : "ip6" }

    public var description: String { "\(familyName) \(name)" }
}
