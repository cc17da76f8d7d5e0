import Foundation
import ProxyConformance
import Testing

/// Every catalog scenario against the reference tracer: the upstream scenario families, each a
/// named test, and then every scenario file of the catalog (so a new file is never left unchecked).
@Suite struct CatalogTraceTests {
    static let scenarioNames: [String] = (try? FileManager.default
        .contentsOfDirectory(atPath: ScenarioCatalog.bundledDirectory.path))
        .map { $0.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted() } ?? []

    private func expectPasses(_ name: String) throws {
        let scenario = try ScenarioCatalog.scenario(named: name)
        #expect(!scenario.probes.isEmpty, "\(name) has no probes")
        for report in try TraceRunner().run(scenario) where !report.passed {
            Issue.record("\(name): \(report)")
        }
    }

    @Test func catalogIsComplete() {
        #expect(Self.scenarioNames.count >= 30, "\(Self.scenarioNames)")
    }

    @Test(arguments: scenarioNames)
    func scenario(_ name: String) throws {
        try expectPasses(name)
    }
}
