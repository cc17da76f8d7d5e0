import Foundation
import ProxyCore
import Testing
@testable import NftablesBackend

/// Changes to a table written through netlink: elements, rules placed by handle, a batch far
/// larger than the socket's default buffers, and batches the kernel rejects.
@Suite(.serialized, .enabled(if: NetlinkNamespace.isAvailable, "needs root, ip netns and nft"))
struct NftNetlinkChangeTests {
    static let fixture = NetlinkFixtures.example
    static var table: NftTable { fixture.table }
    static var endpoints3: NftSet { fixture.set(named: "endpoints-tcp-3") }

    private static func loadedExample() throws -> (NetlinkNamespace, NftNetlink) {
        let namespace = try NetlinkNamespace()
        let netlink = try namespace.netlink()
        try netlink.apply(fixture.transaction)
        return (namespace, netlink)
    }

    private static func elements(_ netlink: NftNetlink, _ set: NftSet) throws -> Set<NftElement>? {
        try netlink.dump(table, sets: [set])?.set(named: set.name)?.elements.map(Set.init)
    }

    /// Elements are deleted by key and added with their values, in one batch; the dump and
    /// `nft get element` agree on the result.
    @Test func elementsAreAddedAndDeleted() throws {
        let (namespace, netlink) = try Self.loadedExample()
        let set = Self.endpoints3
        let gone = [mapping([address("172.30.0.41"), port(80), bucket(1)], [address("10.180.1.1"), port(80)]),
                    mapping([address("172.30.0.41"), port(80), bucket(2)], [address("10.180.2.1"), port(80)])]
        let new = mapping([address("172.30.0.47"), port(8080), bucket(2)], [address("10.180.0.7"), port(8080)])
        let handles = try netlink.apply(NftTransaction(table: Self.table, operations: [
            .deleteElements(set, gone.map { NftElement($0.key) }), .addElements(set, [new]),
        ]))
        #expect(handles.isEmpty)
        let kept = mapping([address("172.30.0.41"), port(80), bucket(0)], [address("10.180.0.1"), port(80)])
        #expect(try Self.elements(netlink, set) == [kept, new])
        #expect(try namespace.nft("get", "element", "ip", "proxyd", set.name, "{ 172.30.0.47 . 8080 . 2 }")
            .contains("172.30.0.47 . 8080 . 2 : 10.180.0.7 . 8080"))
        #expect(throws: CommandRunner.Failure.self) {
            try namespace.nft("get", "element", "ip", "proxyd", set.name, "{ 172.30.0.41 . 80 . 1 }")
        }
        // Comments and intervals go away by key too.
        let classes = Self.fixture.set(named: "clusterip-cluster")
        let allowed = Self.fixture.set(named: "firewall-allow")
        try netlink.apply(NftTransaction(table: Self.table, operations: [
            .deleteElements(classes, [NftElement([address("172.30.0.41"), tcp, port(80)])]),
            .deleteElements(allowed, [NftElement([address("1.2.3.4"), tcp, port(80), network("203.0.113.0/25")])]),
        ]))
        #expect(try Self.elements(netlink, classes)?.count == 3)
        #expect(try Self.elements(netlink, allowed) == [
            NftElement([address("1.2.3.4"), tcp, port(80), network("192.168.0.0/24")]),
            NftElement([address("1.2.3.4"), tcp, port(80), address("1.2.3.4")]),
        ])
    }

    /// A rule added `after:` a handle lands right after that rule, and the echoed handles are the
    /// ones `nft -a list` shows.
    @Test func aRuleAddedAfterAHandleLandsThere() throws {
        let (namespace, netlink) = try Self.loadedExample()
        let before = try #require(try netlink.dump(Self.table, sets: [])?.chain(named: "select-cluster")?.rules.map(\.handle))
        #expect(before.count == 4)  // vmap, tcp-1, tcp-2, tcp-3
        func sizeMap(_ transport: TransportProtocol, _ size: Int) -> (NftSet, NftRule) {
            let name = "endpoints-\(transport.ruleName)-\(size)"
            let key: NftKey = [.destinationAddress, .destinationPort(transport), .randomBucket(modulus: size)]
            return (NftSet(name, key: .typeOf(key), value: .typeOf([.destinationAddress, .destinationPort(transport)])),
                    NftRule([.dnatThroughMap(key, map: name)]))
        }
        let (udp1, udp1Rule) = sizeMap(.udp, 1)
        let (tcp4, tcp4Rule) = sizeMap(.tcp, 4)
        let (tcp5, tcp5Rule) = sizeMap(.tcp, 5)
        let handles = try netlink.apply(NftTransaction(table: Self.table, operations: [
            .addSet(udp1), .addSet(tcp4), .addSet(tcp5),
            .addRule(chain: "select-cluster", udp1Rule, after: before[1]),
            .addRule(chain: "select-cluster", tcp4Rule, after: before[3]),
            .addRule(chain: "select-cluster", tcp5Rule, after: nil),
        ]))
        #expect(handles.keys.sorted() == [3, 4, 5])
        let listed = try namespace.nft("-a", "list", "chain", "ip", "proxyd", "select-cluster").split(separator: "\n")
            .filter { $0.contains("# handle") && !$0.contains("chain select-cluster") }
            .map { line -> (String, UInt64) in
                let parts = line.components(separatedBy: " # handle ")
                return (parts[0].trimmingCharacters(in: .whitespaces), UInt64(parts[1])!)
            }
        #expect(listed.map(\.0) == [
            "ip daddr . meta l4proto . th dport vmap @affinity-cluster",
            "dnat ip to ip daddr . tcp dport . numgen random mod 1 map @endpoints-tcp-1",
            "dnat ip to ip daddr . udp dport . numgen random mod 1 map @endpoints-udp-1",
            "dnat ip to ip daddr . tcp dport . numgen random mod 2 map @endpoints-tcp-2",
            "dnat ip to ip daddr . tcp dport . numgen random mod 3 map @endpoints-tcp-3",
            "dnat ip to ip daddr . tcp dport . numgen random mod 4 map @endpoints-tcp-4",
            "dnat ip to ip daddr . tcp dport . numgen random mod 5 map @endpoints-tcp-5",
        ])
        #expect(listed.map(\.1) == [before[0], before[1], handles[3], before[2], before[3], handles[4], handles[5]])
    }

    /// §10's deletions (an affinity service, a service whose size maps empty), a chain flushed
    /// and refilled, then the table: proxyd's table and nft's run of the same commands on the same
    /// table read back alike. The refilled rule looks up an interval set the batch does not
    /// define, which the encoder learns from the kernel, as nft learns it from its cache.
    @Test func objectsAreFlushedAndDeleted() throws {
        let (namespace, netlink) = try Self.loadedExample()
        let reference = try NetlinkNamespace()
        try reference.load(Self.fixture.text)
        func handles(_ netlink: NftNetlink) throws -> (UInt64, UInt64) {
            let dump = try #require(try netlink.dump(Self.table, sets: []))
            return (try #require(dump.chain(named: "select-cluster")?.rules[1].handle),
                    try #require(dump.chain(named: "select-nodeport-cluster")?.rules[1].handle))
        }
        let (tcp1, nodePortTCP1) = try handles(netlink)
        let (referenceTCP1, referenceNodePortTCP1) = try handles(try reference.netlink())

        let affinityChain = "service-HVFWP5L3-ns5/svc5/tcp/p80"
        let firewallCheck = Self.fixture.rules(of: "firewall-check")[0]
        let set = Self.fixture.set(named:)
        let lb: [NftValue] = [address("1.2.3.4"), tcp, port(80)]
        try netlink.apply(NftTransaction(table: Self.table, operations: [
            .deleteElements(set("affinity-cluster"), [NftElement([address("172.30.0.45"), tcp, port(80)])]),
            .deleteElements(set("clusterip-cluster"), [NftElement([address("172.30.0.45"), tcp, port(80)])]),
            .deleteElements(set("endpoint-hairpin"), ["10.180.0.5", "10.180.1.5"].map { NftElement([address($0), address($0)]) }),
            .flushChain(affinityChain),
            .deleteChain(affinityChain),
            .deleteSet("affinity-QR2OSYWX-ns5/svc5/tcp/p80__10.180.0.5/80"),
            .deleteSet("affinity-2F3SBG5N-ns5/svc5/tcp/p80__10.180.1.5/80"),
            .deleteElements(set("clusterip-cluster"), [NftElement([address("172.30.0.43"), tcp, port(80)])]),
            .deleteElements(set("external-cluster"), [NftElement(lb)]),
            .deleteElements(set("nodeport-cluster"), [NftElement([tcp, port(3003)])]),
            .deleteElements(set("firewall-ips"), [NftElement(lb)]),
            .deleteElements(set("firewall-allow"), [network("192.168.0.0/24"), network("203.0.113.0/25"), address("1.2.3.4")]
                .map { NftElement(lb + [$0]) }),
            .deleteElements(set("endpoints-tcp-1"), [NftElement([address("1.2.3.4"), port(80), bucket(0)]),
                                                     NftElement([address("172.30.0.43"), port(80), bucket(0)])]),
            .deleteElements(set("nodeport-endpoints-tcp-1"), [NftElement([port(3003), bucket(0)])]),
            .deleteElements(set("endpoint-hairpin"), [NftElement([address("10.180.0.3"), address("10.180.0.3")])]),
            .deleteRule(chain: "select-cluster", handle: tcp1),
            .deleteSet("endpoints-tcp-1"),
            .deleteRule(chain: "select-nodeport-cluster", handle: nodePortTCP1),
            .deleteSet("nodeport-endpoints-tcp-1"),
            .flushChain("firewall-check"),
            .addRule(chain: "firewall-check", firewallCheck, after: nil),
        ]))
        try reference.load("""
            delete element ip proxyd affinity-cluster { 172.30.0.45 . tcp . 80 }
            delete element ip proxyd clusterip-cluster { 172.30.0.45 . tcp . 80 }
            delete element ip proxyd endpoint-hairpin { 10.180.0.5 . 10.180.0.5, 10.180.1.5 . 10.180.1.5 }
            flush chain ip proxyd \(affinityChain)
            delete chain ip proxyd \(affinityChain)
            delete set ip proxyd affinity-QR2OSYWX-ns5/svc5/tcp/p80__10.180.0.5/80
            delete set ip proxyd affinity-2F3SBG5N-ns5/svc5/tcp/p80__10.180.1.5/80
            delete element ip proxyd clusterip-cluster { 172.30.0.43 . tcp . 80 }
            delete element ip proxyd external-cluster { 1.2.3.4 . tcp . 80 }
            delete element ip proxyd nodeport-cluster { tcp . 3003 }
            delete element ip proxyd firewall-ips { 1.2.3.4 . tcp . 80 }
            delete element ip proxyd firewall-allow { 1.2.3.4 . tcp . 80 . 192.168.0.0/24, 1.2.3.4 . tcp . 80 . 203.0.113.0/25, 1.2.3.4 . tcp . 80 . 1.2.3.4 }
            delete element ip proxyd endpoints-tcp-1 { 1.2.3.4 . 80 . 0, 172.30.0.43 . 80 . 0 }
            delete element ip proxyd nodeport-endpoints-tcp-1 { 3003 . 0 }
            delete element ip proxyd endpoint-hairpin { 10.180.0.3 . 10.180.0.3 }
            delete rule ip proxyd select-cluster handle \(referenceTCP1)
            delete map ip proxyd endpoints-tcp-1
            delete rule ip proxyd select-nodeport-cluster handle \(referenceNodePortTCP1)
            delete map ip proxyd nodeport-endpoints-tcp-1
            flush chain ip proxyd firewall-check
            add rule ip proxyd firewall-check \(firewallCheck.text(.ipv4))
            """)
        #expect(try namespace.listing(Self.table) == (try reference.listing(Self.table)))
        let sets = Self.fixture.sets
        let dump = try #require(try netlink.dump(Self.table, sets: sets))
        let nftDump = try #require(try reference.netlink().dump(Self.table, sets: sets))
        for chain in dump.chains {
            #expect(chain.rules.map(\.fingerprint) == nftDump.chain(named: chain.name)?.rules.map(\.fingerprint), "chain \(chain.name)")
        }
        #expect(dump.chain(named: "firewall-check")?.rules.map(\.fingerprint)
            == [try NftNetlink.fingerprint(firewallCheck, in: Self.table, sets: sets)])

        try netlink.apply(NftTransaction(table: Self.table, operations: [.deleteTable]))
        #expect(try netlink.dump(Self.table, sets: sets) == nil)
    }

    /// 300k elements (about 12 MB, far past the default socket buffers) apply as one transaction:
    /// with a failing operation at the end, none of them; without, all of them.
    @Test func aLargeBatchIsAtomic() throws {
        let namespace = try NetlinkNamespace()
        let netlink = try namespace.netlink()
        let table = NftTable(family: .ipv4, name: "proxyd")
        let key: NftKey = [.destinationAddress, .destinationPort(.tcp), .randomBucket(modulus: 1)]
        let map = NftSet("endpoints-tcp-1", key: .typeOf(key), value: .typeOf([.destinationAddress, .destinationPort(.tcp)]))
        try netlink.apply(NftTransaction(table: table, operations: [.addTable(comment: nil), .addSet(map)]))
        let count = 100_000  // a 4 MB batch: far past the default 208 KiB socket buffer
        let elements = (0..<count).map { index -> NftElement in
            let frontend = IPAddress.v4(0xAC10_0000 + UInt32(index))  // 172.16.0.0 on
            return mapping([.address(frontend), port(80), bucket(0)], [.address(.v4(0x0AB4_0000 + UInt32(index % 65536))), port(8080)])
        }
        let missing = NftElement([address("10.0.0.1"), port(1), bucket(0)])
        var failure: NftNetlinkError?
        do {
            try netlink.apply(NftTransaction(table: table, operations: [.addElements(map, elements), .deleteElements(map, [missing])]))
        } catch let error as NftNetlinkError {
            failure = error
        }
        #expect(failure == .rejected(operation: 1, description: "delete element from set endpoints-tcp-1 (10.0.0.1 . 1 . 0)",
                                     errno: ENOENT))
        #expect(try Self.count(netlink, table, map) == 0)

        try netlink.apply(NftTransaction(table: table, operations: [.addElements(map, elements)]))
        let dumped = try #require(try netlink.dump(table, sets: [map])?.set(named: map.name)?.elements)
        #expect(dumped.count == count)
        #expect(dumped.contains(elements[0]) && dumped.contains(elements[count - 1]))
    }

    private static func count(_ netlink: NftNetlink, _ table: NftTable, _ set: NftSet) throws -> Int? {
        try netlink.dump(table, sets: [set])?.set(named: set.name)?.elements?.count
    }

    /// The kernel's error names the operation, and the element, it refused; nothing of the batch
    /// is applied.
    @Test func aRejectedBatchNamesTheOperationAndAppliesNothing() throws {
        let (_, netlink) = try Self.loadedExample()
        let before = try #require(try netlink.dump(Self.table, sets: Self.fixture.sets))

        // A rule jumping to a chain that does not exist.
        #expect(Self.failure(netlink, [.addChain(NftChain("new")), .addRule(chain: "new", NftRule([jump("missing")]), after: nil)])
            == .rejected(operation: 1, description: "add rule to chain new (jump missing)", errno: ENOENT))
        // Deleting an element that is not there, after adding one.
        let set = Self.endpoints3
        let added = mapping([address("172.30.0.49"), port(80), bucket(0)], [address("10.180.0.9"), port(80)])
        #expect(Self.failure(netlink, [.addElements(set, [added]), .deleteElements(set, [NftElement([address("172.30.0.49"), port(81), bucket(0)])])])
            == .rejected(operation: 1, description: "delete element from set endpoints-tcp-3 (172.30.0.49 . 81 . 0)", errno: ENOENT))
        // Adding an element that exists, in the middle of an operation of several messages.
        let many = (0..<5000).map { mapping([.address(.v4(0xAC1F_0000 + UInt32($0))), port(80), bucket(0)], [address("10.180.0.1"), port(80)]) }
        let existing = mapping([address("172.30.0.41"), port(80), bucket(0)], [address("10.180.0.1"), port(80)])
        let failure = Self.failure(netlink, [.addElements(set, Array(many[..<3777]) + [existing] + many[3777...])])
        #expect(failure == .rejected(operation: 0, description: "add element to set endpoints-tcp-3 (172.30.0.41 . 80 . 0)", errno: EEXIST))
        #expect(failure?.description == "add element to set endpoints-tcp-3 (172.30.0.41 . 80 . 0): File exists")

        try Self.expectUnchanged(netlink, before)
    }

    /// An operation that does not fit the model's types is refused before anything is sent.
    @Test func anInvalidOperationIsNotSent() throws {
        let (_, netlink) = try Self.loadedExample()
        let before = try #require(try netlink.dump(Self.table, sets: Self.fixture.sets))
        let set = Self.endpoints3
        let wrong = mapping([address("172.30.0.50"), tcp, bucket(0)], [address("10.180.0.1"), port(80)])
        #expect(Self.failure(netlink, [.addElements(set, [mapping([address("172.30.0.51"), port(80), bucket(0)], [address("10.180.0.1"), port(80)]), wrong])])
            == .invalid(operation: 0, description: "add element to set endpoints-tcp-3 (172.30.0.50 . tcp . 0)",
                        reason: "tcp does not fit a field of type inet_service"))
        #expect(Self.failure(netlink, [.addChain(NftChain("x")), .addRule(chain: "x", NftRule([.transportProtocol(.tcp), .dnat(ip("fd00::1"), port: 80)]), after: nil)])
            == .invalid(operation: 1, description: "add rule to chain x (meta l4proto tcp dnat to [fd00::1]:80)",
                        reason: "dnat to fd00::1 in an IPv4 table"))
        try Self.expectUnchanged(netlink, before)
    }

    private static func expectUnchanged(_ netlink: NftNetlink, _ before: NftTableDump) throws {
        let after = try #require(try netlink.dump(table, sets: fixture.sets))
        #expect(after.chains.map(\.name) == before.chains.map(\.name))
        for chain in after.chains { #expect(chain == before.chain(named: chain.name), "chain \(chain.name)") }
        // Element order is the kernel's hash order, which inserts and rollbacks may change.
        for set in after.sets {
            #expect(set.fingerprint == before.set(named: set.name)?.fingerprint, "set \(set.name)")
            #expect(set.elements.map(Set.init) == before.set(named: set.name)?.elements.map(Set.init), "set \(set.name)")
        }
    }

    private static func failure(_ netlink: NftNetlink, _ operations: [NftOperation]) -> NftNetlinkError? {
        do {
            try netlink.apply(NftTransaction(table: table, operations: operations))
            return nil
        } catch let error as NftNetlinkError {
            return error
        } catch {
            return nil
        }
    }
}
