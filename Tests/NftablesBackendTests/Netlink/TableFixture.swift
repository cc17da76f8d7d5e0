import ProxyCore
@testable import NftablesBackend

/// A table for tests: its objects in the order they are created, and the nft text that declares
/// the same table.
struct TableFixture: Sendable {
    let table: NftTable
    let comment: String?
    /// The table as `nft -f` text.
    let text: String
    private(set) var sets: [NftSet] = []
    private(set) var chains: [NftChain] = []
    private(set) var rules: [(chain: String, rule: NftRule)] = []
    private(set) var elements: [(set: NftSet, elements: [NftElement])] = []

    init(_ table: NftTable, comment: String? = nil, text: String) {
        self.table = table
        self.comment = comment
        self.text = text
    }

    /// Declares a set or map with its elements.
    mutating func set(_ name: String, _ key: NftSet.Typing, value: NftSet.Typing? = nil, flags: NftSet.Flags = [],
                      timeout: Int? = nil, comment: String? = nil, _ members: [NftElement] = []) {
        let set = NftSet(name, key: key, value: value, flags: flags, timeout: timeout, comment: comment)
        sets.append(set)
        if !members.isEmpty { elements.append((set, members)) }
    }

    /// Declares a chain with its rules.
    mutating func chain(_ name: String, _ hook: NftChain.Hook? = nil, _ chainRules: [NftExpression]...) {
        chains.append(NftChain(name, hook: hook))
        rules += chainRules.map { (name, NftRule($0)) }
    }

    /// The set with a name.
    func set(named name: String) -> NftSet { sets.first { $0.name == name }! }

    /// The rules of a chain, in order.
    func rules(of chain: String) -> [NftRule] { rules.filter { $0.chain == chain }.map(\.rule) }

    /// Everything in one transaction, in the layout's batch order: table, sets, chains, rules
    /// (binding still empty maps), then elements.
    var transaction: NftTransaction {
        NftTransaction(table: table, operations: [.addTable(comment: comment)] + sets.map { .addSet($0) }
            + chains.map { .addChain($0) } + rules.map { .addRule(chain: $0.chain, $0.rule, after: nil) }
            + elements.map { .addElements($0.set, $0.elements) })
    }
}

// MARK: Values

func address(_ text: String) -> NftValue { .address(IPAddress(text)!) }
func network(_ text: String) -> NftValue { .network(CIDR(text)!) }
let tcp = NftValue.transportProtocol(.tcp)
let udp = NftValue.transportProtocol(.udp)
let sctp = NftValue.transportProtocol(.sctp)
func port(_ number: Int) -> NftValue { .port(number) }
func bucket(_ number: UInt32) -> NftValue { .integer(number) }

/// A map element `key : value`.
func mapping(_ key: [NftValue], _ value: [NftValue]) -> NftElement { NftElement(key, value: .data(value)) }

// MARK: Keys and hooks

let addressKey: NftKey = [.destinationAddress, .transportProtocol, .anyDestinationPort]
let portKey: NftKey = [.transportProtocol, .anyDestinationPort]
let addressKeyTypes = NftSet.Typing.types([.ipv4Address, .transportProtocol, .port])
let addressKeyTypes6 = NftSet.Typing.types([.ipv6Address, .transportProtocol, .port])
let portKeyTypes = NftSet.Typing.types([.transportProtocol, .port])

func filter(_ point: NftChain.Hook.Point, _ priority: Int32) -> NftChain.Hook { .init(.filter, point, priority: priority) }
func nat(_ point: NftChain.Hook.Point, _ priority: Int32) -> NftChain.Hook { .init(.nat, point, priority: priority) }
func jump(_ chain: String) -> NftExpression { .verdict(.jump(chain)) }
func goto(_ chain: String) -> NftExpression { .verdict(.goto(chain)) }
func cidr(_ text: String) -> CIDR { CIDR(text)! }
func ip(_ text: String) -> IPAddress { IPAddress(text)! }
