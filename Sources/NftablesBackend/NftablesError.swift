/// Errors of the nftables backend that are not the kernel's.
public enum NftablesError: Error, CustomStringConvertible {
    /// The kernel did not report the handle of a rule that was added.
    case missingHandle(chain: String)

    public var description: String {
        switch self {
        case .missingHandle(let chain): "the kernel did not echo the handle of a rule added to chain \(chain)"
        }
    }
}
