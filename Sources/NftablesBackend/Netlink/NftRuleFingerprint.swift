import CNetfilterShim
import CNftnl

/// A rule's fingerprint: its expressions as libnftnl prints them (the lines of
/// `nft --debug=netlink`), once the attributes the kernel fills in for every rule it stores are
/// filled in here too. A rule encoded for sending and the same rule dumped from the kernel have
/// equal fingerprints.
enum NftRuleFingerprint {
    /// The fingerprint of a libnftnl rule (`struct nftnl_rule *`). It completes the rule's
    /// expressions in place, so the rule must not be sent afterwards.
    static func of(_ rule: OpaquePointer) -> String {
        guard let iterator = nftnl_expr_iter_create(rule) else { fatalError("out of memory iterating a rule") }
        defer { nftnl_expr_iter_destroy(iterator) }
        var lines: [String] = []
        while let expression = nftnl_expr_iter_next(iterator) {
            let name = String(cString: nftnl_expr_get_str(expression, UInt16(NFTNL_EXPR_NAME)))
            addKernelDefaults(to: expression, name)
            lines.append("[ \(name) \(text(expression))]")
        }
        return lines.joined(separator: "\n")
    }

    /// What the kernel stores beyond what nft sends: a lookup's flags, a dynset's timeout (0: the
    /// set's), and a NAT's range ends and range flags.
    private static func addKernelDefaults(to expression: OpaquePointer, _ name: String) {
        func isSet(_ attribute: Int) -> Bool { nftnl_expr_is_set(expression, UInt16(attribute)) }
        func get(_ attribute: Int) -> UInt32 { nftnl_expr_get_u32(expression, UInt16(attribute)) }
        func set(_ attribute: Int, _ value: UInt32) { nftnl_expr_set_u32(expression, UInt16(attribute), value) }
        switch name {
        case "lookup" where !isSet(NFTNL_EXPR_LOOKUP_FLAGS):
            set(NFTNL_EXPR_LOOKUP_FLAGS, 0)
        case "dynset" where !isSet(NFTNL_EXPR_DYNSET_TIMEOUT):
            nftnl_expr_set_u64(expression, UInt16(NFTNL_EXPR_DYNSET_TIMEOUT), 0)
        case "nat":
            var flags = isSet(NFTNL_EXPR_NAT_FLAGS) ? get(NFTNL_EXPR_NAT_FLAGS) : 0
            for (minimum, maximum, flag) in [
                (NFTNL_EXPR_NAT_REG_ADDR_MIN, NFTNL_EXPR_NAT_REG_ADDR_MAX, NF_NAT_RANGE_MAP_IPS),
                (NFTNL_EXPR_NAT_REG_PROTO_MIN, NFTNL_EXPR_NAT_REG_PROTO_MAX, NF_NAT_RANGE_PROTO_SPECIFIED),
            ] where isSet(minimum) {
                if !isSet(maximum) { set(maximum, get(minimum)) }
                flags |= UInt32(flag)
            }
            if flags != 0 { set(NFTNL_EXPR_NAT_FLAGS, flags) }
        default:
            break
        }
    }

    private static func text(_ expression: OpaquePointer) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        while true {
            let length = Int(nftnl_expr_snprintf(&buffer, buffer.count, expression, NFTNL_OUTPUT_DEFAULT.rawValue, 0))
            guard length >= 0 else { return "" }
            if length < buffer.count {
                return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
            buffer = [CChar](repeating: 0, count: length + 1)
        }
    }
}
