import Foundation

/// Feeds a ruleset to `iptables-restore` (or `ip6tables-restore`) of one variant, as kube-proxy
/// does: `--noflush --counters` so that only the chains named in the input change, and `-w 5
/// -W 100000` to wait for the xtables lock instead of failing.
public struct IptablesRestore: Sendable {
    /// A restore that failed: the tool's exit status and error output.
    public struct Failure: Error, CustomStringConvertible {
        public let command: String
        public let status: Int32
        public let message: String
        public var description: String { "\(command) exited \(status): \(message)" }
    }

    public let variant: IptablesVariant
    public let ipv6: Bool

    public init(variant: IptablesVariant, ipv6: Bool) {
        self.variant = variant
        self.ipv6 = ipv6
    }

    /// The command line.
    public var arguments: [String] {
        [variant.restoreCommand(ipv6: ipv6), "--noflush", "--counters", "-w", "5", "-W", "100000"]
    }

    /// Applies a ruleset atomically.
    /// - Throws: ``Failure`` with the tool's message; the tables are then unchanged.
    public func apply(_ text: String) throws {
        try Self.run(arguments, input: text)
    }

    /// Runs a command with standard input; throws ``Failure`` when it exits non-zero.
    static func run(_ arguments: [String], input: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let stdin = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let writer = Thread { stdin.fileHandleForWriting.write(Data(input.utf8)); try? stdin.fileHandleForWriting.close() }
        writer.start()
        let message = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(command: arguments[0], status: process.terminationStatus,
                          message: String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
