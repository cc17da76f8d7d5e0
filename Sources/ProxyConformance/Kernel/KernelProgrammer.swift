import Foundation

/// What the kernel runner needs from a backend: program a node namespace for a scenario, and show
/// what it programmed when a probe fails.
public protocol KernelProgrammer: Sendable {
    /// A short name for reports (`iptables-nft`, `nftables`, ...).
    var name: String { get }

    /// Programs the node namespace so that it implements the scenario's objects and node settings.
    /// - Parameters:
    ///   - scenario: the objects and node settings.
    ///   - namespace: this node's network namespace.
    /// - Throws: when programming fails; the scenario then fails with this error.
    func program(_ scenario: Scenario, in namespace: NetworkNamespace) throws

    /// What is programmed in the namespace, for failure reports (a ruleset dump).
    func dumpRules(in namespace: NetworkNamespace) -> String
}

/// A programmer that runs a command inside the node namespace, such as
/// `proxyd --mode iptables --source FILE --hostname-override NODE --once`.
public struct CommandProgrammer: KernelProgrammer {
    public let name: String
    private let arguments: @Sendable (Scenario) throws -> [String]
    private let dump: [String]

    /// - Parameters:
    ///   - name: the name for reports.
    ///   - dump: the command that prints the programmed rules (`iptables-save`, `nft list ruleset`).
    ///   - arguments: the command that programs the namespace for a scenario.
    public init(name: String, dump: [String], arguments: @escaping @Sendable (Scenario) throws -> [String]) {
        self.name = name
        self.dump = dump
        self.arguments = arguments
    }

    public func program(_ scenario: Scenario, in namespace: NetworkNamespace) throws {
        try namespace.exec(try arguments(scenario))
    }

    public func dumpRules(in namespace: NetworkNamespace) -> String {
        (try? namespace.exec(dump)) ?? "(could not run \(dump.joined(separator: " ")))"
    }
}

/// A programmer that feeds a ruleset text to a restore command (`iptables-restore`, `nft -f -`):
/// for hand-written rulesets and for checking the runner itself.
public struct RestoreProgrammer: KernelProgrammer {
    public let name: String
    private let restore: [String]
    private let dump: [String]
    private let rules: @Sendable (Scenario) -> String

    public init(name: String, restore: [String], dump: [String], rules: @escaping @Sendable (Scenario) -> String) {
        self.name = name
        self.restore = restore
        self.dump = dump
        self.rules = rules
    }

    public func program(_ scenario: Scenario, in namespace: NetworkNamespace) throws {
        try namespace.exec(restore, input: rules(scenario))
    }

    public func dumpRules(in namespace: NetworkNamespace) -> String {
        (try? namespace.exec(dump)) ?? "(could not run \(dump.joined(separator: " ")))"
    }
}
