#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import ProxyCore

/// Converts between ``IPAddress`` and the C socket address structures.
struct SocketAddress {
    private var storage = sockaddr_storage()
    private let length: socklen_t

    init(_ address: IPAddress, port: Int) {
        switch address {
        case .v4(let value):
            var socketAddress = sockaddr_in()
            socketAddress.sin_family = sa_family_t(AF_INET)
            socketAddress.sin_port = in_port_t(UInt16(port).bigEndian)
            socketAddress.sin_addr = in_addr(s_addr: value.bigEndian)
            withUnsafeMutableBytes(of: &storage) { raw in
                withUnsafeBytes(of: socketAddress) { raw.copyMemory(from: $0) }
            }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
        case .v6(let high, let low):
            var socketAddress = sockaddr_in6()
            socketAddress.sin6_family = sa_family_t(AF_INET6)
            socketAddress.sin6_port = in_port_t(UInt16(port).bigEndian)
            withUnsafeMutableBytes(of: &socketAddress.sin6_addr) { raw in
                withUnsafeBytes(of: high.bigEndian) { raw.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: 8) }
                withUnsafeBytes(of: low.bigEndian) { (raw.baseAddress! + 8).copyMemory(from: $0.baseAddress!, byteCount: 8) }
            }
            withUnsafeMutableBytes(of: &storage) { raw in
                withUnsafeBytes(of: socketAddress) { raw.copyMemory(from: $0) }
            }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        }
    }

    /// Calls a C function with a `sockaddr` pointer and its length.
    func withPointer<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) throws -> T) rethrows -> T {
        var copy = storage
        return try withUnsafePointer(to: &copy) {
            try $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { try body($0, length) }
        }
    }

    /// The IP address of a socket address, if it is IPv4 or IPv6.
    static func address(of storage: sockaddr_storage) -> IPAddress? {
        var storage = storage
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafeBytes(of: &storage) { raw in
                .v4(UInt32(bigEndian: raw.load(fromByteOffset: 4, as: UInt32.self)))
            }
        case AF_INET6:
            return withUnsafeBytes(of: &storage) { raw in
                let high = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
                let low = UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
                return IPAddress("\(IPAddress.v6(high: high, low: low))")
            }
        default:
            return nil
        }
    }
}
