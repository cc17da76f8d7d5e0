import CNetfilterShim
import CNftnl
import ProxyCore

/// The attributes that define a set in the kernel, as proxyd sends them and as a dump returns them
/// (the kernel stores and echoes them unchanged). Sets with equal definitions are interchangeable;
/// ``description`` is a set's fingerprint.
struct NftSetDefinition: Hashable, CustomStringConvertible {
    /// `NFT_SET_*`.
    var flags: UInt32
    /// nft's datatype id; a concatenation packs 6 bits per field.
    var keyType: UInt32
    var keyLength: UInt32
    /// A map's data type and length; the length is nil for verdict data (sent as 0, kept as the
    /// size of a verdict).
    var dataType: UInt32?
    var dataLength: UInt32?
    /// The default element timeout in milliseconds.
    var timeout: UInt64?
    /// The byte length of each field of an interval concatenation (`NFTA_SET_DESC_CONCAT`).
    var fieldLengths: [UInt8]
    /// nft's user data: byte orders, `typeof` expressions, the comment.
    var userData: [UInt8]

    /// The definition nft 1.0.6 sends for `set`, in a table of `family`.
    init(_ set: NftSet, family: IPFamily) throws {
        let key = set.key.fields(family)
        let value = set.value?.fields(family)
        guard !key.isEmpty, !key.contains(.verdict) else { throw NftEncodingError("a set key cannot hold verdicts") }
        if let value, value.isEmpty || (value.contains(.verdict) && value != [.verdict]) {
            throw NftEncodingError("a map's value is either data or one verdict")
        }
        let isInterval = set.flags.contains(.interval)
        if isInterval && key.count == 1 {
            throw NftEncodingError("interval sets need a concatenated key (single-field ranges are not supported)")
        }
        if let comment = set.comment, !NftUserData.fits(comment) { throw NftEncodingError("comment too long") }

        var flags: UInt32 = 0
        if isInterval { flags |= NFT_SET_INTERVAL.rawValue | (key.count > 1 ? NFT_SET_CONCAT.rawValue : 0) }
        if set.flags.contains(.dynamic) { flags |= NFT_SET_EVAL.rawValue }
        if set.flags.contains(.timeout) { flags |= NFT_SET_TIMEOUT.rawValue }
        if value != nil { flags |= NFT_SET_MAP.rawValue }
        self.flags = flags
        keyType = Self.typeID(key)
        keyLength = UInt32(set.keyCodec(family).length)
        if let value {
            dataType = set.isVerdictMap ? NFT_DATA_VERDICT.rawValue : Self.typeID(value)
            dataLength = set.dataCodec(family).map { UInt32($0.length) }
        }
        timeout = set.timeout.flatMap { $0 > 0 ? UInt64($0) * 1000 : nil }
        fieldLengths = isInterval && key.count > 1 ? key.map { UInt8($0.byteLength) } : []
        userData = Self.userData(set, family: family).bytes
    }

    /// The definition of a set a dump returned.
    init(parsing set: OpaquePointer) {
        flags = nftnl_set_get_u32(set, UInt16(NFTNL_SET_FLAGS.rawValue))
        keyType = nftnl_set_get_u32(set, UInt16(NFTNL_SET_KEY_TYPE.rawValue))
        keyLength = nftnl_set_get_u32(set, UInt16(NFTNL_SET_KEY_LEN.rawValue))
        if flags & NFT_SET_MAP.rawValue != 0 {
            let type = nftnl_set_get_u32(set, UInt16(NFTNL_SET_DATA_TYPE.rawValue))
            dataType = type
            if type != NFT_DATA_VERDICT.rawValue {
                dataLength = nftnl_set_get_u32(set, UInt16(NFTNL_SET_DATA_LEN.rawValue))
            }
        }
        let timeout = nftnl_set_get_u64(set, UInt16(NFTNL_SET_TIMEOUT.rawValue))
        self.timeout = timeout > 0 ? timeout : nil
        fieldLengths = Self.data(set, NFTNL_SET_DESC_CONCAT)
        userData = Self.data(set, NFTNL_SET_USERDATA)
    }

    /// Writes the definition into a libnftnl set.
    func apply(to set: OpaquePointer) {
        nftnl_set_set_u32(set, UInt16(NFTNL_SET_FLAGS.rawValue), flags)
        nftnl_set_set_u32(set, UInt16(NFTNL_SET_KEY_TYPE.rawValue), keyType)
        nftnl_set_set_u32(set, UInt16(NFTNL_SET_KEY_LEN.rawValue), keyLength)
        if let dataType {
            nftnl_set_set_u32(set, UInt16(NFTNL_SET_DATA_TYPE.rawValue), dataType)
            nftnl_set_set_u32(set, UInt16(NFTNL_SET_DATA_LEN.rawValue), dataLength ?? 0)
        }
        if let timeout { nftnl_set_set_u64(set, UInt16(NFTNL_SET_TIMEOUT.rawValue), timeout) }
        if !fieldLengths.isEmpty {
            nftnl_set_set_data(set, UInt16(NFTNL_SET_DESC_CONCAT.rawValue), fieldLengths, UInt32(fieldLengths.count))
        }
        nftnl_set_set_data(set, UInt16(NFTNL_SET_USERDATA.rawValue), userData, UInt32(userData.count))
    }

    var description: String {
        var text = "flags 0x\(hex(flags)) key 0x\(hex(keyType))/\(keyLength)"
        if let dataType { text += " data 0x\(hex(dataType))/\(dataLength.map(String.init) ?? "verdict")" }
        if let timeout { text += " timeout \(timeout)ms" }
        if !fieldLengths.isEmpty { text += " fields \(fieldLengths.map(String.init).joined(separator: ","))" }
        return text + " udata \(userData.map { hex($0, width: 2) }.joined())"
    }

    // MARK: Parts

    /// nft's datatype id of a key or value: one id, or a concatenation's ids 6 bits apart.
    private static func typeID(_ fields: [NftDataType]) -> UInt32 {
        fields.reduce(0) { $0 << 6 | $1.nftTypeID }
    }

    /// The user data nft 1.0.6 writes for a set (`mnl_nft_set_add`).
    private static func userData(_ set: NftSet, family: IPFamily) -> NftUserData {
        var data = NftUserData()
        data.append(UInt8(NFTNL_UDATA_SET_KEYBYTEORDER.rawValue), byteOrder(set.key, family))
        if let value = set.value {
            data.append(UInt8(NFTNL_UDATA_SET_DATABYTEORDER.rawValue), byteOrder(value, family))
        }
        appendTypeof(set.key, as: NFTNL_UDATA_SET_KEY_TYPEOF, to: &data, family: family)
        if let value = set.value {
            appendTypeof(value, as: NFTNL_UDATA_SET_DATA_TYPEOF, to: &data, family: family)
            data.append(UInt8(NFTNL_UDATA_SET_DATA_INTERVAL.rawValue), 0)
        }
        if let comment = set.comment { data.append(UInt8(NFTNL_UDATA_SET_COMMENT.rawValue), string: comment) }
        return data
    }

    /// nft's `enum byteorder` of a key or value: none for a concatenation, else the field's.
    private static func byteOrder(_ typing: NftSet.Typing, _ family: IPFamily) -> UInt32 {
        let (invalid, host, big): (UInt32, UInt32, UInt32) = (0, 1, 2)
        switch typing {
        case .types(let types) where types.count == 1:
            switch types[0] {
            case .ipv4Address, .ipv6Address, .port: return big
            case .integer, .interfaceName: return host
            case .transportProtocol, .verdict: return invalid
            }
        case .typeOf(let selectors) where selectors.count == 1:
            return selectors[0].isHostByteOrder ? host : big
        default:
            return invalid
        }
    }

    /// nft's `typeof` record: the expressions of `typeof`, an empty concatenation for a
    /// concatenation of `type`s, nothing for a single `type`.
    private static func appendTypeof(_ typing: NftSet.Typing, as record: nftnl_udata_set_types,
                                     to data: inout NftUserData, family: IPFamily) {
        switch typing {
        case .types(let types) where types.count > 1:
            data.append(UInt8(record.rawValue)) {
                NftSelector.appendExpression(to: &$0, type: NftSelector.concatenationExpression) { _ in }
            }
        case .types:
            return
        case .typeOf(let selectors) where selectors.count == 1:
            data.append(UInt8(record.rawValue)) { selectors[0].appendTypeof(to: &$0, family: family) }
        case .typeOf(let selectors):
            data.append(UInt8(record.rawValue)) { typeof in
                NftSelector.appendExpression(to: &typeof, type: NftSelector.concatenationExpression) { fields in
                    for (index, selector) in selectors.enumerated() {
                        fields.append(UInt8(index)) { selector.appendTypeof(to: &$0, family: family) }
                    }
                }
            }
        }
    }

    private static func data(_ set: OpaquePointer, _ attribute: nftnl_set_attr) -> [UInt8] {
        var length: UInt32 = 0
        guard nftnl_set_is_set(set, UInt16(attribute.rawValue)),
              let pointer = nftnl_set_get_data(set, UInt16(attribute.rawValue), &length)
        else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: Int(length)))
    }
}

/// A value that cannot be encoded, and why.
struct NftEncodingError: Error {
    let reason: String
    /// For element operations: the index of the element that cannot be encoded.
    var element: Int?

    init(_ reason: String, element: Int? = nil) {
        self.reason = reason
        self.element = element
    }
}

/// A number in lower-case hexadecimal, zero-padded to `width` digits.
func hex(_ value: some BinaryInteger, width: Int = 1) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
