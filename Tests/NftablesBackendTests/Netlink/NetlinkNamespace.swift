import Foundation
import ProxyCore
@testable import NftablesBackend

/// A network namespace for one netlink test, deleted when the test is done with it, whichever
/// way the test ends: the namespace goes with the last reference to this object.
final class NetlinkNamespace {
    let name = "pnl\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
    private var runner: CommandRunner { .inNamespace(name) }

    /// Whether kernel tests can run: root, `ip netns` and `nft` (to read tables back).
    static var isAvailable: Bool {
        getuid() == 0 && CommandRunner.current.succeeds(["ip", "netns", "list"])
            && CommandRunner.current.succeeds(["nft", "--version"])
    }

    /// Creates the namespace with `lo` up.
    init() throws {
        try CommandRunner.current.run(["ip", "netns", "add", name])
        do {
            try CommandRunner.current.run(["ip", "-n", name, "link", "set", "lo", "up"])
        } catch {
            _ = try? CommandRunner.current.run(["ip", "netns", "del", name])
            throw error
        }
    }

    deinit { _ = try? CommandRunner.current.run(["ip", "netns", "del", name]) }

    /// A netlink connection inside the namespace.
    func netlink() throws -> NftNetlink { try NftNetlink(namespace: name) }

    /// Runs `nft` inside the namespace.
    @discardableResult
    func nft(_ arguments: String...) throws -> String { try runner.run(["nft"] + arguments) }

    /// Loads a ruleset with `nft -f`.
    func load(_ text: String) throws { try runner.run(["nft", "-f", "-"], input: text) }

    /// `nft list table`, normalised for comparison.
    func listing(_ table: NftTable) throws -> String {
        NftListing.normalised(try nft("list", "table", table.familyName, table.name))
    }
}
