import CMnl
import CNetfilterShim

/// A netlink message from the kernel: a view into the receive buffer, valid only while the
/// callback that was given it runs.
struct NetlinkMessage {
    /// An acknowledgement or error (`NLMSG_ERROR`).
    struct Acknowledgement {
        /// 0 for an acknowledgement, else the errno of the failed request.
        let errno: Int32
        /// Where the attribute the kernel blamed starts, in bytes from the request's header.
        let badAttributeOffset: Int?
    }

    let header: UnsafePointer<nlmsghdr>

    init(_ header: UnsafePointer<nlmsghdr>) {
        self.header = header
    }

    var type: UInt16 { header.pointee.nlmsg_type }
    var sequence: UInt32 { header.pointee.nlmsg_seq }
    /// Whether a dump ended (`NLMSG_DONE`).
    var isDone: Bool { type == UInt16(NLMSG_DONE) }
    /// Whether the ruleset changed while a dump was in progress (`NLM_F_DUMP_INTR`).
    var isInterruptedDump: Bool { header.pointee.nlmsg_flags & UInt16(NLM_F_DUMP_INTR) != 0 }

    /// The bytes after the netlink header.
    var payload: UnsafeRawBufferPointer {
        let size = MemoryLayout<nlmsghdr>.size
        return UnsafeRawBufferPointer(start: UnsafeRawPointer(header) + size, count: Int(header.pointee.nlmsg_len) - size)
    }

    /// The `NFT_MSG_*` type of an nf_tables message.
    var nftablesType: UInt32? {
        type >> 8 == UInt16(NFNL_SUBSYS_NFTABLES) ? UInt32(type & 0xff) : nil
    }

    /// The attributes of an nf_tables message, after its `nfgenmsg` header.
    var attributes: NetlinkAttributes {
        NetlinkAttributes(UnsafeRawBufferPointer(rebasing: payload.dropFirst(MemoryLayout<nfgenmsg>.size)))
    }

    /// The acknowledgement, when the message is one.
    var acknowledgement: Acknowledgement? {
        guard type == UInt16(NLMSG_ERROR), payload.count >= MemoryLayout<nlmsgerr>.size else { return nil }
        let error = -payload.loadUnaligned(as: Int32.self)
        // The request's header follows the error code, then the request's payload unless capped,
        // then the extended-ack attributes.
        var tlvs = MemoryLayout<nlmsgerr>.size
        let flags = header.pointee.nlmsg_flags
        if flags & UInt16(NLM_F_CAPPED) == 0 {
            let requestLength = Int(payload.loadUnaligned(fromByteOffset: MemoryLayout<Int32>.size, as: UInt32.self))
            tlvs += Self.aligned(requestLength) - MemoryLayout<nlmsghdr>.size
        }
        var offset: Int?
        if flags & UInt16(NLM_F_ACK_TLVS) != 0, tlvs <= payload.count {
            let attributes = NetlinkAttributes(UnsafeRawBufferPointer(rebasing: payload[tlvs...]))
            offset = attributes.first { $0.type == UInt16(NLMSGERR_ATTR_OFFS.rawValue) }.map { Int($0.uint32) }
        }
        return Acknowledgement(errno: error, badAttributeOffset: offset)
    }

    /// A length rounded up to netlink's 4-byte alignment.
    static func aligned(_ length: Int) -> Int { (length + 3) & ~3 }
}

/// The netlink attributes in a buffer, in order.
struct NetlinkAttributes: Sequence, IteratorProtocol {
    /// The type bits of `nla_type`, without `NLA_F_NESTED` and `NLA_F_NET_BYTEORDER`.
    private static let typeMask: UInt16 = 0x3fff

    private var rest: UnsafeRawBufferPointer

    init(_ buffer: UnsafeRawBufferPointer) {
        rest = buffer
    }

    mutating func next() -> NetlinkAttribute? {
        guard rest.count >= MemoryLayout<nlattr>.size else { return nil }
        let length = Int(rest.loadUnaligned(as: UInt16.self))
        let type = rest.loadUnaligned(fromByteOffset: 2, as: UInt16.self) & Self.typeMask
        guard length >= MemoryLayout<nlattr>.size, length <= rest.count else { return nil }
        let value = UnsafeRawBufferPointer(rebasing: rest[MemoryLayout<nlattr>.size..<length])
        rest = UnsafeRawBufferPointer(rebasing: rest[Swift.min(NetlinkMessage.aligned(length), rest.count)...])
        return NetlinkAttribute(type: type, value: value)
    }

    /// The first attribute of a type.
    subscript(type: UInt32) -> NetlinkAttribute? { first { $0.type == UInt16(type) } }
}

/// One netlink attribute: its type and its value's bytes.
struct NetlinkAttribute {
    let type: UInt16
    let value: UnsafeRawBufferPointer

    /// The attributes nested in this one.
    var nested: NetlinkAttributes { NetlinkAttributes(value) }
    var bytes: [UInt8] { Array(value) }
    /// A NUL-terminated string.
    var string: String { String(decoding: value.prefix { $0 != 0 }, as: UTF8.self) }
    /// A 32-bit value in host order.
    var uint32: UInt32 { value.count >= 4 ? value.loadUnaligned(as: UInt32.self) : 0 }
    /// A 32-bit value in network order (`NLA_PUT_BE32`), converted to host order.
    var bigEndianUInt32: UInt32 { UInt32(bigEndian: uint32) }
    /// A 64-bit value in network order, converted to host order.
    var bigEndianUInt64: UInt64 { value.count >= 8 ? UInt64(bigEndian: value.loadUnaligned(as: UInt64.self)) : 0 }
}
