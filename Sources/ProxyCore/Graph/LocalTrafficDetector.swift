/// Recognises traffic from this node's pods, for one IP family.
///
/// Upstream's `LocalTrafficDetector`: traffic it recognises is not masqueraded on its way to a
/// ClusterIP and is short-circuited to all endpoints under `externalTrafficPolicy: Local`.
public enum LocalTrafficDetector: Hashable, Sendable, CustomStringConvertible {
    /// No detector: no source counts as local pod traffic, and the ClusterIP masquerade rule is absent.
    case none
    /// Sources inside these CIDRs.
    case sourceCIDRs([CIDR])
    /// Packets that entered through this bridge.
    case bridgeInterface(String)
    /// Packets that entered through an interface whose name starts with this prefix.
    case interfaceNamePrefix(String)

    /// Whether the detector exists (upstream's `IsImplemented`).
    public var isImplemented: Bool { self != .none }

    /// Whether a packet is local pod traffic.
    public func matches(source: IPAddress, inputInterface: String?) -> Bool {
        switch self {
        case .none: false
        case .sourceCIDRs(let cidrs): cidrs.contains { $0.contains(source) }
        case .bridgeInterface(let name): inputInterface == name
        case .interfaceNamePrefix(let prefix): inputInterface?.hasPrefix(prefix) ?? false
        }
    }

    public var description: String {
        switch self {
        case .none: "none"
        case .sourceCIDRs(let cidrs): "source in " + cidrs.map(\.description).joined(separator: ",")
        case .bridgeInterface(let name): "input interface \(name)"
        case .interfaceNamePrefix(let prefix): "input interface \(prefix)*"
        }
    }
}
