/// The type of one field of a set key or map value.
public enum NftDataType: Hashable, Sendable {
    case ipv4Address
    case ipv6Address
    /// `inet_proto`: a transport protocol number (1 byte).
    case transportProtocol
    /// `inet_service`: a port (2 bytes, network order).
    case port
    /// A 32-bit integer in host order (a `numgen` bucket, a mark).
    case integer
    /// `ifname`: an interface name (16 bytes).
    case interfaceName
    /// `verdict`: the data of a verdict map.
    case verdict

    /// nft's name of the type (`ipv4_addr`, `inet_service`, ...).
    public var nftName: String {
        switch self {
        case .ipv4Address: "ipv4_addr"
        case .ipv6Address: "ipv6_addr"
        case .transportProtocol: "inet_proto"
        case .port: "inet_service"
        case .integer: "integer"
        case .interfaceName: "ifname"
        case .verdict: "verdict"
        }
    }

    /// nft's numeric id of the type (`enum datatypes` in nft's `datatype.h`), which the kernel
    /// stores as the set's key or data type; concatenations pack 6 bits per field.
    public var nftTypeID: UInt32 {
        switch self {
        case .verdict: 1
        case .integer: 4
        case .ipv4Address: 7
        case .ipv6Address: 8
        case .transportProtocol: 12
        case .port: 13
        case .interfaceName: 41
        }
    }

    /// The field's length in bytes, before padding to 4-byte registers.
    public var byteLength: Int {
        switch self {
        case .ipv4Address: 4
        case .ipv6Address: 16
        case .transportProtocol: 1
        case .port: 2
        case .integer: 4
        case .interfaceName: 16
        case .verdict: 0
        }
    }
}
