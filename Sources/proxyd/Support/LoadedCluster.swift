import ArgumentParser
import Foundation
import ProxyCore

/// The cluster read from `--source`, with the service graph of each family built.
///
/// Problems with single objects are printed to standard error, one line each, and the object is
/// skipped; loading fails only when nothing usable was read.
struct LoadedCluster {
    let state: ClusterState
    let options: ProxyOptions
    let graphs: [IPFamily: ServiceGraph]

    init(_ flags: ClusterSourceOptions, mode: ProxyMode) throws {
        let options = try flags.proxyOptions(mode: mode)
        let source = try flags.requiredSource()
        let contents: ManifestSource.Contents
        do {
            contents = try ManifestSource(path: source).load()
        } catch let error as InputError {
            throw ValidationError("--source: \(error)")
        }
        var state = ClusterState()
        let errors = contents.errors + state.add(contents.entries)
        for error in errors { Standard.error.write("proxyd: \(error)") }
        let loaded = contents.entries.count - errors.count + contents.errors.count
        guard loaded > 0 else {
            throw Failure("no usable Service, EndpointSlice or Node in \(source)")
        }
        self.state = state
        self.options = options
        var graphs: [IPFamily: ServiceGraph] = [:]
        for family in IPFamily.allCases {
            graphs[family] = GraphBuilder(options: options, family: family).build(from: state)
        }
        self.graphs = graphs
    }
}

/// A command failure: ArgumentParser prints it as `Error: <message>` and exits with code 1.
struct Failure: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) { description = message }
}

/// Writes lines to the standard streams.
enum Standard {
    case output, error

    func write(_ line: String, terminator: String = "\n") {
        let handle = self == .output ? FileHandle.standardOutput : FileHandle.standardError
        handle.write(Data((line + terminator).utf8))
    }
}
