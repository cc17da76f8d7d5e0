#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import ProxyCore

/// A thin owner of a socket file descriptor with the few calls the agent needs.
struct Socket {
    /// Why a socket call failed.
    struct Failure: Error, CustomStringConvertible {
        let operation: String
        let errno: Int32
        var description: String { "\(operation): \(String(cString: strerror(errno)))" }
    }

    let descriptor: Int32
    let family: IPFamily

    /// Opens a socket for a transport protocol.
    init(family: IPFamily, transport: TransportProtocol) throws {
        let domain = family == .ipv4 ? AF_INET : AF_INET6
        let (type, proto): (Int32, Int32) = switch transport {
        case .tcp: (Int32(SOCK_STREAM.rawValue), Int32(IPPROTO_TCP))
        case .udp: (Int32(SOCK_DGRAM.rawValue), Int32(IPPROTO_UDP))
        case .sctp: (Int32(SOCK_STREAM.rawValue), Int32(IPPROTO_SCTP))
        }
        let descriptor = Glibc.socket(domain, type, proto)
        guard descriptor >= 0 else { throw Failure(operation: "socket", errno: errno) }
        self.descriptor = descriptor
        self.family = family
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if family == .ipv6 {
            setsockopt(descriptor, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &one, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    func close() { _ = Glibc.close(descriptor) }

    func bind(_ address: IPAddress?, port: Int) throws {
        try SocketAddress(address ?? (family == .ipv4 ? .v4(0) : .v6(high: 0, low: 0)), port: port).withPointer {
            guard Glibc.bind(descriptor, $0, $1) == 0 else { throw Failure(operation: "bind", errno: errno) }
        }
    }

    func listen() throws {
        guard Glibc.listen(descriptor, 128) == 0 else { throw Failure(operation: "listen", errno: errno) }
    }

    /// Sets both send and receive timeouts.
    func setTimeout(milliseconds: Int) {
        var value = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Connects within a time limit. The connect is non-blocking and polled: a blocking connect
    /// treats an ICMP error that races the SYN as soft and only fails on the retransmission, a
    /// second later.
    func connect(_ address: IPAddress, port: Int, timeoutMilliseconds: Int) throws {
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(descriptor, F_SETFL, flags) }
        try SocketAddress(address, port: port).withPointer {
            guard Glibc.connect(descriptor, $0, $1) != 0 else { return }
            guard errno == EINPROGRESS else { throw Failure(operation: "connect", errno: errno) }
            var pending = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            guard poll(&pending, 1, Int32(timeoutMilliseconds)) > 0 else {
                throw Failure(operation: "connect", errno: ETIMEDOUT)
            }
            var error: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length)
            guard error == 0 else { throw Failure(operation: "connect", errno: error) }
        }
    }

    /// Accepts a connection and returns it with the peer's address.
    func accept() throws -> (Socket, IPAddress?) {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let client = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(descriptor, $0, &length) }
        }
        guard client >= 0 else { throw Failure(operation: "accept", errno: errno) }
        return (Socket(descriptor: client, family: family), SocketAddress.address(of: storage))
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard Glibc.send(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL)) >= 0 else {
            throw Failure(operation: "send", errno: errno)
        }
    }

    func receive() throws -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = Glibc.recv(descriptor, &buffer, buffer.count, 0)
        guard count >= 0 else { throw Failure(operation: "recv", errno: errno) }
        return String(decoding: buffer[0..<count], as: UTF8.self)
    }

    /// Receives one datagram and its sender.
    func receiveFrom() throws -> (String, sockaddr_storage) {
        var buffer = [UInt8](repeating: 0, count: 512)
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let count = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.recvfrom(descriptor, &buffer, buffer.count, 0, $0, &length) }
        }
        guard count >= 0 else { throw Failure(operation: "recvfrom", errno: errno) }
        return (String(decoding: buffer[0..<count], as: UTF8.self), storage)
    }

    func send(_ text: String, to storage: sockaddr_storage) {
        var storage = storage
        let bytes = Array(text.utf8)
        let length = socklen_t(storage.ss_family == sa_family_t(AF_INET) ? MemoryLayout<sockaddr_in>.size
                                                                          : MemoryLayout<sockaddr_in6>.size)
        _ = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.sendto(descriptor, bytes, bytes.count, 0, $0, length) }
        }
    }

    private init(descriptor: Int32, family: IPFamily) {
        self.descriptor = descriptor
        self.family = family
    }
}
