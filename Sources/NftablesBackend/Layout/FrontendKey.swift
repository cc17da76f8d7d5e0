import ProxyCore

/// How the kernel tells frontends apart: `addr . proto . port`, or `proto . port` for a NodePort.
/// One key holds one element per set, so when two service ports share a key the first in the
/// tracer's order (port name, then frontend order) owns it.
enum FrontendKey: Hashable {
    case address(IPAddress, TransportProtocol, Int)
    case nodePort(TransportProtocol, Int)

    init(_ frontend: Frontend) {
        if let address = frontend.address {
            self = .address(address, frontend.transport, frontend.port)
        } else {
            self = .nodePort(frontend.transport, frontend.port)
        }
    }

    /// The key's fields in the class, no-endpoint and affinity sets.
    var values: [NftValue] {
        switch self {
        case .address(let address, let transport, let port): [.address(address), .transportProtocol(transport), .port(port)]
        case .nodePort(let transport, let port): [.transportProtocol(transport), .port(port)]
        }
    }

    /// The key's fields in a size map, which is per protocol: `addr . port` or `port`.
    var sizeMapValues: [NftValue] {
        switch self {
        case .address(let address, _, let port): [.address(address), .port(port)]
        case .nodePort(_, let port): [.port(port)]
        }
    }
}

/// A claim on a frontend key: which port and which of its frontends. Claims order as the tracer
/// looks frontends up, so the smallest claim owns the key.
struct FrontendClaim: Hashable, Comparable {
    let port: ServicePortName
    let index: Int

    static func < (lhs: FrontendClaim, rhs: FrontendClaim) -> Bool {
        (lhs.port, lhs.index) < (rhs.port, rhs.index)
    }
}
