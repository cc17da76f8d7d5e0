/// nft's user data: the type-length-value records (`nftnl_udata`, 1-byte type and length) that nft
/// stores with tables, sets and elements for itself, and reads back to print them (comments,
/// byte orders, `typeof` expressions).
struct NftUserData {
    /// The longest value one record holds.
    static let maximumValueLength = Int(UInt8.max)

    private(set) var bytes: [UInt8] = []

    /// Appends a 32-bit value in host order (`nftnl_udata_put_u32`).
    mutating func append(_ type: UInt8, _ value: UInt32) {
        append(type, withUnsafeBytes(of: value) { Array($0) })
    }

    /// Appends a NUL-terminated string (`nftnl_udata_put_strz`).
    mutating func append(_ type: UInt8, string: String) {
        append(type, Array(string.utf8) + [0])
    }

    /// Appends a record holding the records `nested` writes (`nftnl_udata_nest_start`).
    mutating func append(_ type: UInt8, nested: (inout NftUserData) -> Void) {
        var inner = NftUserData()
        nested(&inner)
        append(type, inner.bytes)
    }

    private mutating func append(_ type: UInt8, _ value: [UInt8]) {
        precondition(value.count <= Self.maximumValueLength, "user data record too long")
        bytes += [type, UInt8(value.count)] + value
    }

    /// The string of the first record of a type in `bytes`, if it is there and well formed.
    static func string(_ type: UInt8, in bytes: some Collection<UInt8>) -> String? {
        var rest = bytes[...]
        while rest.count >= 2 {
            let recordType = rest[rest.startIndex]
            let length = Int(rest[rest.index(after: rest.startIndex)])
            let value = rest.dropFirst(2).prefix(length)
            guard value.count == length else { return nil }
            if recordType == type { return String(decoding: value.prefix { $0 != 0 }, as: UTF8.self) }
            rest = rest.dropFirst(2 + length)
        }
        return nil
    }

    /// Whether a string fits in one record, NUL included.
    static func fits(_ string: String) -> Bool { string.utf8.count < maximumValueLength }
}
