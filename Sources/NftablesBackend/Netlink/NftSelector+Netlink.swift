import CNetfilterShim
import CNftnl
import ProxyCore

/// How nft 1.0.6 reads a selector's value: the expression that loads it into a register, its byte
/// order, and how a set's `typeof` user data describes it.
extension NftSelector {
    /// The expression that loads the value.
    enum Load {
        /// `payload load LEN @ BASE header + OFFSET`.
        case payload(base: nft_payload_bases, offset: UInt32)
        /// `meta load KEY`.
        case meta(nft_meta_keys)
        /// `numgen random mod N`.
        case randomNumber(modulus: Int)
    }

    func load(_ family: IPFamily) -> Load {
        let ipv4 = family == .ipv4
        switch self {
        case .sourceAddress: return .payload(base: NFT_PAYLOAD_NETWORK_HEADER, offset: ipv4 ? 12 : 8)
        case .destinationAddress: return .payload(base: NFT_PAYLOAD_NETWORK_HEADER, offset: ipv4 ? 16 : 24)
        case .anyDestinationPort, .destinationPort: return .payload(base: NFT_PAYLOAD_TRANSPORT_HEADER, offset: 2)
        case .transportProtocol: return .meta(NFT_META_L4PROTO)
        case .inputInterfaceName: return .meta(NFT_META_IIFNAME)
        case .mark: return .meta(NFT_META_MARK)
        case .randomBucket(let modulus): return .randomNumber(modulus: modulus)
        }
    }

    /// The number of bytes it loads.
    func length(_ family: IPFamily) -> Int { dataType(family).byteLength }

    /// Whether nft keeps the value in host byte order (meta and numgen values); packet fields are
    /// big endian.
    var isHostByteOrder: Bool {
        if case .payload = load(.ipv4) { return false }
        return true
    }

    /// The protocol a packet must have for the selector to make sense (`tcp dport` needs
    /// `meta l4proto tcp`, which nft adds as a dependency).
    var requiredProtocol: TransportProtocol? {
        if case .destinationPort(let transport) = self { return transport }
        return nil
    }

    /// Appends nft's `typeof` description of the selector: its expression type, then the
    /// expression's own records (nft's `expr_ops->build_udata`).
    func appendTypeof(to data: inout NftUserData, family: IPFamily) {
        switch load(family) {
        case .payload:
            // nft's protocol description and header field ids (`enum proto_desc_id`, `*hdr_fields`).
            let (protocolID, fieldID): (UInt32, UInt32) = switch self {
            case .sourceAddress: family == .ipv4 ? (12, 11) : (13, 8)
            case .destinationAddress: family == .ipv4 ? (12, 12) : (13, 9)
            case .destinationPort(.tcp): (8, 2)
            case .destinationPort(.udp): (6, 2)
            case .destinationPort(.sctp): (10, 2)
            default: (11, 2)  // th dport
            }
            Self.appendExpression(to: &data, type: Self.payloadExpression) {
                $0.append(0, protocolID)
                $0.append(1, fieldID)
            }
        case .meta(let key):
            Self.appendExpression(to: &data, type: Self.metaExpression) { $0.append(0, key.rawValue) }
        case .randomNumber(let modulus):
            Self.appendExpression(to: &data, type: Self.numgenExpression) {
                $0.append(0, NFT_NG_RANDOM.rawValue)
                $0.append(1, UInt32(clamping: modulus))
                $0.append(2, 0)  // offset
            }
        }
    }

    // nft's expression types (`enum expr_types`).
    private static let payloadExpression: UInt32 = 7
    private static let metaExpression: UInt32 = 9
    private static let numgenExpression: UInt32 = 23
    static let concatenationExpression: UInt32 = 13

    /// One `typeof` expression: `NFTNL_UDATA_SET_TYPEOF_EXPR` then `NFTNL_UDATA_SET_TYPEOF_DATA`.
    static func appendExpression(to data: inout NftUserData, type: UInt32, _ body: (inout NftUserData) -> Void) {
        data.append(UInt8(NFTNL_UDATA_SET_TYPEOF_EXPR), type)
        data.append(UInt8(NFTNL_UDATA_SET_TYPEOF_DATA), nested: body)
    }
}
