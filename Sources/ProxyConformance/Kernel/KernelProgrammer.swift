import Foundation

/// What the kernel runner needs from a backend: program a node namespace for a scenario, and show
/// what it programmed when a probe fails.
public protocol KernelProgrammer: Sendable {
    /// A short name for reports (`iptables-nft`, `nftables`, ...).
    var name: String { get }

    /// Programs the node namespace so that it implements a stage's objects and node settings. It is
    /// called once per stage, with the complete desired state each time.
    /// - Parameters:
    ///   - request: the objects and node settings.
    ///   - namespace: this node's network namespace.
    /// - Throws: when programming fails; the scenario then fails with this error.
    func program(_ request: ProgramRequest, in namespace: NetworkNamespace) throws

    /// What is programmed in the namespace, for failure reports (a ruleset dump).
    func dumpRules(in namespace: NetworkNamespace) -> String
}

/// A programmer that runs a command inside the node namespace, such as
/// `proxyd --mode iptables --source FILE --hostname-override NODE --once`.
public struct CommandProgrammer: KernelProgrammer {
    public let name: String
    private let arguments: @Sendable (ProgramRequest) throws -> [String]
    private let dump: [String]

    /// - Parameters:
    ///   - name: the name for reports.
    ///   - dump: the command that prints the programmed rules (`iptables-save`, `nft list ruleset`).
    ///   - arguments: the command that programs the namespace for a request.
    public init(name: String, dump: [String], arguments: @escaping @Sendable (ProgramRequest) throws -> [String]) {
        self.name = name
        self.dump = dump
        self.arguments = arguments
    }

    public func program(_ request: ProgramRequest, in namespace: NetworkNamespace) throws {
        try namespace.exec(try arguments(request))
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
    private let rules: @Sendable (ProgramRequest) -> String

    public init(name: String, restore: [String], dump: [String], rules: @escaping @Sendable (ProgramRequest) -> String) {
        self.name = name
        self.restore = restore
        self.dump = dump
        self.rules = rules
    }

    public func program(_ request: ProgramRequest, in namespace: NetworkNamespace) throws {
        try namespace.exec(restore, input: rules(request))
    }

    public func dumpRules(in namespace: NetworkNamespace) -> String {
        (try? namespace.exec(dump)) ?? "(could not run \(dump.joined(separator: " ")))"
    }
}
