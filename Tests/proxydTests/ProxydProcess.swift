import Foundation

/// Runs the built `proxyd` binary and captures what it prints.
struct ProxydProcess {
    struct Output {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// The `proxyd` executable next to the test bundle.
    static var executable: URL {
        Bundle.main.bundleURL.appendingPathComponent("proxyd")
    }

    static func run(_ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
                      standardError: String(decoding: errData, as: UTF8.self))
    }

    /// A temporary file holding a text, removed when the test process ends.
    static func temporaryFile(_ text: String, suffix: String = ".yaml") throws -> String {
        let path = NSTemporaryDirectory() + "proxyd-test-\(UUID().uuidString)\(suffix)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The repository's `examples` folder.
    static var examples: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples").path
    }
}
