import CMnl
import CNetfilterShim
import CNftnl
import Glibc

/// One nf_tables batch: messages between `NFNL_MSG_BATCH_BEGIN` and `NFNL_MSG_BATCH_END`,
/// written into libnftnl's multi-page batch buffer, each with its own sequence number so the
/// kernel's replies can be traced back to the operation they are about.
///
/// The kernel applies a batch as one transaction: all of it, or nothing.
final class NftBatch {
    /// A message of the batch and what it was written for.
    struct Message {
        /// The index of the operation in its transaction.
        let operation: Int
        /// For element messages: the index, in the operation, of the message's first element.
        let firstElement: Int
        /// Where the message is, until the batch is freed.
        let header: UnsafeMutablePointer<nlmsghdr>

        /// The index, in its operation, of the element whose attribute starts `offset` bytes into
        /// an element message (where the kernel's extended ack points); nil for other offsets.
        func element(at offset: Int) -> Int? {
            let message = NetlinkMessage(header)
            guard let list = message.attributes[NFTA_SET_ELEM_LIST_ELEMENTS.rawValue],
                  let start = list.value.baseAddress.map({ $0 - UnsafeRawPointer(header) }),
                  offset >= start, offset + MemoryLayout<nlattr>.size <= start + list.value.count
            else { return nil }
            // libnftnl numbers an element's attribute by its position in the message, from 1.
            var attributes = NetlinkAttributes(UnsafeRawBufferPointer(rebasing: list.value[(offset - start)...]))
            return attributes.next().map { firstElement + Int($0.type) - 1 }
        }
    }

    /// The page size nft uses (32 memory pages); a page that fills up continues on a new one.
    private static let pageSize = UInt32(getpagesize() * 32)
    /// The room a message may overrun its page by: one maximal netlink message.
    private static let pageOverrun = UInt32(UInt16.max) + UInt32(getpagesize())

    private let batch: OpaquePointer
    /// The sequence number of `BATCH_BEGIN`; message `i` has `beginSequence + 1 + i`.
    let beginSequence: UInt32
    private(set) var messages: [Message] = []

    /// Starts a batch whose begin message has sequence number `sequence`.
    init(sequence: UInt32) {
        guard let batch = nftnl_batch_alloc(Self.pageSize, Self.pageOverrun) else {
            fatalError("out of memory allocating an nf_tables batch")
        }
        self.batch = batch
        beginSequence = sequence
        nftnl_batch_begin(buffer, sequence)
        advance()
    }

    deinit { nftnl_batch_free(batch) }

    private var buffer: UnsafeMutablePointer<CChar> {
        nftnl_batch_buffer(batch).assumingMemoryBound(to: CChar.self)
    }

    /// The sequence number the next message gets.
    var nextSequence: UInt32 { beginSequence &+ 1 &+ UInt32(messages.count) }

    /// Appends an nf_tables message whose payload `build` writes.
    ///
    /// - Parameters:
    ///   - type: `NFT_MSG_*`.
    ///   - family: the table's family (`NFPROTO_IPV4`, `NFPROTO_IPV6`).
    ///   - flags: `NLM_F_*` besides `NLM_F_REQUEST`.
    ///   - operation: the index of the operation it belongs to.
    ///   - firstElement: for element messages, the index of its first element in the operation.
    func append(_ type: nf_tables_msg_types, family: Int, flags: Int32, operation: Int, firstElement: Int = 0,
                _ build: (UnsafeMutablePointer<nlmsghdr>) throws -> Void) rethrows {
        let messageType = UInt16(NFNL_SUBSYS_NFTABLES) << 8 | UInt16(type.rawValue)
        guard let header = nftnl_nlmsg_build_hdr(buffer, messageType, UInt16(family), UInt16(flags), nextSequence) else {
            fatalError("libnftnl could not build a message header")
        }
        try build(header)
        let length = Int(header.pointee.nlmsg_len)
        advance()
        // A message that overflowed its page was moved to the start of a new one: either way it
        // now ends where the buffer's free space begins.
        let moved = (UnsafeMutableRawPointer(buffer) - length).assumingMemoryBound(to: nlmsghdr.self)
        messages.append(Message(operation: operation, firstElement: firstElement, header: moved))
    }

    /// Ends the batch with `BATCH_END`.
    func finish() {
        nftnl_batch_end(buffer, nextSequence)
        advance()
    }

    private func advance() {
        guard nftnl_batch_update(batch) >= 0 else { fatalError("out of memory growing an nf_tables batch") }
    }

    /// The message with a sequence number, if it is one of this batch's.
    func message(sequence: UInt32) -> Message? {
        let index = Int(sequence &- beginSequence &- 1)
        return messages.indices.contains(index) ? messages[index] : nil
    }

    /// The batch's pages, to send as one datagram.
    func pages() -> [iovec] {
        let count = nftnl_batch_iovec_len(batch)
        var pages = [iovec](repeating: iovec(), count: Int(count))
        nftnl_batch_iovec(batch, &pages, UInt32(count))
        return pages
    }
}
