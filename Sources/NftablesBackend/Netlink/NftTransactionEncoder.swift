import CMnl
import CNetfilterShim
import CNftnl
import ProxyCore

/// Writes the operations of a transaction into a batch, one or more messages per operation, as
/// nft 1.0.6 sends the equivalent commands (`add` creates without `NLM_F_EXCL`, except elements).
struct NftTransactionEncoder {
    let table: NftTable
    /// The sets with `flags interval`, which lookups into them need to know.
    let intervalSets: Set<String>
    let batch: NftBatch

    /// Appends every operation to the batch.
    /// - Throws: ``NftNetlinkError/invalid(operation:description:reason:)`` for an operation that
    ///   cannot be encoded.
    func encode(_ operations: [NftOperation]) throws {
        for (index, operation) in operations.enumerated() {
            do {
                try encode(operation, index)
            } catch let error as NftEncodingError {
                let description = operation.summary(in: table, element: error.element)
                throw NftNetlinkError.invalid(operation: index, description: description, reason: error.reason)
            }
        }
    }

    private func encode(_ operation: NftOperation, _ index: Int) throws {
        switch operation {
        case .addTable(let comment):
            try writeTable(NFT_MSG_NEWTABLE, NLM_F_CREATE, index, comment: comment)
        case .deleteTable:
            try writeTable(NFT_MSG_DELTABLE, 0, index)
        case .addChain(let chain):
            writeChain(NFT_MSG_NEWCHAIN, NLM_F_CREATE, index, chain.name, hook: chain.hook)
        case .deleteChain(let name):
            writeChain(NFT_MSG_DELCHAIN, 0, index, name)
        case .flushChain(let chain):
            // A rule message without a handle deletes every rule of the chain.
            writeRule(NFT_MSG_DELRULE, 0, index, chain)
        case .addRule(let chain, let rule, let after):
            try NftRuleEncoder(family: table.family, intervalSets: intervalSets).withRule(rule) { object in
                // APPEND with a position means "after that rule"; ECHO returns the rule with its handle.
                writeRule(NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_APPEND | NLM_F_ECHO, index, chain, object) {
                    if let after { nftnl_rule_set_u64($0, UInt16(NFTNL_RULE_POSITION.rawValue), after) }
                }
            }
        case .deleteRule(let chain, let handle):
            writeRule(NFT_MSG_DELRULE, 0, index, chain) {
                nftnl_rule_set_u64($0, UInt16(NFTNL_RULE_HANDLE.rawValue), handle)
            }
        case .addSet(let set):
            let definition = try NftSetDefinition(set, family: table.family)
            writeSet(NFT_MSG_NEWSET, NLM_F_CREATE, index, set.name) { object in
                definition.apply(to: object)
                // The kernel requires an id that names the new set within the batch.
                nftnl_set_set_u32(object, UInt16(NFTNL_SET_ID.rawValue), UInt32(index + 1))
            }
        case .deleteSet(let name):
            writeSet(NFT_MSG_DELSET, 0, index, name)
        case .addElements(let set, let elements):
            // EXCL: adding an element that exists is an error, not a silent success.
            try NftElementWriter(table: table, set: set, adding: true)
                .write(elements, flags: NLM_F_CREATE | NLM_F_EXCL, operation: index, into: batch)
        case .deleteElements(let set, let elements):
            try NftElementWriter(table: table, set: set, adding: false)
                .write(elements, flags: 0, operation: index, into: batch)
        }
    }

    // MARK: Objects

    private func append(_ type: nf_tables_msg_types, _ flags: Int32, _ index: Int,
                        _ build: (UnsafeMutablePointer<nlmsghdr>) -> Void) {
        batch.append(type, family: table.nfproto, flags: flags, operation: index, build)
    }

    /// A table message: the name, and for a new table nft's flags and user data (the comment).
    private func writeTable(_ type: nf_tables_msg_types, _ flags: Int32, _ index: Int, comment: String? = nil) throws {
        let object = nftnl_table_alloc()!
        defer { nftnl_table_free(object) }
        nftnl_table_set_str(object, UInt16(NFTNL_TABLE_NAME.rawValue), table.name)
        if type == NFT_MSG_NEWTABLE { nftnl_table_set_u32(object, UInt16(NFTNL_TABLE_FLAGS.rawValue), 0) }
        if let comment {
            guard NftUserData.fits(comment) else { throw NftEncodingError("comment too long") }
            var data = NftUserData()
            data.append(UInt8(NFTNL_UDATA_TABLE_COMMENT.rawValue), string: comment)
            nftnl_table_set_data(object, UInt16(NFTNL_TABLE_USERDATA.rawValue), data.bytes, UInt32(data.bytes.count))
        }
        append(type, flags, index) { nftnl_table_nlmsg_build_payload($0, object) }
    }

    /// A chain message; a base chain has nft's default policy, accept.
    private func writeChain(_ type: nf_tables_msg_types, _ flags: Int32, _ index: Int, _ name: String,
                            hook: NftChain.Hook? = nil) {
        let object = nftnl_chain_alloc()!
        defer { nftnl_chain_free(object) }
        nftnl_chain_set_str(object, UInt16(NFTNL_CHAIN_TABLE.rawValue), table.name)
        nftnl_chain_set_str(object, UInt16(NFTNL_CHAIN_NAME.rawValue), name)
        if let hook {
            nftnl_chain_set_str(object, UInt16(NFTNL_CHAIN_TYPE.rawValue), hook.kind.rawValue)
            nftnl_chain_set_u32(object, UInt16(NFTNL_CHAIN_HOOKNUM.rawValue), hook.point.hookNumber)
            nftnl_chain_set_s32(object, UInt16(NFTNL_CHAIN_PRIO.rawValue), hook.priority)
            nftnl_chain_set_u32(object, UInt16(NFTNL_CHAIN_POLICY.rawValue), UInt32(NF_ACCEPT))
        }
        append(type, flags, index) { nftnl_chain_nlmsg_build_payload($0, object) }
    }

    /// A set message; `configure` adds the definition of a new set.
    private func writeSet(_ type: nf_tables_msg_types, _ flags: Int32, _ index: Int, _ name: String,
                          _ configure: (OpaquePointer) -> Void = { _ in }) {
        let object = nftnl_set_alloc()!
        defer { nftnl_set_free(object) }
        nftnl_set_set_str(object, UInt16(NFTNL_SET_TABLE.rawValue), table.name)
        nftnl_set_set_str(object, UInt16(NFTNL_SET_NAME.rawValue), name)
        configure(object)
        append(type, flags, index) { nftnl_set_nlmsg_build_payload($0, object) }
    }

    /// A rule message: `rule` with its expressions, or a rule without any (flush, delete).
    private func writeRule(_ type: nf_tables_msg_types, _ flags: Int32, _ index: Int, _ chain: String,
                           _ rule: OpaquePointer? = nil, _ configure: (OpaquePointer) -> Void = { _ in }) {
        let bare = rule == nil ? nftnl_rule_alloc()! : nil
        defer { bare.map(nftnl_rule_free) }
        let object = rule ?? bare!
        nftnl_rule_set_str(object, UInt16(NFTNL_RULE_TABLE.rawValue), table.name)
        nftnl_rule_set_str(object, UInt16(NFTNL_RULE_CHAIN.rawValue), chain)
        configure(object)
        append(type, flags, index) { nftnl_rule_nlmsg_build_payload($0, object) }
    }
}

extension NftTable {
    /// The netfilter family of the table's messages (`NFPROTO_IPV4`, `NFPROTO_IPV6`).
    var nfproto: Int { family == .ipv4 ? NFPROTO_IPV4 : NFPROTO_IPV6 }
}
