/// How a rule ends the evaluation of its chain.
public enum NftVerdict: Hashable, Sendable, CustomStringConvertible {
    case accept
    case drop
    /// Back to the calling chain.
    case `return`
    /// Evaluate another chain, then come back.
    case jump(String)
    /// Evaluate another chain instead, never coming back.
    case goto(String)

    public var description: String {
        switch self {
        case .accept: "accept"
        case .drop: "drop"
        case .return: "return"
        case .jump(let chain): "jump \(chain)"
        case .goto(let chain): "goto \(chain)"
        }
    }

    /// The chain it leads to, if any.
    public var targetChain: String? {
        switch self {
        case .jump(let chain), .goto(let chain): chain
        default: nil
        }
    }
}
