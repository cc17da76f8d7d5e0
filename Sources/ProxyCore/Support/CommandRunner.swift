import Foundation

/// Runs the node's tools (iptables, conntrack, sysctl, ip), optionally inside a network namespace.
///
/// A daemon runs in the node's namespace and uses ``current``; tests program a namespace they
/// created with ``inNamespace(_:)``, so that nothing reaches the machine's root namespace.
/// Standard output is returned; standard error is collected for the error of a failed command.
public struct CommandRunner: Sendable {
    /// A command that exited non-zero: its exit status and error output.
    public struct Failure: Error, CustomStringConvertible {
        public let command: String
        public let status: Int32
        public let message: String
        public var description: String { "`\(command)` exited \(status): \(message)" }

        public init(command: String, status: Int32, message: String) {
            self.command = command
            self.status = status
            self.message = message
        }
    }

    /// Words put before every command (`ip netns exec NAME`).
    public let prefix: [String]

    /// Runs commands in the current network namespace.
    public static let current = CommandRunner(prefix: [])

    /// Runs commands in a named network namespace (`ip netns exec NAME ...`).
    public static func inNamespace(_ name: String) -> CommandRunner {
        CommandRunner(prefix: ["ip", "netns", "exec", name])
    }

    /// Starts a long-running command with its output discarded; the caller terminates it.
    public func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = prefix + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs a command with standard input; returns standard output.
    /// - Throws: ``Failure`` when it cannot start or exits non-zero.
    @discardableResult
    public func run(_ arguments: [String], input: String = "") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = prefix + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let data = Data(input.utf8)
        let writer = Thread {
            stdin.fileHandleForWriting.write(data)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errors = ErrorCollector(stderr.fileHandleForReading)
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(command: arguments.joined(separator: " "), status: process.terminationStatus,
                          message: errors.text().trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether a command succeeds.
    public func succeeds(_ arguments: [String]) -> Bool {
        (try? run(arguments)) != nil
    }
}

/// Reads standard error on its own thread, so that neither pipe can fill up and block the child.
private final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func text() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
