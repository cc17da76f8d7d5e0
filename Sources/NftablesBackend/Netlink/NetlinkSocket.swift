import CMnl
import CNetfilterShim
import Glibc

/// A netlink socket on the netfilter bus (`NETLINK_NETFILTER`), bound in the current network
/// namespace or in a named one (`/var/run/netns/NAME`).
///
/// A socket keeps the namespace it was created in, so only its creation moves the calling thread
/// into the namespace, and straight back.
final class NetlinkSocket {
    /// The size of the buffer one `recv` reads into: more than the largest message the kernel
    /// sends us (dump datagrams are at most 32 KiB, errors are capped, echoed rules are small).
    private static let datagramSize = 128 * 1024
    /// The receive buffer every socket starts with: room for dump datagrams and a batch's replies.
    private static let initialReceiveBuffer = 1 << 20

    private let socket: OpaquePointer
    private let datagram: UnsafeMutableRawBufferPointer
    private var sendBuffer = 0
    private var receiveBuffer = 0
    /// The sequence number the next request gets; a batch takes one per message.
    var nextSequence = UInt32(truncatingIfNeeded: time(nil))

    /// Opens and binds a socket in the current namespace, or in the named one.
    init(namespace: String?) throws {
        socket = try namespace.map { try Self.inNamespace($0, Self.open) } ?? Self.open()
        datagram = .allocate(byteCount: Self.datagramSize, alignment: 8)
        // Errors name the offending attribute (extended acks) and do not echo the whole request.
        try setOption(SOL_NETLINK, NETLINK_EXT_ACK, 1, "enable extended netlink acks")
        try setOption(SOL_NETLINK, NETLINK_CAP_ACK, 1, "cap netlink acks")
        try ensureReceiveBuffer(Self.initialReceiveBuffer)
    }

    deinit {
        mnl_socket_close(socket)
        datagram.deallocate()
    }

    private var descriptor: Int32 { mnl_socket_get_fd(socket) }

    // MARK: Buffers

    /// Makes the send buffer hold a datagram of `bytes`: the kernel refuses a batch larger than
    /// the buffer (`EMSGSIZE`). Uses `SO_SNDBUFFORCE`, which may exceed `wmem_max`, when allowed.
    func ensureSendBuffer(_ bytes: Int) throws {
        guard bytes > sendBuffer else { return }
        try raiseBuffer(force: SO_SNDBUFFORCE, plain: SO_SNDBUF, to: bytes, "raise the netlink send buffer")
        sendBuffer = bytes
    }

    /// Makes the receive buffer hold `bytes` of queued replies; replies that do not fit are lost
    /// (`ENOBUFS`).
    func ensureReceiveBuffer(_ bytes: Int) throws {
        guard bytes > receiveBuffer else { return }
        try raiseBuffer(force: SO_RCVBUFFORCE, plain: SO_RCVBUF, to: bytes, "raise the netlink receive buffer")
        receiveBuffer = bytes
    }

    private func raiseBuffer(force: Int32, plain: Int32, to bytes: Int, _ action: String) throws {
        var value = Int32(clamping: bytes)
        let size = socklen_t(MemoryLayout<Int32>.size)
        guard setsockopt(descriptor, SOL_SOCKET, force, &value, size) != 0 else { return }
        guard setsockopt(descriptor, SOL_SOCKET, plain, &value, size) == 0 else {
            throw NftNetlinkError.system(action, errno: errno)
        }
    }

    private func setOption(_ level: Int32, _ option: Int32, _ value: Int32, _ action: String) throws {
        var value = value
        guard setsockopt(descriptor, level, option, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw NftNetlinkError.system(action, errno: errno)
        }
    }

    // MARK: Sending and receiving

    /// Sends one datagram, gathered from `buffers`, to the kernel.
    func send(_ buffers: inout [iovec]) throws {
        var kernel = sockaddr_nl()
        kernel.nl_family = sa_family_t(AF_NETLINK)
        let sent = withUnsafeMutablePointer(to: &kernel) { address in
            buffers.withUnsafeMutableBufferPointer { iov in
                var message = msghdr()
                message.msg_name = UnsafeMutableRawPointer(address)
                message.msg_namelen = socklen_t(MemoryLayout<sockaddr_nl>.size)
                message.msg_iov = iov.baseAddress
                message.msg_iovlen = iov.count
                return retryingInterrupts { sendmsg(descriptor, &message, 0) }
            }
        }
        guard sent >= 0 else { throw NftNetlinkError.system("send to nf_tables", errno: errno) }
    }

    /// Sends the message at `header` to the kernel.
    func send(_ header: UnsafeMutablePointer<nlmsghdr>) throws {
        var buffers = [iovec(iov_base: UnsafeMutableRawPointer(header), iov_len: Int(header.pointee.nlmsg_len))]
        try send(&buffers)
    }

    /// Reads one datagram and calls `body` for each message in it.
    ///
    /// - Parameter wait: whether to block until a datagram arrives.
    /// - Returns: false when `wait` is false and nothing was queued.
    /// - Throws: ``NftNetlinkError/system(_:errno:)``, `ENOBUFS` when replies were dropped
    ///   because the receive buffer was full.
    func receive(wait: Bool, _ body: (NetlinkMessage) throws -> Void) throws -> Bool {
        let length = retryingInterrupts {
            recv(descriptor, datagram.baseAddress, datagram.count, wait ? 0 : Int32(MSG_DONTWAIT))
        }
        if length < 0 {
            if !wait && (errno == EAGAIN || errno == EWOULDBLOCK) { return false }
            throw NftNetlinkError.system("receive from nf_tables", errno: errno)
        }
        var offset = 0
        let headerSize = MemoryLayout<nlmsghdr>.size
        while offset + headerSize <= length {
            let header = (datagram.baseAddress! + offset).assumingMemoryBound(to: nlmsghdr.self)
            let messageLength = Int(header.pointee.nlmsg_len)
            guard messageLength >= headerSize, offset + messageLength <= length else {
                throw NftNetlinkError.unexpectedReply("a truncated netlink message")
            }
            try body(NetlinkMessage(header))
            offset += NetlinkMessage.aligned(messageLength)
        }
        return true
    }

    /// Sends the request at `header` (with `NLM_F_ACK`, or a dump) and hands the replies to `body`
    /// until the kernel acknowledges the request or ends the dump.
    ///
    /// - Returns: 0, or the errno the kernel refused the request with (`EINTR` when the ruleset
    ///   changed during a dump).
    func request(_ header: UnsafeMutablePointer<nlmsghdr>, _ body: (NetlinkMessage) throws -> Void) throws -> Int32 {
        let sequence = header.pointee.nlmsg_seq
        try send(header)
        var status: Int32?
        var interrupted = false
        while status == nil {
            _ = try receive(wait: true) { reply in
                guard reply.sequence == sequence, status == nil else { return }
                if let acknowledgement = reply.acknowledgement {
                    status = acknowledgement.errno
                } else if reply.isDone {
                    status = 0
                } else {
                    interrupted = interrupted || reply.isInterruptedDump
                    try body(reply)
                }
            }
        }
        return status == 0 && interrupted ? EINTR : status!
    }

    private func retryingInterrupts(_ call: () -> Int) -> Int {
        while true {
            let result = call()
            if result >= 0 || errno != EINTR { return result }
        }
    }

    // MARK: Opening

    private static func open() throws -> OpaquePointer {
        guard let socket = mnl_socket_open2(NETLINK_NETFILTER, Int32(SOCK_CLOEXEC.rawValue)) else {
            throw NftNetlinkError.system("open a netfilter netlink socket", errno: errno)
        }
        guard mnl_socket_bind(socket, 0, pid_t(MNL_SOCKET_AUTOPID)) == 0 else {
            let error = errno
            mnl_socket_close(socket)
            throw NftNetlinkError.system("bind a netfilter netlink socket", errno: error)
        }
        return socket
    }

    /// Runs `body` with the calling thread in the named network namespace, then moves it back.
    private static func inNamespace<T>(_ name: String, _ body: () throws -> T) throws -> T {
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/") else {
            throw NftNetlinkError.system("open network namespace \"\(name)\"", errno: EINVAL)
        }
        let target = Glibc.open("/var/run/netns/\(name)", O_RDONLY | O_CLOEXEC)
        guard target >= 0 else { throw NftNetlinkError.system("open network namespace \(name)", errno: errno) }
        defer { close(target) }
        let original = Glibc.open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        guard original >= 0 else { throw NftNetlinkError.system("open the thread's network namespace", errno: errno) }
        defer { close(original) }
        guard CNetfilterShim_enter_network_namespace(target) == 0 else {
            throw NftNetlinkError.system("enter network namespace \(name)", errno: errno)
        }
        defer {
            // A thread left in the namespace would run unrelated work there later: never continue.
            if CNetfilterShim_enter_network_namespace(original) != 0 {
                fatalError("cannot return to the original network namespace: \(String(cString: strerror(errno)))")
            }
        }
        return try body()
    }
}
