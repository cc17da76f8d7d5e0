import NIOCore

/// Splits a byte stream into newline-terminated lines, as a watch stream arrives in chunks that
/// do not respect event boundaries.
struct LineSplitter {
    private var pending: [UInt8] = []

    /// Adds a chunk; returns the lines it completed (without their newlines, empty lines dropped).
    mutating func append(_ chunk: ByteBuffer) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var rest = chunk.readableBytesView[...]
        while let newline = rest.firstIndex(of: UInt8(ascii: "\n")) {
            pending.append(contentsOf: rest[rest.startIndex..<newline])
            if !pending.isEmpty { lines.append(pending) }
            pending.removeAll(keepingCapacity: true)
            rest = rest[rest.index(after: newline)...]
        }
        pending.append(contentsOf: rest)
        return lines
    }

    /// What is left after the stream ended, if it did not end with a newline.
    mutating func finish() -> [UInt8]? {
        defer { pending = [] }
        return pending.isEmpty ? nil : pending
    }
}
