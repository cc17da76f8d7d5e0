import Foundation
import ProxyCore
import Yams

/// The scenario catalog: every scenario file shipped with this library, or read from a folder.
public enum ScenarioCatalog {
    /// The folder of the bundled catalog.
    public static var bundledDirectory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Catalog")
    }

    /// Every bundled scenario, in name order.
    /// - Throws: ``InputError`` naming the file of the first scenario that does not load.
    public static func all() throws -> [Scenario] {
        try load(directory: bundledDirectory)
    }

    /// One bundled scenario by name.
    public static func scenario(named name: String) throws -> Scenario {
        try load(file: bundledDirectory.appendingPathComponent(name + ".yaml"))
    }

    /// The bundled scenario file of a name, for tools that read files (`proxyd trace --source`).
    public static func file(named name: String) -> URL {
        bundledDirectory.appendingPathComponent(name + ".yaml")
    }

    /// Every scenario file (`*.yaml`) of a folder, in name order.
    public static func load(directory: URL) throws -> [Scenario] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        return try files.map { try load(file: directory.appendingPathComponent($0)) }
    }

    /// One scenario file.
    public static func load(file: URL) throws -> Scenario {
        let path = file.path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(origin: path, message: "cannot read file")
        }
        let contents = ManifestDecoder(passthroughKinds: [ScenarioDocument.kind]).decode(String(decoding: data, as: UTF8.self))
        if let error = contents.errors.first { throw error.from(path) }
        guard contents.passthrough.count == 1, let node = contents.passthrough.first else {
            throw InputError(origin: path, message: "must hold exactly one kind: \(ScenarioDocument.kind) document")
        }
        do {
            let document = try YAMLDecoder().decode(ScenarioDocument.self, from: node)
            return try document.scenario(objects: contents.objects)
        } catch let error as InputError {
            throw error.from(path)
        } catch {
            throw InputError(origin: path, object: ScenarioDocument.kind, message: "\(error)")
        }
    }
}
