import CNftnl

/// Appends libnftnl expressions to a rule: one method per kind of expression proxyd's rules use,
/// setting exactly the attributes nft 1.0.6 sets (as `nft --debug=netlink` shows them).
///
/// Registers are netlink register numbers (`NFT_REG_VERDICT`, `NFT_REG_1`, `NFT_REG32_01`, ...).
struct NftExpressionWriter {
    /// The libnftnl rule (`struct nftnl_rule *`) the expressions are added to.
    let rule: OpaquePointer

    /// `payload load LENb @ BASE header + OFFSET => reg R`.
    func payload(_ base: nft_payload_bases, offset: UInt32, length: Int, into register: UInt32) {
        add("payload") {
            set($0, NFTNL_EXPR_PAYLOAD_DREG, register)
            set($0, NFTNL_EXPR_PAYLOAD_BASE, base.rawValue)
            set($0, NFTNL_EXPR_PAYLOAD_OFFSET, offset)
            set($0, NFTNL_EXPR_PAYLOAD_LEN, UInt32(length))
        }
    }

    /// `meta load KEY => reg R`.
    func meta(_ key: nft_meta_keys, into register: UInt32) {
        add("meta") {
            set($0, NFTNL_EXPR_META_KEY, key.rawValue)
            set($0, NFTNL_EXPR_META_DREG, register)
        }
    }

    /// `meta set KEY with reg R`.
    func setMeta(_ key: nft_meta_keys, from register: UInt32) {
        add("meta") {
            set($0, NFTNL_EXPR_META_KEY, key.rawValue)
            set($0, NFTNL_EXPR_META_SREG, register)
        }
    }

    /// `ct load KEY => reg R`.
    func conntrack(_ key: nft_ct_keys, into register: UInt32) {
        add("ct") {
            set($0, NFTNL_EXPR_CT_KEY, key.rawValue)
            set($0, NFTNL_EXPR_CT_DREG, register)
        }
    }

    /// `fib saddr|daddr RESULT => reg R`.
    func fib(_ flags: nft_fib_flags, _ result: nft_fib_result, into register: UInt32) {
        add("fib") {
            set($0, NFTNL_EXPR_FIB_FLAGS, flags.rawValue)
            set($0, NFTNL_EXPR_FIB_RESULT, result.rawValue)
            set($0, NFTNL_EXPR_FIB_DREG, register)
        }
    }

    /// `numgen reg R = random mod N`.
    func randomNumber(modulus: UInt32, into register: UInt32) {
        add("numgen") {
            set($0, NFTNL_EXPR_NG_DREG, register)
            set($0, NFTNL_EXPR_NG_MODULUS, modulus)
            set($0, NFTNL_EXPR_NG_TYPE, NFT_NG_RANDOM.rawValue)
            set($0, NFTNL_EXPR_NG_OFFSET, 0)
        }
    }

    /// `cmp OP reg R DATA`.
    func compare(_ register: UInt32, _ operation: nft_cmp_ops, _ data: [UInt8]) {
        add("cmp") {
            set($0, NFTNL_EXPR_CMP_SREG, register)
            set($0, NFTNL_EXPR_CMP_OP, operation.rawValue)
            set($0, NFTNL_EXPR_CMP_DATA, data)
        }
    }

    /// `bitwise reg R = ( reg R & MASK ) ^ XOR`.
    func bitwise(_ register: UInt32, mask: [UInt8], xor: [UInt8]) {
        add("bitwise") {
            set($0, NFTNL_EXPR_BITWISE_SREG, register)
            set($0, NFTNL_EXPR_BITWISE_DREG, register)
            set($0, NFTNL_EXPR_BITWISE_LEN, UInt32(mask.count))
            set($0, NFTNL_EXPR_BITWISE_MASK, mask)
            set($0, NFTNL_EXPR_BITWISE_XOR, xor)
        }
    }

    /// `byteorder reg R = hton(reg R, SIZE, LEN)`: a host-order value to network order.
    func hostToNetworkOrder(_ register: UInt32, length: Int, size: Int) {
        add("byteorder") {
            set($0, NFTNL_EXPR_BYTEORDER_SREG, register)
            set($0, NFTNL_EXPR_BYTEORDER_DREG, register)
            set($0, NFTNL_EXPR_BYTEORDER_OP, NFT_BYTEORDER_HTON.rawValue)
            set($0, NFTNL_EXPR_BYTEORDER_LEN, UInt32(length))
            set($0, NFTNL_EXPR_BYTEORDER_SIZE, UInt32(size))
        }
    }

    /// `lookup reg R set SET [dreg D] [0x1]`: membership (`inverted`: not a member), or a map's
    /// value into `data`.
    func lookup(_ setName: String, from register: UInt32, into data: UInt32? = nil, inverted: Bool = false) {
        add("lookup") {
            set($0, NFTNL_EXPR_LOOKUP_SREG, register)
            nftnl_expr_set_str($0, UInt16(NFTNL_EXPR_LOOKUP_SET), setName)
            if let data { set($0, NFTNL_EXPR_LOOKUP_DREG, data) }
            if inverted { set($0, NFTNL_EXPR_LOOKUP_FLAGS, NFT_LOOKUP_F_INV.rawValue) }
        }
    }

    /// `dynset update reg_key R set SET`: adds the key, or refreshes its timeout.
    func updateSet(_ setName: String, key register: UInt32) {
        add("dynset") {
            set($0, NFTNL_EXPR_DYNSET_OP, NFT_DYNSET_OP_UPDATE.rawValue)
            set($0, NFTNL_EXPR_DYNSET_SREG_KEY, register)
            nftnl_expr_set_str($0, UInt16(NFTNL_EXPR_DYNSET_SET_NAME), setName)
        }
    }

    /// `immediate reg R DATA`.
    func immediate(_ data: [UInt8], into register: UInt32) {
        add("immediate") {
            set($0, NFTNL_EXPR_IMM_DREG, register)
            set($0, NFTNL_EXPR_IMM_DATA, data)
        }
    }

    /// `immediate reg 0 VERDICT [-> CHAIN]`.
    func verdict(_ verdict: NftVerdict) {
        add("immediate") {
            set($0, NFTNL_EXPR_IMM_DREG, NFT_REG_VERDICT.rawValue)
            set($0, NFTNL_EXPR_IMM_VERDICT, UInt32(bitPattern: verdict.code))
            if let chain = verdict.targetChain { nftnl_expr_set_str($0, UInt16(NFTNL_EXPR_IMM_CHAIN), chain) }
        }
    }

    /// `nat dnat FAMILY addr_min reg A proto_min reg P [flags F]`.
    func destinationNAT(family: Int, address: UInt32, port: UInt32, flags: UInt32? = nil) {
        add("nat") {
            set($0, NFTNL_EXPR_NAT_TYPE, NFT_NAT_DNAT.rawValue)
            set($0, NFTNL_EXPR_NAT_FAMILY, UInt32(family))
            set($0, NFTNL_EXPR_NAT_REG_ADDR_MIN, address)
            set($0, NFTNL_EXPR_NAT_REG_PROTO_MIN, port)
            if let flags { set($0, NFTNL_EXPR_NAT_FLAGS, flags) }
        }
    }

    /// `masq flags F`.
    func masquerade(flags: UInt32) {
        add("masq") { set($0, NFTNL_EXPR_MASQ_FLAGS, flags) }
    }

    /// `reject type T code C`.
    func reject(_ type: nft_reject_types, code: UInt8) {
        add("reject") {
            set($0, NFTNL_EXPR_REJECT_TYPE, type.rawValue)
            nftnl_expr_set_u8($0, UInt16(NFTNL_EXPR_REJECT_CODE), code)
        }
    }

    // MARK: Helpers

    private func add(_ name: String, _ configure: (OpaquePointer) -> Void) {
        guard let expression = nftnl_expr_alloc(name) else { fatalError("libnftnl has no \(name) expression") }
        configure(expression)
        nftnl_rule_add_expr(rule, expression)
    }

    private func set(_ expression: OpaquePointer, _ attribute: Int, _ value: UInt32) {
        nftnl_expr_set_u32(expression, UInt16(attribute), value)
    }

    private func set(_ expression: OpaquePointer, _ attribute: Int, _ data: [UInt8]) {
        nftnl_expr_set(expression, UInt16(attribute), data, UInt32(data.count))
    }
}
