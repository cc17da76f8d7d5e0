import CNftnl
import Foundation
import ProxyCore

/// The netlink side of the nftables backend: applies transactions to the kernel, each as one
/// nf_tables batch, and reads tables back. Speaks nf_tables netlink through libnftnl and libmnl;
/// needs neither the `nft` binary nor libnftables.
///
/// What it writes is what nft 1.0.6 writes for the same text, user data included, so `nft list`
/// prints proxyd's tables as the renderer printed them. Calls are serialized: one socket, one
/// request at a time.
public final class NftNetlink: @unchecked Sendable {
    private let socket: NetlinkSocket
    private let lock = NSLock()

    /// Opens a netfilter netlink socket in the current network namespace, or in the named one
    /// (`/var/run/netns/NAME`, as `ip netns` creates them).
    public init(namespace: String? = nil) throws {
        socket = try NetlinkSocket(namespace: namespace)
    }

    /// Applies a transaction as one batch: all of its operations, or none.
    ///
    /// - Returns: the handle of each added rule, by the index of its `addRule` operation (the
    ///   kernel echoes every new rule).
    /// - Throws: ``NftNetlinkError/rejected(operation:description:errno:)`` naming the operation
    ///   the kernel refused (then nothing was applied),
    ///   ``NftNetlinkError/invalid(operation:description:reason:)`` for an operation that cannot be
    ///   encoded (nothing was sent), or ``NftNetlinkError/system(_:errno:)``.
    @discardableResult
    public func apply(_ transaction: NftTransaction) throws -> [Int: UInt64] {
        guard !transaction.isEmpty else { return [:] }
        lock.lock()
        defer { lock.unlock() }
        let intervalSets = try intervalSets(for: transaction)
        let batch = NftBatch(sequence: socket.nextSequence)
        try NftTransactionEncoder(table: transaction.table, intervalSets: intervalSets, batch: batch).encode(transaction.operations)
        batch.finish()
        socket.nextSequence = batch.nextSequence &+ 1

        let newRules = transaction.operations.filter(\.isAddRule).count
        var pages = batch.pages()
        try socket.ensureSendBuffer(pages.reduce(0) { $0 + $1.iov_len })
        // Room for an error per message and an echo per new rule.
        try socket.ensureReceiveBuffer(batch.messages.count * 1024 + newRules * 4096)
        try socket.send(&pages)

        let handles = try replies(to: batch, of: transaction)
        guard handles.count == newRules else {
            throw NftNetlinkError.unexpectedReply(
                "the batch was applied, but only \(handles.count) of \(newRules) new rules were echoed")
        }
        return handles
    }

    /// Reads a table back: its chains and rules, its sets, and the elements of every set whose
    /// definition equals the expected set of the same name (except `flags dynamic` sets, whose
    /// elements come from packets).
    ///
    /// - Returns: nil when the table does not exist.
    public func dump(_ table: NftTable, sets expected: [NftSet]) throws -> NftTableDump? {
        lock.lock()
        defer { lock.unlock() }
        return try NftDumper(socket: socket).dump(table, expected: expected)
    }

    /// The kernel's id of a table's current instance (a table deleted and created again gets
    /// another); nil when the table does not exist.
    public func tableHandle(of table: NftTable) throws -> UInt64? {
        lock.lock()
        defer { lock.unlock() }
        return try NftDumper(socket: socket).tableHeader(table)?.handle
    }

    /// The fingerprint the kernel's copy of `rule` will have in a dump of `table`, whose sets are
    /// `sets` (a lookup is encoded differently when its set has `flags interval`).
    public static func fingerprint(_ rule: NftRule, in table: NftTable, sets: [NftSet]) throws -> String {
        let intervalSets = Set(sets.filter { $0.flags.contains(.interval) }.map(\.name))
        do {
            return try NftRuleEncoder(family: table.family, intervalSets: intervalSets)
                .withRule(rule, NftRuleFingerprint.of)
        } catch let error as NftEncodingError {
            throw NftNetlinkError.invalid(operation: nil, description: "encode a rule", reason: error.reason)
        }
    }

    /// The fingerprint the kernel's copy of `set` will have in a dump of a table like `table`.
    public static func fingerprint(_ set: NftSet, in table: NftTable) throws -> String {
        do {
            return try NftSetDefinition(set, family: table.family).description
        } catch let error as NftEncodingError {
            throw NftNetlinkError.invalid(operation: nil, description: "encode set \(set.name)", reason: error.reason)
        }
    }

    // MARK: Helpers

    /// Reads the replies to a batch: the handles of its new rules, by operation, or the error of
    /// its first rejected message. The kernel processes a whole batch while `sendmsg` runs, so all
    /// replies are queued by now.
    private func replies(to batch: NftBatch, of transaction: NftTransaction) throws -> [Int: UInt64] {
        var handles: [Int: UInt64] = [:]
        var failure: (sequence: UInt32, error: NftNetlinkError)?
        while try socket.receive(wait: false, { reply in
            // A reply left over from an earlier request (one that failed while its replies were
            // read) is not this batch's.
            guard reply.sequence &- batch.beginSequence <= batch.nextSequence &- batch.beginSequence else { return }
            if let acknowledgement = reply.acknowledgement, acknowledgement.errno != 0 {
                let sequence = reply.sequence &- batch.beginSequence
                if failure.map({ sequence < $0.sequence }) ?? true {
                    failure = (sequence, rejection(acknowledgement, reply.sequence, batch, transaction))
                }
            } else if reply.nftablesType == NFT_MSG_NEWRULE.rawValue, let message = batch.message(sequence: reply.sequence),
                      let handle = reply.attributes[NFTA_RULE_HANDLE.rawValue] {
                handles[message.operation] = handle.bigEndianUInt64
            }
        }) {}
        if let failure { throw failure.error }
        return handles
    }

    /// The error for a rejected message: the operation, and the element the kernel blamed.
    private func rejection(_ acknowledgement: NetlinkMessage.Acknowledgement, _ sequence: UInt32, _ batch: NftBatch,
                           _ transaction: NftTransaction) -> NftNetlinkError {
        guard let message = batch.message(sequence: sequence) else {
            return .system("apply a batch to \(transaction.table)", errno: acknowledgement.errno)
        }
        let operation = transaction.operations[message.operation]
        let element = operation.isElementOperation ? acknowledgement.badAttributeOffset.flatMap(message.element(at:)) : nil
        let description = operation.summary(in: transaction.table, element: element)
        return .rejected(operation: message.operation, description: description, errno: acknowledgement.errno)
    }

    /// The sets with `flags interval` among those the transaction's new rules look up: known from
    /// the transaction when it defines them, else asked from the kernel, as nft asks its cache.
    private func intervalSets(for transaction: NftTransaction) throws -> Set<String> {
        var known: [String: Bool] = [:]
        var referenced: Set<String> = []
        for operation in transaction.operations {
            switch operation {
            case .addSet(let set), .addElements(let set, _), .deleteElements(let set, _):
                known[set.name] = set.flags.contains(.interval)
            case .addRule(_, let rule, _):
                referenced.formUnion(rule.referencedSets)
            default:
                break
            }
        }
        let dumper = NftDumper(socket: socket)
        for name in referenced where known[name] == nil {
            known[name] = try dumper.setFlags(transaction.table, name).map { $0 & NFT_SET_INTERVAL.rawValue != 0 } ?? false
        }
        return Set(known.filter(\.value).keys)
    }
}

private extension NftOperation {
    var isAddRule: Bool {
        if case .addRule = self { return true }
        return false
    }

    var isElementOperation: Bool {
        switch self {
        case .addElements, .deleteElements: true
        default: false
        }
    }
}
