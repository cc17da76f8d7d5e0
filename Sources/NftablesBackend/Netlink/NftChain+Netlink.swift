import CNftnl

extension NftChain.Hook.Point {
    /// The netfilter hook number (`NF_INET_PRE_ROUTING`, ...).
    var hookNumber: UInt32 {
        switch self {
        case .prerouting: NF_INET_PRE_ROUTING.rawValue
        case .input: NF_INET_LOCAL_IN.rawValue
        case .forward: NF_INET_FORWARD.rawValue
        case .output: NF_INET_LOCAL_OUT.rawValue
        case .postrouting: NF_INET_POST_ROUTING.rawValue
        }
    }

    init?(hookNumber: UInt32) {
        let points: [Self] = [.prerouting, .input, .forward, .output, .postrouting]
        guard let point = points.first(where: { $0.hookNumber == hookNumber }) else { return nil }
        self = point
    }
}
