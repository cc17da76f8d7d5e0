import Foundation

/// Kubernetes objects read from a manifest file or a directory of them.
///
/// A directory is read recursively; files ending in `.yaml`, `.yml` or `.json` are decoded in path
/// order, hidden files and folders are skipped. Each object remembers the file it came from, so
/// errors can name it.
public struct ManifestSource: Sendable {
    /// An object and where it came from.
    public struct Entry: Sendable {
        public let object: KubeObject
        /// The file path.
        public let origin: String
    }

    /// What was read.
    public struct Contents: Sendable {
        public var entries: [Entry] = []
        /// Objects and files that could not be decoded, each naming its file.
        public var errors: [InputError] = []
        /// Objects that were identified but did not decode (see ``ManifestDecoder/Contents/unreadable``).
        public var unreadable: [KubeObject.Key] = []
    }

    public let path: String
    public let decoder: ManifestDecoder

    public init(path: String, decoder: ManifestDecoder = ManifestDecoder()) {
        self.path = path
        self.decoder = decoder
    }

    /// The manifest files this source reads.
    /// - Throws: ``InputError`` when the path does not exist.
    public func files() throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(origin: path, message: "no such file or directory")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw InputError(origin: path, message: "cannot list directory")
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            if [".yaml", ".yml", ".json"].contains(where: relative.hasSuffix) { files.append(path + "/" + relative) }
        }
        return files.sorted()
    }

    /// Reads and decodes every file.
    /// - Throws: ``InputError`` only when the path itself does not exist; unreadable or invalid
    ///   files are reported in ``Contents/errors``.
    public func load() throws -> Contents {
        var contents = Contents()
        for file in try files() {
            let decoded = load(file: file)
            contents.entries += decoded.entries
            contents.errors += decoded.errors
            contents.unreadable += decoded.unreadable
        }
        return contents
    }

    /// Reads and decodes one file; a file that cannot be read at all gives one error that names
    /// no object.
    public func load(file: String) -> Contents {
        var contents = Contents()
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            contents.errors.append(InputError(origin: file, message: "cannot read file as UTF-8 text"))
            return contents
        }
        let decoded = decoder.decode(text)
        contents.entries = decoded.objects.map { Entry(object: $0, origin: file) }
        contents.errors = decoded.errors.map { $0.from(file) }
        contents.unreadable = decoded.unreadable
        return contents
    }
}
