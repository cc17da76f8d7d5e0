import CNetfilterShim
import CNftnl
import ProxyCore

/// Encodes proxyd's rules as nft 1.0.6 linearizes the equivalent text: the same expressions, the
/// same registers, the same protocol dependencies and prefix matches. So `nft list` prints a rule
/// proxyd wrote as the text the renderer wrote for it.
struct NftRuleEncoder {
    let family: IPFamily
    /// The sets and maps with `flags interval`. nft converts host-order key fields to network
    /// order for lookups into them (their elements are stored that way).
    let intervalSets: Set<String>

    /// Calls `body` with a libnftnl rule (`struct nftnl_rule *`) holding the rule's expressions;
    /// the rule is freed afterwards.
    func withRule<T>(_ rule: NftRule, _ body: (OpaquePointer) throws -> T) throws -> T {
        guard let object = nftnl_rule_alloc() else { fatalError("out of memory allocating a rule") }
        defer { nftnl_rule_free(object) }
        var encoding = Encoding(family: family, intervalSets: intervalSets, writer: NftExpressionWriter(rule: object))
        for expression in rule.expressions { try encoding.append(expression) }
        return try body(object)
    }
}

/// The encoding of one rule in progress: which transport protocol is known so far.
private struct Encoding {
    let family: IPFamily
    let intervalSets: Set<String>
    let writer: NftExpressionWriter
    /// The protocol a `meta l4proto` match (written or added as a dependency) established.
    var knownProtocol: TransportProtocol?

    /// The first register of a statement: statements never keep values in registers for later ones.
    private var first: UInt32 { Self.register(unit: 1) }
    private var addressLength: Int { family == .ipv4 ? 4 : 16 }

    mutating func append(_ expression: NftExpression) throws {
        switch expression {
        case .connectionIsNew:
            testBits(of: NFT_CT_STATE, 1 << (IP_CT_NEW.rawValue + 1))
        case .connectionIsDNATed:
            testBits(of: NFT_CT_STATUS, IPS_DST_NAT.rawValue)
        case .addressIsLocal(let selector):
            let flags = switch selector {
            case .sourceAddress: NFTA_FIB_F_SADDR
            case .destinationAddress: NFTA_FIB_F_DADDR
            default: throw NftEncodingError("fib looks up addresses, not \(selector.text(family))")
            }
            writer.fib(flags, NFT_FIB_RESULT_ADDRTYPE, into: first)
            writer.compare(first, NFT_CMP_EQ, hostOrder(UInt32(RTN_LOCAL)))
        case .addressInNetwork(let selector, let network, let negated):
            try matchNetwork(selector, network, negated ? NFT_CMP_NEQ : NFT_CMP_EQ)
        case .inputInterface(let name, let isPrefix, let negated):
            try matchInterface(name, isPrefix: isPrefix, negated ? NFT_CMP_NEQ : NFT_CMP_EQ)
        case .transportProtocol(let transport):
            matchProtocol(transport)
        case .randomBucketIsZero(let modulus):
            writer.randomNumber(modulus: try positive(modulus), into: first)
            writer.compare(first, NFT_CMP_EQ, hostOrder(0))
        case .markBitsClear(let bits):
            writer.meta(NFT_META_MARK, into: first)
            writer.bitwise(first, mask: hostOrder(bits), xor: hostOrder(0))
            writer.compare(first, NFT_CMP_EQ, hostOrder(0))
        case .lookup(let key, let set, let negated):
            try load(key, lookingUpIn: set)
            writer.lookup(set, from: first, inverted: negated)
        case .verdict(let verdict):
            writer.verdict(verdict)
        case .reject:
            let code = family == .ipv4 ? UInt8(ICMP_PORT_UNREACH) : UInt8(ICMPV6_PORT_UNREACH)
            writer.reject(NFT_REJECT_ICMP_UNREACH, code: code)
        case .verdictMap(let key, let map):
            try load(key, lookingUpIn: map)
            writer.lookup(map, from: first, into: NFT_REG_VERDICT.rawValue)
        case .dnatThroughMap(let key, let map):
            try load(key, lookingUpIn: map)
            // The map's value `address . port` lands in the registers from the first on.
            writer.lookup(map, from: first, into: first)
            writer.destinationNAT(family: nfproto, address: first, port: Self.register(unit: 1 + addressLength / 4))
        case .dnat(let address, let port):
            guard address.family == family else { throw NftEncodingError("dnat to \(address) in an \(family) table") }
            guard knownProtocol != nil else { throw NftEncodingError("dnat to a port needs a protocol match before it") }
            guard (1...0xFFFF).contains(port) else { throw NftEncodingError("port \(port) out of range") }
            // nft gives the address a whole 128-bit register, so the port comes after it.
            let portRegister = Self.register(unit: 5)
            writer.immediate(address.bytes, into: first)
            writer.immediate([UInt8(port >> 8), UInt8(port & 0xFF)], into: portRegister)
            writer.destinationNAT(family: nfproto, address: first, port: portRegister,
                                  flags: UInt32(NF_NAT_RANGE_PROTO_SPECIFIED))
        case .updateSet(let key, let set):
            try load(key, lookingUpIn: set)
            writer.updateSet(set, key: first)
        case .setMarkBits(let bits):
            rewriteMark(mask: ~bits, xor: bits)
        case .toggleMarkBits(let bits):
            rewriteMark(mask: ~0, xor: bits)
        case .masqueradeFullyRandom:
            writer.masquerade(flags: UInt32(NF_NAT_RANGE_PROTO_RANDOM_FULLY))
        }
    }

    // MARK: Statements

    /// `ct state new`, `ct status dnat`: some bits of a conntrack value are set.
    private func testBits(of key: nft_ct_keys, _ bits: UInt32) {
        writer.conntrack(key, into: first)
        writer.bitwise(first, mask: hostOrder(bits), xor: hostOrder(0))
        writer.compare(first, NFT_CMP_NEQ, hostOrder(0))
    }

    /// `ip saddr 10.0.0.0/8`: nft loads only the prefix's bytes when it ends on a byte boundary,
    /// else the whole address under a mask.
    private func matchNetwork(_ selector: NftSelector, _ network: CIDR, _ operation: nft_cmp_ops) throws {
        guard selector == .sourceAddress || selector == .destinationAddress,
              case .payload(let base, let offset) = selector.load(family)
        else {
            throw NftEncodingError("\(selector.text(family)) is not an address")
        }
        guard network.family == family else { throw NftEncodingError("\(network) in an \(family) table") }
        let prefix = network.prefixLength
        let bytes = network.network.bytes
        if prefix > 0 && prefix % 8 == 0 {
            writer.payload(base, offset: offset, length: prefix / 8, into: first)
            writer.compare(first, operation, Array(bytes.prefix(prefix / 8)))
        } else {
            let mask = (0..<addressLength).map { index -> UInt8 in
                let bits = min(max(prefix - index * 8, 0), 8)
                return UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            }
            writer.payload(base, offset: offset, length: addressLength, into: first)
            writer.bitwise(first, mask: mask, xor: [UInt8](repeating: 0, count: addressLength))
            writer.compare(first, operation, bytes)
        }
    }

    /// `iifname "cbr0"` compares the whole NUL-padded name; `iifname "veth*"` only the prefix.
    private func matchInterface(_ name: String, isPrefix: Bool, _ operation: nft_cmp_ops) throws {
        let bytes = Array(name.utf8)
        let nameSize = Int(IFNAMSIZ)
        guard bytes.count < nameSize, !(isPrefix && bytes.isEmpty), !bytes.contains(0) else {
            throw NftEncodingError("\"\(name)\" is not an interface name")
        }
        writer.meta(NFT_META_IIFNAME, into: first)
        writer.compare(first, operation, isPrefix ? bytes : bytes + [UInt8](repeating: 0, count: nameSize - bytes.count))
    }

    /// `meta l4proto tcp`, which also tells later selectors the protocol.
    private mutating func matchProtocol(_ transport: TransportProtocol) {
        writer.meta(NFT_META_L4PROTO, into: first)
        writer.compare(first, NFT_CMP_EQ, [transport.protocolNumber])
        knownProtocol = transport
    }

    /// `meta mark set meta mark & MASK ^ XOR` (nft prints `| BITS` and `^ BITS`).
    private func rewriteMark(mask: UInt32, xor: UInt32) {
        writer.meta(NFT_META_MARK, into: first)
        writer.bitwise(first, mask: hostOrder(mask), xor: hostOrder(xor))
        writer.setMeta(NFT_META_MARK, from: first)
    }

    // MARK: Keys

    /// Loads a (concatenated) key into the registers from the first on, after the protocol
    /// matches its selectors depend on.
    private mutating func load(_ key: NftKey, lookingUpIn set: String) throws {
        guard !key.isEmpty else { throw NftEncodingError("an empty key") }
        for transport in key.compactMap(\.requiredProtocol) {
            if knownProtocol == nil {
                matchProtocol(transport)
            } else if knownProtocol != transport {
                throw NftEncodingError("conflicting protocols \(knownProtocol!) and \(transport)")
            }
        }
        let isInterval = intervalSets.contains(set)
        var unit = 1
        for selector in key {
            let register = Self.register(unit: unit)
            let length = selector.length(family)
            switch selector.load(family) {
            case .payload(let base, let offset): writer.payload(base, offset: offset, length: length, into: register)
            case .meta(let metaKey): writer.meta(metaKey, into: register)
            case .randomNumber(let modulus): writer.randomNumber(modulus: try positive(modulus), into: register)
            }
            // Numbers, not names: nft leaves strings (`iifname`) as they are.
            if isInterval && selector.isHostByteOrder && selector != .inputInterfaceName {
                let bits = length * 8
                writer.hostToNetworkOrder(register, length: length, size: bits % 64 == 0 ? 8 : bits % 32 == 0 ? 4 : 2)
            }
            unit += (length + 3) / 4
        }
    }

    // MARK: Values

    /// nft's register numbering (`netlink_put_register`): values take 32-bit units from 1 on; a
    /// unit on a 16-byte boundary is named by its 128-bit register (`NFT_REG_1`, `NFT_REG_2`, ...),
    /// any other by its 32-bit one (`NFT_REG32_01`, ...).
    private static func register(unit: Int) -> UInt32 {
        let index = UInt32(unit - 1)
        return index % 4 == 0 ? NFT_REG_1.rawValue + index / 4 : NFT_REG32_00.rawValue + index
    }

    private var nfproto: Int { family == .ipv4 ? NFPROTO_IPV4 : NFPROTO_IPV6 }

    private func hostOrder(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }

    private func positive(_ modulus: Int) throws -> UInt32 {
        guard modulus > 0, let value = UInt32(exactly: modulus) else { throw NftEncodingError("numgen modulus \(modulus)") }
        return value
    }
}
