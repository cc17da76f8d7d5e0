import ProxyCore

/// The iptables matches of the local-traffic detector (upstream's `IfLocal` / `IfNotLocal`).
enum LocalTrafficMatch {
    /// Matches local pod traffic; nil without a detector.
    static func local(_ detector: LocalTrafficDetector) -> [String]? {
        switch detector {
        case .none: nil
        case .sourceCIDRs(let cidrs): cidrs.first.map { ["-s", "\($0)"] }
        case .bridgeInterface(let name): ["-i", name]
        case .interfaceNamePrefix(let prefix): ["-i", prefix + "+"]
        }
    }

    /// Matches traffic that is not local pod traffic; nil without a detector.
    static func notLocal(_ detector: LocalTrafficDetector) -> [String]? {
        local(detector).map { ["!"] + $0 }
    }
}
