/// What a table holds in the kernel, as far as reconciling it with a render needs: its chains with
/// their hooks, each chain's rules in order with their handles and fingerprints, and its sets with
/// their definitions' fingerprints and, where they can be compared, their elements.
///
/// Fingerprints compare with the ones `NftNetlink.fingerprint(_:in:…)` computes for the rules and
/// sets of a render: equal fingerprints mean equal kernel objects.
public struct NftTableDump: Hashable, Sendable {
    /// A chain and its rules.
    public struct Chain: Hashable, Sendable {
        public let name: String
        /// The chain as the model describes it; nil for a base chain the model cannot describe
        /// (another type, hook or policy), which equals no desired chain.
        public let definition: NftChain?
        /// The rules, in the order they are evaluated.
        public let rules: [Rule]

        public init(name: String, definition: NftChain?, rules: [Rule]) {
            self.name = name
            self.definition = definition
            self.rules = rules
        }
    }

    /// A rule: the handle to place or delete it by, and what it does.
    public struct Rule: Hashable, Sendable {
        public let handle: UInt64
        public let fingerprint: String

        public init(handle: UInt64, fingerprint: String) {
            self.handle = handle
            self.fingerprint = fingerprint
        }
    }

    /// A set or map.
    public struct Set: Hashable, Sendable {
        public let name: String
        /// The fingerprint of the set's definition: key and value types, flags, timeout, comment.
        public let fingerprint: String
        /// The elements, when the dump was asked to compare the set: its definition equals the
        /// expected set's of the same name, and that set is not `flags dynamic`. Nil otherwise, and
        /// when an element is not one proxyd writes (a protocol other than TCP, UDP and SCTP, a
        /// range that is not a network).
        public let elements: [NftElement]?

        public init(name: String, fingerprint: String, elements: [NftElement]?) {
            self.name = name
            self.fingerprint = fingerprint
            self.elements = elements
        }
    }

    /// The table that was dumped.
    public let table: NftTable
    /// The kernel's id of this instance of the table: a table deleted and created again gets another.
    public let handle: UInt64
    /// The table's comment, as nft stores it.
    public let comment: String?
    /// The chains, in the kernel's order (creation order).
    public let chains: [Chain]
    /// The sets and maps, in the kernel's order.
    public let sets: [Set]

    public init(table: NftTable, handle: UInt64, comment: String?, chains: [Chain], sets: [Set]) {
        self.table = table
        self.handle = handle
        self.comment = comment
        self.chains = chains
        self.sets = sets
    }

    /// The chain with a name, if the table has it.
    public func chain(named name: String) -> Chain? { chains.first { $0.name == name } }

    /// The set or map with a name, if the table has it.
    public func set(named name: String) -> Set? { sets.first { $0.name == name } }
}
