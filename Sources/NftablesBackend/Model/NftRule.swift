import ProxyCore

/// A rule: expressions evaluated in order until one fails or a verdict ends the chain.
public struct NftRule: Hashable, Sendable {
    public var expressions: [NftExpression]

    public init(_ expressions: [NftExpression]) {
        self.expressions = expressions
    }

    /// Sets and maps the rule references (adding it binds them).
    public var referencedSets: [String] { expressions.flatMap(\.referencedSets) }
}
