import Glibc

/// Why a netlink request to nf_tables failed.
public enum NftNetlinkError: Error, Hashable, CustomStringConvertible {
    /// The kernel rejected an operation of a batch, so nothing of the batch was applied.
    ///
    /// `operation` is the operation's index in its transaction; `description` names it, with the
    /// element the kernel blamed when it was an element operation
    /// (`add element to set endpoints-tcp-3 (172.30.0.41 . 80 . 0)`).
    case rejected(operation: Int, description: String, errno: Int32)
    /// An operation (nil: a rule being fingerprinted) that cannot be encoded, for example a value
    /// that does not fit its set's type. Nothing was sent.
    case invalid(operation: Int?, description: String, reason: String)
    /// A system call on the netlink socket, or a request outside a batch, failed.
    case system(String, errno: Int32)
    /// The kernel answered something the protocol does not allow, or not all of what it owes.
    case unexpectedReply(String)

    public var description: String {
        switch self {
        case .rejected(_, let description, let errno): "\(description): \(Self.text(errno))"
        case .invalid(_, let description, let reason): "\(description): \(reason)"
        case .system(let action, let errno): "cannot \(action): \(Self.text(errno))"
        case .unexpectedReply(let problem): "unexpected reply from nf_tables: \(problem)"
        }
    }

    /// The errno of a kernel or system-call failure.
    public var errno: Int32? {
        switch self {
        case .rejected(_, _, let errno), .system(_, let errno): errno
        case .invalid, .unexpectedReply: nil
        }
    }

    private static func text(_ errno: Int32) -> String { String(cString: strerror(errno)) }
}
