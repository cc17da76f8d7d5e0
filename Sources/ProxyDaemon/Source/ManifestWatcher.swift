import Foundation
import KubeAPI
import Logging
import ProxyCore

/// Manifest files as a cluster: read at start and again whenever a file changes, is added or
/// is removed (checked every ``pollInterval``), so the daemon runs with no cluster at all.
///
/// Each read is delivered as complete lists of Services, EndpointSlices and Nodes. A file that
/// cannot be read or parsed keeps the objects it held before, and an object that does not decode
/// keeps its previous version: a bad edit never removes what is programmed.
public struct ManifestWatcher: UpdateSource {
    public let source: ManifestSource
    public let pollInterval: Duration
    public let logger: Logger

    /// Every read delivers all three lists, so the first sync waits for the whole first read.
    public var requiredKinds: Set<String> { ["Service", "EndpointSlice", "Node"] }
    public var watchesNode: Bool { false }

    public init(path: String, pollInterval: Duration = .seconds(1), logger: Logger) {
        self.source = ManifestSource(path: path)
        self.pollInterval = pollInterval
        self.logger = logger
    }

    /// What a file held when it was last read well, and how it looked then.
    private struct FileRecord {
        var stamp: FileStamp
        var contents: ManifestSource.Contents
    }

    private struct FileStamp: Equatable {
        var modified: Date?
        var size: Int?
        var inode: Int?
    }

    public func run(deliver: @escaping @Sendable (ResourceUpdate) async -> Void) async {
        var records: [String: FileRecord] = [:]
        var firstRound = true
        var reportedMissing = false
        while !Task.isCancelled {
            do {
                let files = try source.files()
                reportedMissing = false
                var changed = firstRound || Set(files) != Set(records.keys)
                var next: [String: FileRecord] = [:]
                for file in files {
                    let stamp = Self.stamp(of: file)
                    if let record = records[file], record.stamp == stamp {
                        next[file] = record
                        continue
                    }
                    changed = true
                    next[file] = FileRecord(stamp: stamp, contents: read(file, previous: records[file]))
                }
                if changed {
                    records = next
                    await deliverLists(records, deliver: deliver)
                }
                firstRound = false
            } catch {
                if !reportedMissing { logger.error("cannot read the manifest source", metadata: ["error": "\(error)"]) }
                reportedMissing = true
            }
            try? await Task.sleep(for: pollInterval)
        }
    }

    /// Reads a file; if it cannot be read or parsed at all, its previous contents stay.
    private func read(_ file: String, previous: FileRecord?) -> ManifestSource.Contents {
        let contents = source.load(file: file)
        for error in contents.errors { logger.error("skipped bad input", metadata: ["error": "\(error)"]) }
        let unusable = contents.entries.isEmpty && contents.errors.contains { $0.object == nil }
        if unusable, let previous {
            logger.warning("keeping what the file held before", metadata: ["file": "\(file)"])
            return previous.contents
        }
        return contents
    }

    private func deliverLists(_ records: [String: FileRecord], deliver: @Sendable (ResourceUpdate) async -> Void) async {
        let entries = records.keys.sorted().flatMap { records[$0]!.contents.entries }
        let unreadable = records.values.flatMap(\.contents.unreadable)
        for kind in ["Service", "EndpointSlice", "Node"] {
            await deliver(.replaced(
                kind: kind, objects: entries.map(\.object).filter { $0.key.kind == kind },
                unreadable: Set(unreadable.filter { $0.kind == kind }), errors: []))
        }
    }

    private static func stamp(of file: String) -> FileStamp {
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        return FileStamp(modified: attributes?[.modificationDate] as? Date, size: (attributes?[.size] as? NSNumber)?.intValue,
                         inode: (attributes?[.systemFileNumber] as? NSNumber)?.intValue)
    }
}
