import Foundation
import IptablesBackend
import ProxyCore

/// A network namespace for one test, deleted when the test ends.
final class TestNamespace {
    let name = "pxt\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
    var runner: CommandRunner { .inNamespace(name) }

    /// Whether kernel tests can run: root and `ip netns`.
    static var isAvailable: Bool { getuid() == 0 && CommandRunner.current.succeeds(["ip", "netns", "list"]) }

    init() throws {
        try CommandRunner.current.run(["ip", "netns", "add", name])
        try CommandRunner.current.run(["ip", "-n", name, "link", "set", "lo", "up"])
    }

    deinit { _ = try? CommandRunner.current.run(["ip", "netns", "del", name]) }

    /// `iptables-save` of the namespace without comments and counters: comparable across runs.
    func ruleset(_ variant: IptablesVariant) throws -> String {
        try runner.run([variant.saveCommand(ipv6: false)]).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }
            .map { $0.hasPrefix(":") ? String($0.split(separator: " ")[0]) : String($0) }
            .joined(separator: "\n")
    }
}
