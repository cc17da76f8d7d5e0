import Foundation
import ProxyCore

/// What a backend is asked to program for one stage of a scenario.
public struct ProgramRequest: Sendable {
    public let scenario: String
    public let stage: String
    /// Every object of the stage (the complete desired state, not a delta).
    public let objects: [KubeObject]
    public let options: ProxyOptions
    /// The objects written as a JSON `kind: List`, for backends driven by a command line (`--source`).
    public let sourceFile: URL

    /// The node settings as `proxyd` (and kube-proxy) flags: `--hostname-override`, `--node-ip`,
    /// `--cluster-cidr`, `--masquerade-all`, `--iptables-localhost-nodeports`, `--nodeport-addresses`.
    public var nodeFlags: [String] { options.commandLineFlags }
}

extension ProxyOptions {
    /// These options as `proxyd` flags.
    public var commandLineFlags: [String] {
        var flags = ["--hostname-override", nodeName]
        flags += nodeIPs.flatMap { ["--node-ip", "\($0)"] }
        flags += clusterCIDRs.flatMap { ["--cluster-cidr", "\($0)"] }
        if masqueradeAll { flags.append("--masquerade-all") }
        flags += ["--iptables-localhost-nodeports", "\(localhostNodePorts)"]
        switch nodePortAddresses {
        case .all: flags += ["--nodeport-addresses", "0.0.0.0/0,::/0"]  // explicit: nftables mode defaults to primary
        case .primary: flags += ["--nodeport-addresses", "primary"]
        case .cidrs(let cidrs): flags += ["--nodeport-addresses", cidrs.map(\.description).joined(separator: ",")]
        }
        return flags
    }
}

/// Writes objects as one JSON `kind: List` document.
enum ObjectListWriter {
    private struct ObjectList: Encodable {
        let apiVersion = "v1"
        let kind = "List"
        let items: [KubeObject]
    }

    static func write(_ objects: [KubeObject], to file: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try encoder.encode(ObjectList(items: objects)).write(to: file)
    }
}
