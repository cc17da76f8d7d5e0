/// A chain: a base chain attached to a netfilter hook, or a regular chain reached by jumps.
public struct NftChain: Hashable, Sendable {
    /// Where a base chain is attached.
    public struct Hook: Hashable, Sendable {
        public enum Kind: String, Hashable, Sendable {
            case filter
            case nat
        }

        public enum Point: String, Hashable, Sendable {
            case prerouting
            case input
            case forward
            case output
            case postrouting
        }

        public let kind: Kind
        public let point: Point
        /// Lower runs first; nat DNAT is -100 (`dstnat`), SNAT 100 (`srcnat`), filter 0.
        public let priority: Int32

        public init(_ kind: Kind, _ point: Point, priority: Int32) {
            self.kind = kind
            self.point = point
            self.priority = priority
        }
    }

    public let name: String
    /// The hook of a base chain; nil for a regular chain.
    public let hook: Hook?

    public init(_ name: String, hook: Hook? = nil) {
        self.name = name
        self.hook = hook
    }
}
