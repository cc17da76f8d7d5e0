import CMnl
import CNetfilterShim
import CNftnl
import Glibc
import ProxyCore

/// Reads tables back from the kernel with `GET` requests and dumps.
struct NftDumper {
    /// How often a dump is retried when the ruleset changes while it is read.
    private static let attempts = 5

    let socket: NetlinkSocket

    /// The table's chains, rules and sets, and the elements of the sets whose definitions equal
    /// the expected ones; nil when the table does not exist. The parts are read between two
    /// reads of the ruleset's generation, and read again if it changed.
    func dump(_ table: NftTable, expected: [NftSet]) throws -> NftTableDump? {
        for _ in 0..<Self.attempts {
            do {
                let generation = try self.generation()
                guard let header = try tableHeader(table) else { return nil }
                let rules = try self.rules(table)
                let chains = try self.chains(table).map { name, definition in
                    NftTableDump.Chain(name: name, definition: definition, rules: rules[name] ?? [])
                }
                let sets = try self.sets(table, expected: expected)
                if try self.generation() == generation {
                    return NftTableDump(table: table, handle: header.handle, comment: header.comment, chains: chains,
                                        sets: sets)
                }
            } catch let error as NftNetlinkError where error.errno == EINTR {
                continue  // a dump was interrupted by a change
            }
        }
        throw NftNetlinkError.unexpectedReply("the ruleset kept changing while \(table) was dumped")
    }

    /// The `NFT_SET_*` flags of a set, nil when it does not exist.
    func setFlags(_ table: NftTable, _ name: String) throws -> UInt32? {
        var flags: UInt32?
        let status = try request(NFT_MSG_GETSET, table, dump: false) { header in
            mnl_attr_put_strz(header, UInt16(NFTA_SET_TABLE.rawValue), table.name)
            mnl_attr_put_strz(header, UInt16(NFTA_SET_NAME.rawValue), name)
        } each: { reply in
            flags = reply.attributes[NFTA_SET_FLAGS.rawValue]?.bigEndianUInt32 ?? 0
        }
        guard status != ENOENT else { return nil }
        try check(status, "get set \(name) of \(table)")
        return flags
    }

    // MARK: Parts

    /// The ruleset's generation, which every committed transaction changes.
    private func generation() throws -> UInt32 {
        var generation: UInt32 = 0
        let status = try request(NFT_MSG_GETGEN, nil, dump: false) { _ in } each: { reply in
            generation = reply.attributes[NFTA_GEN_ID.rawValue]?.bigEndianUInt32 ?? 0
        }
        try check(status, "get the ruleset generation")
        return generation
    }

    /// A table's handle (the kernel's id of this instance of it) and comment; nil when the table
    /// does not exist.
    func tableHeader(_ table: NftTable) throws -> (handle: UInt64, comment: String?)? {
        var handle: UInt64 = 0
        var comment: String?
        let status = try request(NFT_MSG_GETTABLE, table, dump: false) { header in
            mnl_attr_put_strz(header, UInt16(NFTA_TABLE_NAME.rawValue), table.name)
        } each: { reply in
            handle = reply.attributes[NFTA_TABLE_HANDLE.rawValue]?.bigEndianUInt64 ?? 0
            comment = reply.attributes[NFTA_TABLE_USERDATA.rawValue]
                .flatMap { NftUserData.string(UInt8(NFTNL_UDATA_TABLE_COMMENT.rawValue), in: $0.value) }
        }
        guard status != ENOENT else { return nil }
        try check(status, "get table \(table)")
        return (handle, comment)
    }

    private func chains(_ table: NftTable) throws -> [(String, NftChain?)] {
        var chains: [(String, NftChain?)] = []
        let status = try request(NFT_MSG_GETCHAIN, table, dump: true) { header in
            mnl_attr_put_strz(header, UInt16(NFTA_CHAIN_TABLE.rawValue), table.name)
        } each: { reply in
            let chain = nftnl_chain_alloc()!
            defer { nftnl_chain_free(chain) }
            guard nftnl_chain_nlmsg_parse(reply.header, chain) >= 0,
                  string(nftnl_chain_get_str(chain, UInt16(NFTNL_CHAIN_TABLE.rawValue))) == table.name
            else { return }
            let name = string(nftnl_chain_get_str(chain, UInt16(NFTNL_CHAIN_NAME.rawValue)))
            chains.append((name, definition(of: chain, name)))
        }
        try check(status, "list the chains of \(table)")
        return chains
    }

    /// The chain as the model describes it: a regular chain, or a base chain with policy accept.
    private func definition(of chain: OpaquePointer, _ name: String) -> NftChain? {
        func attribute(_ attribute: nftnl_chain_attr) -> UInt16 { UInt16(attribute.rawValue) }
        guard nftnl_chain_is_set(chain, attribute(NFTNL_CHAIN_HOOKNUM)) else { return NftChain(name) }
        guard let kind = NftChain.Hook.Kind(rawValue: string(nftnl_chain_get_str(chain, attribute(NFTNL_CHAIN_TYPE)))),
              let point = NftChain.Hook.Point(hookNumber: nftnl_chain_get_u32(chain, attribute(NFTNL_CHAIN_HOOKNUM))),
              nftnl_chain_get_u32(chain, attribute(NFTNL_CHAIN_POLICY)) == UInt32(NF_ACCEPT)
        else { return nil }
        return NftChain(name, hook: .init(kind, point, priority: nftnl_chain_get_s32(chain, attribute(NFTNL_CHAIN_PRIO))))
    }

    /// Each chain's rules, in order.
    private func rules(_ table: NftTable) throws -> [String: [NftTableDump.Rule]] {
        var rules: [String: [NftTableDump.Rule]] = [:]
        let status = try request(NFT_MSG_GETRULE, table, dump: true) { header in
            mnl_attr_put_strz(header, UInt16(NFTA_RULE_TABLE.rawValue), table.name)
        } each: { reply in
            let rule = nftnl_rule_alloc()!
            defer { nftnl_rule_free(rule) }
            guard nftnl_rule_nlmsg_parse(reply.header, rule) >= 0,
                  string(nftnl_rule_get_str(rule, UInt16(NFTNL_RULE_TABLE.rawValue))) == table.name
            else { return }
            let chain = string(nftnl_rule_get_str(rule, UInt16(NFTNL_RULE_CHAIN.rawValue)))
            rules[chain, default: []].append(NftTableDump.Rule(
                handle: nftnl_rule_get_u64(rule, UInt16(NFTNL_RULE_HANDLE.rawValue)),
                fingerprint: NftRuleFingerprint.of(rule)))
        }
        try check(status, "list the rules of \(table)")
        return rules
    }

    private func sets(_ table: NftTable, expected: [NftSet]) throws -> [NftTableDump.Set] {
        var found: [(name: String, definition: NftSetDefinition)] = []
        let status = try request(NFT_MSG_GETSET, table, dump: true) { header in
            mnl_attr_put_strz(header, UInt16(NFTA_SET_TABLE.rawValue), table.name)
        } each: { reply in
            let set = nftnl_set_alloc()!
            defer { nftnl_set_free(set) }
            guard nftnl_set_nlmsg_parse(reply.header, set) >= 0,
                  string(nftnl_set_get_str(set, UInt16(NFTNL_SET_TABLE.rawValue))) == table.name
            else { return }
            let name = string(nftnl_set_get_str(set, UInt16(NFTNL_SET_NAME.rawValue)))
            found.append((name, NftSetDefinition(parsing: set)))
        }
        try check(status, "list the sets of \(table)")
        let expectedSets = Dictionary(expected.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return try found.map { name, definition in
            var elements: [NftElement]?
            if let set = expectedSets[name], !set.isDynamic,
               (try? NftSetDefinition(set, family: table.family)) == definition {
                elements = try self.elements(of: set, in: table)
            }
            return NftTableDump.Set(name: name, fingerprint: definition.description, elements: elements)
        }
    }

    /// The elements of a set whose definition is `set`'s; nil when one of them is not a value
    /// proxyd's model has.
    private func elements(of set: NftSet, in table: NftTable) throws -> [NftElement]? {
        let key = set.keyCodec(table.family)
        let data = set.dataCodec(table.family)
        var elements: [NftElement] = []
        var decodable = true
        let status = try request(NFT_MSG_GETSETELEM, table, dump: true) { header in
            mnl_attr_put_strz(header, UInt16(NFTA_SET_ELEM_LIST_TABLE.rawValue), table.name)
            mnl_attr_put_strz(header, UInt16(NFTA_SET_ELEM_LIST_SET.rawValue), set.name)
        } each: { reply in
            guard let list = reply.attributes[NFTA_SET_ELEM_LIST_ELEMENTS.rawValue] else { return }
            for item in list.nested where decodable {
                guard let element = decode(item.nested, key: key, data: data, isMap: set.isMap) else {
                    decodable = false
                    return
                }
                elements.append(element)
            }
        }
        try check(status, "list the elements of set \(set.name) of \(table)")
        return decodable ? elements : nil
    }

    /// An element of a dump, or nil when it is not one proxyd's model has.
    private func decode(_ attributes: NetlinkAttributes, key: NftElementCodec, data: NftElementCodec?,
                        isMap: Bool) -> NftElement? {
        var first, last, value: UnsafeRawBufferPointer?
        var verdict: NetlinkAttributes?
        var comment: String?
        for attribute in attributes {
            switch UInt32(attribute.type) {
            case NFTA_SET_ELEM_KEY.rawValue: first = attribute.nested[NFTA_DATA_VALUE.rawValue]?.value
            case NFTA_SET_ELEM_KEY_END.rawValue: last = attribute.nested[NFTA_DATA_VALUE.rawValue]?.value
            case NFTA_SET_ELEM_DATA.rawValue:
                value = attribute.nested[NFTA_DATA_VALUE.rawValue]?.value
                verdict = attribute.nested[NFTA_DATA_VERDICT.rawValue]?.nested
            case NFTA_SET_ELEM_USERDATA.rawValue:
                comment = NftUserData.string(UInt8(NFTNL_UDATA_SET_ELEM_COMMENT.rawValue), in: attribute.value)
            default: break
            }
        }
        guard let first, let keyValues = key.decode(first, last: key.isInterval ? last ?? first : nil) else { return nil }
        var elementValue: NftElement.Value?
        if let data {
            guard let value, let values = data.decode(value) else { return nil }
            elementValue = .data(values)
        } else if isMap {
            guard let verdict, let code = verdict[NFTA_VERDICT_CODE.rawValue].map({ Int32(bitPattern: $0.bigEndianUInt32) }),
                  let decoded = NftVerdict(code: code, chain: verdict[NFTA_VERDICT_CHAIN.rawValue]?.string)
            else { return nil }
            elementValue = .verdict(decoded)
        }
        return NftElement(keyValues, value: elementValue, comment: comment)
    }

    // MARK: Requests

    /// Sends a `GET` request for one object (acknowledged) or a dump, and hands each reply to `each`.
    private func request(_ type: nf_tables_msg_types, _ table: NftTable?, dump: Bool,
                         attributes: (UnsafeMutablePointer<nlmsghdr>) -> Void,
                         each: (NetlinkMessage) throws -> Void) throws -> Int32 {
        try withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 8) { buffer in
            let family = table?.nfproto ?? NFPROTO_UNSPEC
            let flags = dump ? NLM_F_DUMP : NLM_F_ACK
            let sequence = socket.nextSequence
            socket.nextSequence &+= 1
            let header = nftnl_nlmsg_build_hdr(buffer.baseAddress!.assumingMemoryBound(to: CChar.self),
                                               UInt16(NFNL_SUBSYS_NFTABLES) << 8 | UInt16(type.rawValue),
                                               UInt16(family), UInt16(flags), sequence)!
            attributes(header)
            return try socket.request(header, each)
        }
    }

    private func check(_ status: Int32, _ action: String) throws {
        guard status == 0 else { throw NftNetlinkError.system(action, errno: status) }
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }
}
