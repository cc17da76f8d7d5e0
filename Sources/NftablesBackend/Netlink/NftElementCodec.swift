import ProxyCore

/// How a set's key, or a map's data, is laid out in bytes, as nft lays it out: each field in its
/// type's length and byte order, and padded to 4 bytes (one register) in a concatenation.
struct NftElementCodec {
    let fields: [NftDataType]
    /// Whether the set holds ranges: a key is sent as its first and last value
    /// (`NFTA_SET_ELEM_KEY_END`), a network field spans its addresses, and host-order fields are
    /// stored big endian, which nft converts them to so that ranges compare.
    let isInterval: Bool

    private var isConcatenation: Bool { fields.count > 1 }

    /// The length of a whole key or value in bytes.
    var length: Int { fields.reduce(0) { $0 + fieldLength($1) } }

    private func fieldLength(_ field: NftDataType) -> Int {
        isConcatenation ? NetlinkMessage.aligned(field.byteLength) : field.byteLength
    }

    // MARK: Encoding

    /// Appends the bytes of a key or value to `first`, and of its last value to `last` (the same
    /// bytes unless a field is a network of an interval set).
    func encode(_ values: [NftValue], first: inout [UInt8], last: inout [UInt8]) throws {
        guard values.count == fields.count else {
            throw NftEncodingError("\(values.count) values for \(fields.count) fields")
        }
        for (field, value) in zip(fields, values) {
            let start = first.count
            switch (field, value) {
            case (.ipv4Address, .address(let address)) where address.family == .ipv4,
                 (.ipv6Address, .address(let address)) where address.family == .ipv6:
                address.append(to: &first)
                address.append(to: &last)
            case (.ipv4Address, .network(let network)) where isInterval && network.family == .ipv4,
                 (.ipv6Address, .network(let network)) where isInterval && network.family == .ipv6:
                network.network.append(to: &first)
                network.lastAddress.append(to: &last)
            case (.transportProtocol, .transportProtocol(let transport)):
                first.append(transport.protocolNumber)
                last.append(transport.protocolNumber)
            case (.port, .port(let port)) where (0...0xFFFF).contains(port):
                withUnsafeBytes(of: UInt16(port).bigEndian) {
                    first.append(contentsOf: $0)
                    last.append(contentsOf: $0)
                }
            case (.integer, .integer(let number)):
                withUnsafeBytes(of: isInterval ? number.bigEndian : number) {
                    first.append(contentsOf: $0)
                    last.append(contentsOf: $0)
                }
            default:
                throw NftEncodingError("\(value.text) does not fit a field of type \(field.nftName)")
            }
            let padding = fieldLength(field) - (first.count - start)
            first.append(contentsOf: repeatElement(0, count: padding))
            last.append(contentsOf: repeatElement(0, count: padding))
        }
    }

    /// The bytes of a key or value with a single value (map data, the keys of sets without ranges).
    func encode(_ values: [NftValue]) throws -> [UInt8] {
        var first: [UInt8] = []
        var last: [UInt8] = []
        try encode(values, first: &first, last: &last)
        return first
    }

    // MARK: Decoding

    /// The values a key or value holds; `last` is an interval set's last value. Nil when the
    /// bytes are not a value of these fields (a protocol proxyd never uses, a range that is not a
    /// network).
    func decode(_ first: UnsafeRawBufferPointer, last: UnsafeRawBufferPointer? = nil) -> [NftValue]? {
        guard first.count == length, last.map({ $0.count == length }) ?? true else { return nil }
        var values: [NftValue] = []
        var offset = 0
        for field in fields {
            let range = offset..<offset + field.byteLength
            offset += fieldLength(field)
            guard let value = decode(UnsafeRawBufferPointer(rebasing: first[range]), as: field) else { return nil }
            if let last, !last[range].elementsEqual(first[range]) {
                guard case .address(let low) = value,
                      let high = IPAddress(bytes: UnsafeRawBufferPointer(rebasing: last[range])),
                      let network = CIDR(spanning: low, high)
                else { return nil }
                values.append(.network(network))
            } else {
                values.append(value)
            }
        }
        return values
    }

    private func decode(_ bytes: UnsafeRawBufferPointer, as field: NftDataType) -> NftValue? {
        switch field {
        case .ipv4Address, .ipv6Address: IPAddress(bytes: bytes).map(NftValue.address)
        case .transportProtocol: TransportProtocol(protocolNumber: bytes[0]).map(NftValue.transportProtocol)
        case .port: .port(Int(bytes[0]) << 8 | Int(bytes[1]))
        case .integer:
            .integer(isInterval ? UInt32(bigEndian: bytes.loadUnaligned(as: UInt32.self))
                                : bytes.loadUnaligned(as: UInt32.self))
        case .interfaceName, .verdict: nil
        }
    }
}

extension NftSet {
    /// How the set's keys are laid out in a table of `family`.
    func keyCodec(_ family: IPFamily) -> NftElementCodec {
        NftElementCodec(fields: key.fields(family), isInterval: flags.contains(.interval))
    }

    /// How a data map's values are laid out in a table of `family`; nil for sets and verdict maps.
    func dataCodec(_ family: IPFamily) -> NftElementCodec? {
        isVerdictMap ? nil : value.map { NftElementCodec(fields: $0.fields(family), isInterval: false) }
    }
}

extension TransportProtocol {
    /// The IP protocol number (`IPPROTO_TCP`, ...).
    var protocolNumber: UInt8 {
        switch self {
        case .tcp: 6
        case .udp: 17
        case .sctp: 132
        }
    }

    init?(protocolNumber: UInt8) {
        guard let transport = Self.allCases.first(where: { $0.protocolNumber == protocolNumber }) else { return nil }
        self = transport
    }
}

extension IPAddress {
    /// The address in network byte order (4 or 16 bytes).
    var bytes: [UInt8] {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return bytes
    }

    /// Appends the address in network byte order.
    func append(to bytes: inout [UInt8]) {
        switch self {
        case .v4(let value):
            withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
        case .v6(let high, let low):
            withUnsafeBytes(of: high.bigEndian) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: low.bigEndian) { bytes.append(contentsOf: $0) }
        }
    }

    /// The address in 4 or 16 bytes of network byte order.
    init?(bytes: UnsafeRawBufferPointer) {
        switch bytes.count {
        case 4: self = .v4(UInt32(bigEndian: bytes.loadUnaligned(as: UInt32.self)))
        case 16:
            self = .v6(high: UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self)),
                       low: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        default: return nil
        }
    }
}

extension CIDR {
    /// The network's last address (all host bits set).
    var lastAddress: IPAddress {
        switch network {
        case .v4(let value):
            return .v4(value | (prefixLength == 0 ? ~0 : ~(~UInt32(0) << (32 - prefixLength))))
        case .v6(let high, let low):
            let highHost: UInt64 = prefixLength >= 64 ? 0 : ~UInt64(0) >> prefixLength
            let lowHost: UInt64 = prefixLength <= 64 ? ~0 : (prefixLength == 128 ? 0 : ~UInt64(0) >> (prefixLength - 64))
            return .v6(high: high | highHost, low: low | lowHost)
        }
    }

    /// The network whose first and last addresses these are, if there is one.
    init?(spanning first: IPAddress, _ last: IPAddress) {
        guard first.family == last.family else { return nil }
        for prefixLength in (0...first.bitWidth).reversed() {
            let candidate = CIDR(address: first, prefixLength: prefixLength)
            guard candidate.network == first else { return nil }
            if candidate.lastAddress == last { self = candidate; return }
        }
        return nil
    }
}
