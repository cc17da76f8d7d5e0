import ProxyCore

/// A network namespace created by the kernel runner, named with the run's unique prefix.
///
/// Every command the runner issues goes through `ip -n NAME` or `ip netns exec NAME`, so nothing
/// is ever configured in the machine's root namespace.
public struct NetworkNamespace: Hashable, Sendable, CustomStringConvertible {
    public let name: String

    /// Creates the namespace and brings its loopback up.
    static func create(_ name: String) throws -> NetworkNamespace {
        try CommandRunner.current.run(["ip", "netns", "add", name])
        let namespace = NetworkNamespace(name: name)
        try namespace.ip("link", "set", "lo", "up")
        return namespace
    }

    /// Runs `ip -n NAME ARGS...`.
    @discardableResult
    public func ip(_ arguments: String...) throws -> String {
        try CommandRunner.current.run(["ip", "-n", name] + arguments)
    }

    /// Runs a program inside the namespace.
    @discardableResult
    public func exec(_ arguments: [String], input: String? = nil) throws -> String {
        try CommandRunner.inNamespace(name).run(arguments, input: input ?? "")
    }

    /// Sets a sysctl inside the namespace (only per-namespace `net.*` keys).
    public func sysctl(_ key: String, _ value: String) throws {
        try exec(["sysctl", "-qw", "\(key)=\(value)"])
    }

    /// Kills every process in the namespace and deletes it; errors are ignored (best effort).
    func destroy() {
        if let pids = try? CommandRunner.current.run(["ip", "netns", "pids", name]) {
            for pid in pids.split(whereSeparator: \.isNewline) { _ = try? CommandRunner.current.run(["kill", "-9", String(pid)]) }
        }
        _ = try? CommandRunner.current.run(["ip", "netns", "del", name])
    }

    public var description: String { name }
}
