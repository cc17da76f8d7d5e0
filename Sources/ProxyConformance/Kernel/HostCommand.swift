import Foundation

/// Runs a program and captures its output: how the kernel runner drives `ip`, the agent and backends.
public enum HostCommand {
    /// A command that exited non-zero.
    public struct Failure: Error, CustomStringConvertible {
        public let command: [String]
        public let status: Int32
        public let output: String
        public var description: String {
            "`\(command.joined(separator: " "))` exited \(status): \(output.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
    }

    /// Runs a program to completion.
    /// - Parameters:
    ///   - arguments: the program (looked up on PATH unless absolute) and its arguments.
    ///   - input: text for standard input.
    /// - Returns: standard output.
    /// - Throws: ``Failure`` with standard output and error when it exits non-zero.
    @discardableResult
    public static func run(_ arguments: [String], input: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try? stdin.fileHandleForWriting.close()
        let errorReader = Thread.detachNewReader(error.fileHandleForReading)
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errText = errorReader.result()
        let outText = String(decoding: outData, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure(command: arguments, status: process.terminationStatus, output: outText + errText)
        }
        return outText
    }

    /// Starts a long-running program with its output discarded; the caller terminates it.
    public static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }
}

/// Reads a pipe to its end on another thread, so that a chatty standard error cannot block the child.
private final class PipeReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func result() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}

private extension Thread {
    static func detachNewReader(_ handle: FileHandle) -> PipeReader { PipeReader(handle) }
}
