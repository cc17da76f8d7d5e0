import Foundation
import ProxyConformance
import ProxyCore
import Testing

/// `proxyd trace` on every catalog scenario file: the CLI gives the reference answer for every
/// probe when the scenario's objects and node settings are handed to it as a file and flags.
@Suite struct TraceCatalogTests {
    static let scenarioNames: [String] = (try? ScenarioCatalog.all().map(\.name)) ?? []

    @Test func everyScenarioIsTraced() {
        #expect(Self.scenarioNames.count >= 30)
    }

    @Test(arguments: scenarioNames)
    func scenario(_ name: String) throws {
        let scenario = try ScenarioCatalog.scenario(named: name)
        let file = ScenarioCatalog.file(named: name).path
        for probe in scenario.probes {
            let output = try ProxydProcess.run(
                ["trace", "--source", file, "--from", "\(probe.source)", "--to", "\(probe.destination)", "--output", "json"]
                    + scenario.options.commandLineFlags)
            #expect(output.status == 0, "\(name) \(probe.name): \(output.standardError)")
            #expect(output.standardError.isEmpty, "\(name): \(output.standardError)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
            let verdict = object["verdict"] as? String ?? "?"
            #expect(Probe.canonicalVerdict(verdict) == Probe.canonicalVerdict(probe.verdict), "\(name): \(probe)")
            #expect(object["masquerade"] as? Bool == probe.masquerade, "\(name): \(probe)")
        }
    }
}
