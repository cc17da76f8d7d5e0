import Foundation
import ProxyCore
import Testing
@testable import NftablesBackend

/// Whole tables written through netlink, read back with `nft list` and with a netlink dump, and
/// compared with what `nft -f` makes of the same text.
@Suite(.serialized, .enabled(if: NetlinkNamespace.isAvailable, "needs root, ip netns and nft"))
struct NftNetlinkTableTests {
    static let fixtures = ["example": NetlinkFixtures.example, "ipv6": NetlinkFixtures.ipv6, "variants": NetlinkFixtures.variants]

    /// nft prints the table proxyd wrote as the fixture's text, and as it prints its own load of
    /// that text: expressions, set types (`typeof` included), comments and elements.
    @Test(arguments: ["example", "ipv6", "variants"])
    func tableReadsBackAsItsText(_ name: String) throws {
        let fixture = Self.fixtures[name]!
        let namespace = try NetlinkNamespace()
        let handles = try namespace.netlink().apply(fixture.transaction)
        #expect(handles.count == fixture.rules.count)
        let listing = try namespace.listing(fixture.table)
        #expect(listing == NftListing.normalised(fixture.text))

        let reference = try NetlinkNamespace()
        try reference.load(fixture.text)
        #expect(listing == (try reference.listing(fixture.table)))
    }

    /// A dump after applying has the fingerprints computed from what was sent, the handles the
    /// apply returned, and the elements that were added. A table nft loaded from the same text
    /// dumps the same fingerprints: proxyd sends nft's bytes, user data included.
    @Test(arguments: ["example", "ipv6", "variants"])
    func dumpMatchesTheFingerprints(_ name: String) throws {
        let fixture = Self.fixtures[name]!
        let namespace = try NetlinkNamespace()
        let netlink = try namespace.netlink()
        #expect(try netlink.dump(fixture.table, sets: fixture.sets) == nil)
        let handles = try netlink.apply(fixture.transaction)
        let dump = try #require(try netlink.dump(fixture.table, sets: fixture.sets))
        try Self.expect(dump, toMatch: fixture)
        let addRules = fixture.transaction.operations.indices.filter {
            if case .addRule = fixture.transaction.operations[$0] { return true } else { return false }
        }
        let dumpedHandles = fixture.chains.flatMap { dump.chain(named: $0.name)?.rules.map(\.handle) ?? [] }
        #expect(addRules.map { handles[$0] } == dumpedHandles)

        let reference = try NetlinkNamespace()
        try reference.load(fixture.text)
        try Self.expect(try #require(try reference.netlink().dump(fixture.table, sets: fixture.sets)), toMatch: fixture)
    }

    static func expect(_ dump: NftTableDump, toMatch fixture: TableFixture) throws {
        #expect(dump.comment == fixture.comment)
        #expect(dump.chains.map(\.definition) == fixture.chains.map { $0 })
        for chain in fixture.chains {
            let expected = try fixture.rules(of: chain.name).map { try NftNetlink.fingerprint($0, in: fixture.table, sets: fixture.sets) }
            #expect(dump.chain(named: chain.name)?.rules.map(\.fingerprint) == expected, "chain \(chain.name)")
        }
        #expect(dump.sets.map(\.name) == fixture.sets.map(\.name))
        for set in fixture.sets {
            let dumped = try #require(dump.set(named: set.name))
            #expect(dumped.fingerprint == (try NftNetlink.fingerprint(set, in: fixture.table)), "set \(set.name)")
            let expected = fixture.elements.first { $0.set == set }?.elements ?? []
            if set.isDynamic {
                #expect(dumped.elements == nil)
            } else {
                #expect(dumped.elements?.count == expected.count, "set \(set.name)")
                #expect(Set(dumped.elements ?? []) == Set(expected), "set \(set.name)")
            }
        }
    }

    /// The fingerprints tell different rules and set definitions apart.
    @Test func fingerprintsDiffer() throws {
        let fixture = NetlinkFixtures.example
        let rules = try fixture.rules.map { try NftNetlink.fingerprint($0.rule, in: fixture.table, sets: fixture.sets) }
        #expect(Set(rules).count == Set(fixture.rules.map(\.rule)).count)
        let sets = try fixture.sets.map { try NftNetlink.fingerprint($0, in: fixture.table) }
        let definitions = fixture.sets.map { NftSet("", key: $0.key, value: $0.value, flags: $0.flags, timeout: $0.timeout, comment: $0.comment) }
        #expect(Set(sets).count == Set(definitions).count)
        let ipv6 = NftTable(family: .ipv6, name: "proxyd")
        #expect(try NftNetlink.fingerprint(fixture.rules[0].rule, in: ipv6, sets: []) == rules[0])  // no address in it
        #expect(try NftNetlink.fingerprint(fixture.rules.last!.rule, in: ipv6, sets: []) == rules.last!)
        let firewall = fixture.rules(of: "firewall-check")[0]
        #expect(try NftNetlink.fingerprint(firewall, in: fixture.table, sets: []) != (try NftNetlink.fingerprint(firewall, in: fixture.table, sets: fixture.sets)))
    }

    /// A namespace that does not exist, or a name that is not one, is an error.
    @Test func aMissingNamespaceIsAnError() throws {
        #expect(throws: NftNetlinkError.self) { try NftNetlink(namespace: "pnl-missing-\(UInt32.random(in: 0...UInt32.max))") }
        #expect(throws: NftNetlinkError.self) { try NftNetlink(namespace: "../1") }
    }
}
