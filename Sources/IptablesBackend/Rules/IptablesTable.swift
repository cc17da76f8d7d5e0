/// The iptables tables proxyd writes to.
public enum IptablesTable: String, Hashable, Sendable, CaseIterable {
    case filter
    case nat
    case mangle
}
