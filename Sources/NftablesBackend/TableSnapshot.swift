/// A table as read from the kernel, in the terms of what the proxier wants it to hold.
public struct TableSnapshot: Equatable, Sendable {
    /// A chain in the kernel.
    public struct Chain: Equatable, Sendable {
        /// The chain; nil for a base chain the model cannot describe, which equals no desired chain.
        public var definition: NftChain?
        /// The rules in order: the expected rule each one is (nil: none) and its handle.
        public var rules: [CommittedRule]

        public init(definition: NftChain?, rules: [CommittedRule]) {
            self.definition = definition
            self.rules = rules
        }
    }

    /// Whether the table exists.
    public var exists: Bool
    /// Sets by name: the expected definition it matches, or nil when it matches none.
    public var sets: [String: NftSet?] = [:]
    /// Elements of the sets that match an expected definition (not of dynamic sets).
    public var elements: [String: [NftElement]] = [:]
    /// Chains by name.
    public var chains: [String: Chain] = [:]

    /// A snapshot of a table that exists (`exists`) or not, with nothing read yet.
    public init(exists: Bool) {
        self.exists = exists
    }
}

/// A rule in the kernel: one of ours (`rule`), or one we do not recognise (nil, to be removed),
/// and the handle the kernel gave it.
public struct CommittedRule: Equatable, Sendable {
    public let rule: NftRule?
    public let handle: UInt64

    public init(rule: NftRule?, handle: UInt64) {
        self.rule = rule
        self.handle = handle
    }
}
