import Foundation

/// Which iptables implementation the node uses: the nf_tables-based one or the legacy x_tables one.
///
/// Rules written with one are invisible to the other, so proxyd must use the node's. Detection
/// follows the iptables-wrapper script that kube-proxy's image runs: kubelet (1.24+) creates a
/// `KUBE-IPTABLES-HINT` chain (older ones a `KUBE-KUBELET-CANARY` chain) in the mangle table of
/// the variant it uses; without either, the variant holding more rules wins, and nft on a tie.
public enum IptablesVariant: String, Hashable, Sendable, CaseIterable {
    case nft
    case legacy

    /// The restore command of this variant and IP family.
    public func restoreCommand(ipv6: Bool) -> String {
        "\(ipv6 ? "ip6tables" : "iptables")-\(rawValue)-restore"
    }

    /// The save command of this variant and IP family.
    public func saveCommand(ipv6: Bool) -> String {
        "\(ipv6 ? "ip6tables" : "iptables")-\(rawValue)-save"
    }

    /// Detects the variant of the current network namespace.
    /// - Parameter save: runs a save command with arguments and returns its output (nil when it
    ///   cannot be run); injectable for tests.
    public static func detect(save: (String, [String]) -> String? = IptablesVariant.runSave) -> IptablesVariant {
        for hint in ["KUBE-IPTABLES-HINT", "KUBE-KUBELET-CANARY"] {
            for variant in [IptablesVariant.legacy, .nft] {
                let mangle = save(variant.saveCommand(ipv6: false), ["-t", "mangle"]) ?? ""
                if mangle.contains(":\(hint) ") { return variant }
            }
        }
        func ruleCount(_ variant: IptablesVariant) -> Int {
            (save(variant.saveCommand(ipv6: false), []) ?? "").split(separator: "\n").filter { $0.hasPrefix("-") }.count
        }
        return ruleCount(.legacy) > ruleCount(.nft) ? .legacy : .nft
    }

    /// Runs a save command; nil when it fails or is missing.
    public static func runSave(_ command: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [command] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
}
