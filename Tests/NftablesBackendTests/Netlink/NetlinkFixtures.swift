import ProxyCore
@testable import NftablesBackend

/// The tables the netlink tests write: the complete example of docs/nftables-layout.md §11, its
/// IPv6 counterpart, and a table of the variants §11 does not show. Between them they use every
/// expression of the model and every kind of set: plain, concatenated, `typeof`, interval,
/// data map, verdict map, dynamic with timeout.
enum NetlinkFixtures {
    static let mark: UInt32 = 0x4000

    /// docs/nftables-layout.md §11.
    static let example: TableFixture = {
        var f = TableFixture(NftTable(family: .ipv4, name: "proxyd"), comment: "rules for proxyd", text: exampleText)
        let hairpin = ["10.180.0.1", "10.180.0.2", "10.180.0.3", "10.180.0.5", "10.180.1.1", "10.180.1.2", "10.180.1.5", "10.180.2.1"]
        f.set("nodeport-ips", .types([.ipv4Address]), comment: "addresses that accept NodePort traffic (nodePortAddresses)",
              [NftElement([address("192.168.0.2")])])
        f.set("endpoint-hairpin", .types([.ipv4Address, .ipv4Address]),
              comment: "E . E for every endpoint IP: a DNAT-ed packet from E to E is hairpin traffic",
              hairpin.map { NftElement([address($0), address($0)]) })
        f.set("clusterip-cluster", addressKeyTypes, comment: "ClusterIPs routed to their cluster endpoints", [
            NftElement([address("172.30.0.41"), tcp, port(80)], comment: "ns1/svc1:p80"),
            NftElement([address("172.30.0.42"), tcp, port(80)], comment: "ns2/svc2:p80"),
            NftElement([address("172.30.0.43"), tcp, port(80)], comment: "ns3/svc3:p80"),
            NftElement([address("172.30.0.45"), tcp, port(80)], comment: "ns5/svc5:p80"),
        ])
        f.set("clusterip-local", addressKeyTypes,
              comment: "ClusterIPs with internalTrafficPolicy Local routed to their local endpoints")
        f.set("external-cluster", addressKeyTypes, comment: "externalIPs and load-balancer IPs, externalTrafficPolicy Cluster",
              [NftElement([address("1.2.3.4"), tcp, port(80)], comment: "ns3/svc3:p80")])
        f.set("external-local", addressKeyTypes, comment: "externalIPs and load-balancer IPs, externalTrafficPolicy Local",
              [NftElement([address("192.168.99.22"), tcp, port(80)], comment: "ns2/svc2:p80")])
        f.set("nodeport-cluster", portKeyTypes, comment: "NodePorts, externalTrafficPolicy Cluster",
              [NftElement([tcp, port(3003)], comment: "ns3/svc3:p80")])
        f.set("nodeport-local", portKeyTypes, comment: "NodePorts, externalTrafficPolicy Local",
              [NftElement([tcp, port(3001)], comment: "ns2/svc2:p80")])
        f.set("no-endpoint-reject", addressKeyTypes, comment: "frontends of services without any usable endpoint",
              [NftElement([address("172.30.0.44"), udp, port(53)], comment: "ns4/svc4:dns")])
        f.set("no-endpoint-drop", addressKeyTypes, comment: "frontends of Local traffic policies without local endpoints",
              [NftElement([address("172.30.0.46"), tcp, port(80)], comment: "ns6/svc6:p80")])
        f.set("no-endpoint-nodeport-reject", portKeyTypes, comment: "NodePorts of services without any usable endpoint",
              [NftElement([udp, port(3004)], comment: "ns4/svc4:dns")])
        f.set("no-endpoint-nodeport-drop", portKeyTypes,
              comment: "NodePorts with externalTrafficPolicy Local and no local endpoints")
        f.set("firewall-ips", addressKeyTypes, comment: "load-balancer frontends guarded by loadBalancerSourceRanges",
              [NftElement([address("1.2.3.4"), tcp, port(80)], comment: "ns3/svc3:p80")])
        f.set("firewall-allow", .types([.ipv4Address, .transportProtocol, .port, .ipv4Address]), flags: .interval,
              comment: "allowed sources per guarded load-balancer frontend", [
                NftElement([address("1.2.3.4"), tcp, port(80), network("192.168.0.0/24")]),
                NftElement([address("1.2.3.4"), tcp, port(80), network("203.0.113.0/25")]),
                NftElement([address("1.2.3.4"), tcp, port(80), address("1.2.3.4")]),
              ])
        f.set("health-check-nodeports", .types([.port]), comment: "healthCheckNodePorts (served by proxyd itself)")
        let endpointValue = NftSet.Typing.typeOf([.destinationAddress, .destinationPort(.tcp)])
        func sizeMap(_ name: String, nodePort: Bool, _ size: Int, _ members: [NftElement]) {
            let key: NftKey = nodePort ? [.destinationPort(.tcp), .randomBucket(modulus: size)]
                : [.destinationAddress, .destinationPort(.tcp), .randomBucket(modulus: size)]
            f.set(name, .typeOf(key), value: endpointValue, members)
        }
        sizeMap("endpoints-tcp-1", nodePort: false, 1, [
            mapping([address("1.2.3.4"), port(80), bucket(0)], [address("10.180.0.3"), port(80)]),
            mapping([address("172.30.0.43"), port(80), bucket(0)], [address("10.180.0.3"), port(80)]),
        ])
        sizeMap("endpoints-tcp-2", nodePort: false, 2, [
            mapping([address("172.30.0.42"), port(80), bucket(0)], [address("10.180.0.2"), port(8080)]),
            mapping([address("172.30.0.42"), port(80), bucket(1)], [address("10.180.1.2"), port(8080)]),
            mapping([address("192.168.99.22"), port(80), bucket(0)], [address("10.180.0.2"), port(8080)]),
            mapping([address("192.168.99.22"), port(80), bucket(1)], [address("10.180.1.2"), port(8080)]),
        ])
        sizeMap("endpoints-tcp-3", nodePort: false, 3, [
            mapping([address("172.30.0.41"), port(80), bucket(0)], [address("10.180.0.1"), port(80)]),
            mapping([address("172.30.0.41"), port(80), bucket(1)], [address("10.180.1.1"), port(80)]),
            mapping([address("172.30.0.41"), port(80), bucket(2)], [address("10.180.2.1"), port(80)]),
        ])
        sizeMap("local-endpoints-tcp-1", nodePort: false, 1,
                [mapping([address("192.168.99.22"), port(80), bucket(0)], [address("10.180.0.2"), port(8080)])])
        sizeMap("nodeport-endpoints-tcp-1", nodePort: true, 1, [mapping([port(3003), bucket(0)], [address("10.180.0.3"), port(80)])])
        sizeMap("nodeport-endpoints-tcp-2", nodePort: true, 2, [
            mapping([port(3001), bucket(0)], [address("10.180.0.2"), port(8080)]),
            mapping([port(3001), bucket(1)], [address("10.180.1.2"), port(8080)]),
        ])
        sizeMap("nodeport-local-endpoints-tcp-1", nodePort: true, 1,
                [mapping([port(3001), bucket(0)], [address("10.180.0.2"), port(8080)])])
        let affinityChain = "service-HVFWP5L3-ns5/svc5/tcp/p80"
        f.set("affinity-cluster", addressKeyTypes, value: .types([.verdict]),
              comment: "address frontends with ClientIP affinity: their cluster endpoint chain",
              [NftElement([address("172.30.0.45"), tcp, port(80)], value: .verdict(.goto(affinityChain)))])
        f.set("affinity-local", addressKeyTypes, value: .types([.verdict]),
              comment: "address frontends with ClientIP affinity: their local endpoint chain")
        f.set("affinity-nodeport-cluster", portKeyTypes, value: .types([.verdict]),
              comment: "NodePorts with ClientIP affinity: their cluster endpoint chain")
        f.set("affinity-nodeport-local", portKeyTypes, value: .types([.verdict]),
              comment: "NodePorts with ClientIP affinity: their local endpoint chain")
        let affinity = ["affinity-QR2OSYWX-ns5/svc5/tcp/p80__10.180.0.5/80", "affinity-2F3SBG5N-ns5/svc5/tcp/p80__10.180.1.5/80"]
        for name in affinity { f.set(name, .types([.ipv4Address]), flags: [.dynamic, .timeout], timeout: 10800) }

        f.chain("filter-prerouting-pre-dnat", filter(.prerouting, -110), [.connectionIsNew, jump("firewall-check")])
        f.chain("filter-output-pre-dnat", filter(.output, -110), [.connectionIsNew, jump("firewall-check")])
        f.chain("filter-forward", filter(.forward, 0), [.connectionIsNew, jump("service-endpoints-check")])
        f.chain("filter-input", filter(.input, 0), [.connectionIsNew, jump("service-endpoints-check")],
                [.connectionIsNew, jump("nodeport-endpoints-check")],
                [.lookup([.destinationPort(.tcp)], set: "health-check-nodeports", negated: false), .verdict(.accept)])
        f.chain("filter-output", filter(.output, 0), [.connectionIsNew, jump("service-endpoints-check")])
        f.chain("nat-prerouting", nat(.prerouting, -100), [jump("services")])
        f.chain("nat-output", nat(.output, -100), [jump("services")])
        f.chain("nat-postrouting", nat(.postrouting, 100), [jump("masquerading")])
        f.chain("firewall-check", nil, [.lookup(addressKey, set: "firewall-ips", negated: false),
                                        .lookup(addressKey + [.sourceAddress], set: "firewall-allow", negated: true), .verdict(.drop)])
        f.chain("service-endpoints-check", nil, [.connectionIsDNATed, .verdict(.return)],
                [.lookup(addressKey, set: "no-endpoint-reject", negated: false), .reject],
                [.lookup(addressKey, set: "no-endpoint-drop", negated: false), .verdict(.drop)])
        f.chain("nodeport-endpoints-check", nil, [.connectionIsDNATed, .verdict(.return)],
                [.addressIsLocal(.destinationAddress), .lookup(portKey, set: "no-endpoint-nodeport-reject", negated: false), .reject],
                [.addressIsLocal(.destinationAddress), .lookup(portKey, set: "no-endpoint-nodeport-drop", negated: false),
                 .verdict(.drop)])
        f.chain("services", nil,
                [.lookup(addressKey, set: "clusterip-cluster", negated: false), goto("cluster-ip")],
                [.lookup(addressKey, set: "clusterip-local", negated: false), goto("cluster-ip-local")],
                [.lookup(addressKey, set: "external-cluster", negated: false), goto("external-cluster")],
                [.lookup(addressKey, set: "external-local", negated: false), goto("external-local")],
                [.lookup([.destinationAddress], set: "nodeport-ips", negated: false), goto("nodeports")])
        f.chain("nodeports", nil, [.lookup(portKey, set: "nodeport-cluster", negated: false), goto("nodeport-cluster")],
                [.lookup(portKey, set: "nodeport-local", negated: false), goto("nodeport-local")])
        let podSources = cidr("10.0.0.0/8")
        for (chain, select) in [("cluster-ip", "select-cluster"), ("cluster-ip-local", "select-local")] {
            f.chain(chain, nil, [.addressInNetwork(.sourceAddress, podSources, negated: true), jump("mark-for-masquerade")],
                    [goto(select)])
        }
        f.chain("external-cluster", nil, [jump("mark-for-masquerade")], [goto("select-cluster")])
        f.chain("external-local", nil, [.addressInNetwork(.sourceAddress, podSources, negated: false), goto("select-cluster")],
                [.addressIsLocal(.sourceAddress), jump("mark-for-masquerade")],
                [.addressIsLocal(.sourceAddress), goto("select-cluster")], [goto("select-local")])
        f.chain("nodeport-cluster", nil, [jump("mark-for-masquerade")], [goto("select-nodeport-cluster")])
        f.chain("nodeport-local", nil,
                [.addressInNetwork(.sourceAddress, podSources, negated: false), goto("select-nodeport-cluster")],
                [.addressIsLocal(.sourceAddress), jump("mark-for-masquerade")],
                [.addressIsLocal(.sourceAddress), goto("select-nodeport-cluster")], [goto("select-nodeport-local")])
        func select(_ size: Int, _ map: String, nodePort: Bool = false) -> [NftExpression] {
            [.dnatThroughMap((nodePort ? [] : [.destinationAddress]) + [.destinationPort(.tcp), .randomBucket(modulus: size)], map: map)]
        }
        f.chain("select-cluster", nil, [.verdictMap(addressKey, map: "affinity-cluster")],
                select(1, "endpoints-tcp-1"), select(2, "endpoints-tcp-2"), select(3, "endpoints-tcp-3"))
        f.chain("select-local", nil, [.verdictMap(addressKey, map: "affinity-local")], select(1, "local-endpoints-tcp-1"))
        f.chain("select-nodeport-cluster", nil, [.verdictMap(portKey, map: "affinity-nodeport-cluster")],
                select(1, "nodeport-endpoints-tcp-1", nodePort: true), select(2, "nodeport-endpoints-tcp-2", nodePort: true))
        f.chain("select-nodeport-local", nil, [.verdictMap(portKey, map: "affinity-nodeport-local")],
                select(1, "nodeport-local-endpoints-tcp-1", nodePort: true))
        let endpoints = [ip("10.180.0.5"), ip("10.180.1.5")]
        f.chain(affinityChain, nil,
                affinityRule(affinity[0], endpoints[0], 80, sticky: true), affinityRule(affinity[1], endpoints[1], 80, sticky: true),
                [.randomBucketIsZero(modulus: 2)] + affinityRule(affinity[0], endpoints[0], 80),
                affinityRule(affinity[1], endpoints[1], 80))
        f.chain("mark-for-masquerade", nil, [.setMarkBits(mark)])
        f.chain("masquerading", nil,
                [.connectionIsDNATed, .lookup([.sourceAddress, .destinationAddress], set: "endpoint-hairpin", negated: false),
                 jump("mark-for-masquerade")],
                [.markBitsClear(mark), .verdict(.return)], [.toggleMarkBits(mark)], [.masqueradeFullyRandom])
        return f
    }()

    /// `[ip saddr @set] update @set { ip saddr } meta l4proto tcp dnat to E`.
    static func affinityRule(_ set: String, _ endpoint: IPAddress, _ port: Int, sticky: Bool = false) -> [NftExpression] {
        (sticky ? [.lookup([.sourceAddress], set: set, negated: false)] : [])
            + [.updateSet([.sourceAddress], set: set), .transportProtocol(.tcp), .dnat(endpoint, port: port)]
    }

    /// The IPv6 table: §11's variants for `ip6` and the encodings that differ from IPv4
    /// (16-byte registers, `::1`, `[fd00::5]:80`, ICMPv6 reject).
    static let ipv6: TableFixture = {
        var f = TableFixture(NftTable(family: .ipv6, name: "proxyd"), comment: "rules for proxyd", text: ipv6Text)
        let endpoints = ["fd00:10:180::1", "fd00:10:180::2", "fd00:10:180::5"]
        f.set("endpoint-hairpin", .types([.ipv6Address, .ipv6Address]), endpoints.map { NftElement([address($0), address($0)]) })
        f.set("clusterip-cluster", addressKeyTypes6, comment: "ClusterIPs routed to their cluster endpoints", [
            NftElement([address("fd00:30::41"), tcp, port(80)], comment: "ns1/svc1:p80"),
            NftElement([address("fd00:30::45"), tcp, port(80)], comment: "ns5/svc5:p80"),
        ])
        f.set("firewall-ips", addressKeyTypes6, [NftElement([address("2001:db8::4"), tcp, port(80)], comment: "ns3/svc3:p80")])
        f.set("firewall-allow", .types([.ipv6Address, .transportProtocol, .port, .ipv6Address]), flags: .interval, [
            NftElement([address("2001:db8::4"), tcp, port(80), network("2001:db8:1::/64")]),
            NftElement([address("2001:db8::4"), tcp, port(80), address("2001:db8::4")]),
        ])
        f.set("no-endpoint-reject", addressKeyTypes6, [NftElement([address("fd00:30::44"), udp, port(53)], comment: "ns4/svc4:dns")])
        f.set("no-endpoint-nodeport-reject", portKeyTypes, [NftElement([udp, port(3004)], comment: "ns4/svc4:dns")])
        f.set("endpoints-tcp-2", .typeOf([.destinationAddress, .destinationPort(.tcp), .randomBucket(modulus: 2)]),
              value: .typeOf([.destinationAddress, .destinationPort(.tcp)]), [
                mapping([address("fd00:30::41"), port(80), bucket(0)], [address("fd00:10:180::1"), port(80)]),
                mapping([address("fd00:30::41"), port(80), bucket(1)], [address("fd00:10:180::2"), port(8080)]),
              ])
        f.set("nodeport-endpoints-udp-1", .typeOf([.destinationPort(.udp), .randomBucket(modulus: 1)]),
              value: .typeOf([.destinationAddress, .destinationPort(.udp)]),
              [mapping([port(3005), bucket(0)], [address("fd00:10:180::1"), port(5353)])])
        let affinityChain = "service-HVFWP5L3-ns5/svc5/tcp/p80"
        f.set("affinity-cluster", addressKeyTypes6, value: .types([.verdict]),
              comment: "address frontends with ClientIP affinity: their cluster endpoint chain",
              [NftElement([address("fd00:30::45"), tcp, port(80)], value: .verdict(.goto(affinityChain)))])
        let affinity = ["affinity-QR2OSYWX-ns5/svc5/tcp/p80__fd00.10.180..5/80", "affinity-2F3SBG5N-ns5/svc5/tcp/p80__fd00.10.180..2/80"]
        for name in affinity { f.set(name, .types([.ipv6Address]), flags: [.dynamic, .timeout], timeout: 600) }

        f.chain("filter-prerouting-pre-dnat", filter(.prerouting, -110), [.connectionIsNew, jump("firewall-check")])
        f.chain("filter-output", filter(.output, 0), [.connectionIsNew, jump("service-endpoints-check")])
        f.chain("nat-prerouting", nat(.prerouting, -100), [jump("services")])
        f.chain("nat-postrouting", nat(.postrouting, 100), [jump("masquerading")])
        f.chain("firewall-check", nil, [.lookup(addressKey, set: "firewall-ips", negated: false),
                                        .lookup(addressKey + [.sourceAddress], set: "firewall-allow", negated: true), .verdict(.drop)])
        f.chain("service-endpoints-check", nil, [.connectionIsDNATed, .verdict(.return)],
                [.lookup(addressKey, set: "no-endpoint-reject", negated: false), .reject],
                [.addressIsLocal(.destinationAddress), .lookup(portKey, set: "no-endpoint-nodeport-reject", negated: false), .reject])
        f.chain("services", nil, [.lookup(addressKey, set: "clusterip-cluster", negated: false), goto("cluster-ip")],
                [.addressIsLocal(.destinationAddress), .addressInNetwork(.destinationAddress, cidr("::1/128"), negated: true),
                 goto("nodeports")])
        f.chain("nodeports", nil,
                [.dnatThroughMap([.destinationPort(.udp), .randomBucket(modulus: 1)], map: "nodeport-endpoints-udp-1")])
        f.chain("cluster-ip", nil,
                [.addressInNetwork(.sourceAddress, cidr("fd00:10::/60"), negated: true), jump("mark-for-masquerade")],
                [.addressInNetwork(.sourceAddress, cidr("fd00::/8"), negated: false), goto("select-cluster")],
                [.inputInterface("veth", isPrefix: true, negated: false), goto("select-cluster")], [goto("select-cluster")])
        f.chain("select-cluster", nil, [.verdictMap(addressKey, map: "affinity-cluster")],
                [.dnatThroughMap([.destinationAddress, .destinationPort(.tcp), .randomBucket(modulus: 2)], map: "endpoints-tcp-2")])
        f.chain(affinityChain, nil, affinityRule(affinity[0], ip("fd00:10:180::5"), 80, sticky: true),
                [.randomBucketIsZero(modulus: 2)] + affinityRule(affinity[0], ip("fd00:10:180::5"), 80),
                affinityRule(affinity[1], ip("fd00:10:180::2"), 8080))
        f.chain("mark-for-masquerade", nil, [.setMarkBits(mark)])
        f.chain("masquerading", nil,
                [.connectionIsDNATed, .lookup([.sourceAddress, .destinationAddress], set: "endpoint-hairpin", negated: false),
                 jump("mark-for-masquerade")],
                [.markBitsClear(mark), .verdict(.return)], [.toggleMarkBits(mark)], [.masqueradeFullyRandom])
        return f
    }()

    /// What §11 does not show: interface matches, other prefixes, UDP and SCTP maps, `typeof` sets
    /// of one field, an interval lookup that is not negated, verdict maps with other verdicts.
    static let variants: TableFixture = {
        var f = TableFixture(NftTable(family: .ipv4, name: "proxyd"), text: variantsText)
        f.set("health-check-udp", .types([.port]), [NftElement([port(10256)])])
        f.set("typeof-saddr", .typeOf([.sourceAddress]), [NftElement([address("10.0.0.1")])])
        f.set("typeof-proto", .typeOf([.transportProtocol]), [NftElement([tcp]), NftElement([udp])])
        f.set("typeof-port", .typeOf([.anyDestinationPort]), [NftElement([port(80)])])
        f.set("buckets", .typeOf([.randomBucket(modulus: 4)]), [NftElement([bucket(0)]), NftElement([bucket(3)])])
        f.set("protocols", .types([.transportProtocol]), [NftElement([sctp])])
        f.set("interfaces", .types([.interfaceName]))
        f.set("source-ranges", .types([.ipv4Address, .transportProtocol, .port, .ipv4Address]), flags: .interval, [
            NftElement([address("1.2.3.4"), udp, port(53), network("0.0.0.0/0")]),
            NftElement([address("1.2.3.4"), sctp, port(9), network("10.0.0.0/8")]),
        ])
        f.set("port-to-address", .typeOf([.destinationPort(.tcp)]), value: .typeOf([.destinationAddress]),
              [mapping([port(80)], [address("10.0.0.1")])])
        f.set("protocol-verdicts", .types([.transportProtocol]), value: .types([.verdict]), [
            NftElement([tcp], value: .verdict(.jump("mark-for-masquerade"))),
            NftElement([udp], value: .verdict(.drop)),
            NftElement([sctp], value: .verdict(.return)),
        ])
        func endpointMap(_ name: String, _ transport: TransportProtocol, _ size: Int, nodePort: Bool = false,
                         _ members: [NftElement] = []) {
            f.set(name, .typeOf((nodePort ? [] : [.destinationAddress]) + [.destinationPort(transport), .randomBucket(modulus: size)]),
                  value: .typeOf([.destinationAddress, .destinationPort(transport)]), members)
        }
        endpointMap("endpoints-udp-4", .udp, 4, [mapping([address("172.30.0.44"), port(53), bucket(3)], [address("10.180.0.4"), port(5353)])])
        endpointMap("endpoints-sctp-1", .sctp, 1)
        endpointMap("nodeport-endpoints-sctp-2", .sctp, 2, nodePort: true,
                    [mapping([port(30000), bucket(1)], [address("10.180.0.9"), port(9)])])

        f.chain("mark-for-masquerade", nil, [.setMarkBits(mark)])
        f.chain("nodeports")
        f.chain("select-cluster")
        f.chain("variants", nil,
                [.inputInterface("veth", isPrefix: true, negated: true), jump("mark-for-masquerade")],
                [.inputInterface("veth", isPrefix: true, negated: false), goto("select-cluster")],
                [.inputInterface("cbr0", isPrefix: false, negated: false), goto("select-cluster")],
                [.inputInterface("cbr0", isPrefix: false, negated: true), jump("mark-for-masquerade")],
                [.addressIsLocal(.destinationAddress), .addressInNetwork(.destinationAddress, cidr("127.0.0.0/8"), negated: true),
                 goto("nodeports")],
                [.addressInNetwork(.sourceAddress, cidr("10.1.2.128/25"), negated: false), .verdict(.return)],
                [.addressInNetwork(.sourceAddress, cidr("10.1.2.3/32"), negated: false), .verdict(.return)],
                [.addressInNetwork(.sourceAddress, cidr("0.0.0.0/0"), negated: false), .verdict(.return)],
                [.addressInNetwork(.destinationAddress, cidr("10.1.0.0/16"), negated: false), .verdict(.accept)],
                [.addressInNetwork(.sourceAddress, cidr("10.0.0.0/7"), negated: false), .verdict(.accept)],
                [.lookup([.destinationPort(.udp)], set: "health-check-udp", negated: false), .verdict(.accept)],
                [.lookup([.sourceAddress], set: "typeof-saddr", negated: false),
                 .lookup([.transportProtocol], set: "typeof-proto", negated: false),
                 .lookup([.anyDestinationPort], set: "typeof-port", negated: false), .verdict(.accept)],
                [.lookup([.randomBucket(modulus: 4)], set: "buckets", negated: false), .verdict(.drop)],
                [.lookup([.transportProtocol], set: "protocols", negated: false), .verdict(.drop)],
                [.verdictMap([.transportProtocol], map: "protocol-verdicts")],
                [.lookup(addressKey + [.sourceAddress], set: "source-ranges", negated: false), .verdict(.drop)],
                [.dnatThroughMap([.destinationAddress, .destinationPort(.udp), .randomBucket(modulus: 4)], map: "endpoints-udp-4")],
                [.dnatThroughMap([.destinationAddress, .destinationPort(.sctp), .randomBucket(modulus: 1)], map: "endpoints-sctp-1")],
                [.dnatThroughMap([.destinationPort(.sctp), .randomBucket(modulus: 2)], map: "nodeport-endpoints-sctp-2")],
                [.transportProtocol(.udp), .dnat(ip("10.1.2.3"), port: 53)],
                [.transportProtocol(.sctp), .dnat(ip("10.1.2.3"), port: 9)],
                [.lookup([.destinationPort(.tcp)], set: "port-to-address", negated: false), .verdict(.drop)],
                [.lookup([.inputInterfaceName], set: "interfaces", negated: false), .verdict(.drop)])
        return f
    }()

    /// docs/nftables-layout.md §11, without its `#` lines.
    static let exampleText = """
        table ip proxyd {
        	comment "rules for proxyd"

        	set nodeport-ips {
        		type ipv4_addr
        		comment "addresses that accept NodePort traffic (nodePortAddresses)"
        		elements = { 192.168.0.2 }
        	}

        	set endpoint-hairpin {
        		type ipv4_addr . ipv4_addr
        		comment "E . E for every endpoint IP: a DNAT-ed packet from E to E is hairpin traffic"
        		elements = { 10.180.0.1 . 10.180.0.1, 10.180.0.2 . 10.180.0.2,
        			     10.180.0.3 . 10.180.0.3, 10.180.0.5 . 10.180.0.5,
        			     10.180.1.1 . 10.180.1.1, 10.180.1.2 . 10.180.1.2,
        			     10.180.1.5 . 10.180.1.5, 10.180.2.1 . 10.180.2.1 }
        	}

        	set clusterip-cluster {
        		type ipv4_addr . inet_proto . inet_service
        		comment "ClusterIPs routed to their cluster endpoints"
        		elements = { 172.30.0.41 . tcp . 80 comment "ns1/svc1:p80",
        			     172.30.0.42 . tcp . 80 comment "ns2/svc2:p80",
        			     172.30.0.43 . tcp . 80 comment "ns3/svc3:p80",
        			     172.30.0.45 . tcp . 80 comment "ns5/svc5:p80" }
        	}

        	set clusterip-local {
        		type ipv4_addr . inet_proto . inet_service
        		comment "ClusterIPs with internalTrafficPolicy Local routed to their local endpoints"
        	}

        	set external-cluster {
        		type ipv4_addr . inet_proto . inet_service
        		comment "externalIPs and load-balancer IPs, externalTrafficPolicy Cluster"
        		elements = { 1.2.3.4 . tcp . 80 comment "ns3/svc3:p80" }
        	}

        	set external-local {
        		type ipv4_addr . inet_proto . inet_service
        		comment "externalIPs and load-balancer IPs, externalTrafficPolicy Local"
        		elements = { 192.168.99.22 . tcp . 80 comment "ns2/svc2:p80" }
        	}

        	set nodeport-cluster {
        		type inet_proto . inet_service
        		comment "NodePorts, externalTrafficPolicy Cluster"
        		elements = { tcp . 3003 comment "ns3/svc3:p80" }
        	}

        	set nodeport-local {
        		type inet_proto . inet_service
        		comment "NodePorts, externalTrafficPolicy Local"
        		elements = { tcp . 3001 comment "ns2/svc2:p80" }
        	}

        	set no-endpoint-reject {
        		type ipv4_addr . inet_proto . inet_service
        		comment "frontends of services without any usable endpoint"
        		elements = { 172.30.0.44 . udp . 53 comment "ns4/svc4:dns" }
        	}

        	set no-endpoint-drop {
        		type ipv4_addr . inet_proto . inet_service
        		comment "frontends of Local traffic policies without local endpoints"
        		elements = { 172.30.0.46 . tcp . 80 comment "ns6/svc6:p80" }
        	}

        	set no-endpoint-nodeport-reject {
        		type inet_proto . inet_service
        		comment "NodePorts of services without any usable endpoint"
        		elements = { udp . 3004 comment "ns4/svc4:dns" }
        	}

        	set no-endpoint-nodeport-drop {
        		type inet_proto . inet_service
        		comment "NodePorts with externalTrafficPolicy Local and no local endpoints"
        	}

        	set firewall-ips {
        		type ipv4_addr . inet_proto . inet_service
        		comment "load-balancer frontends guarded by loadBalancerSourceRanges"
        		elements = { 1.2.3.4 . tcp . 80 comment "ns3/svc3:p80" }
        	}

        	set firewall-allow {
        		type ipv4_addr . inet_proto . inet_service . ipv4_addr
        		flags interval
        		comment "allowed sources per guarded load-balancer frontend"
        		elements = { 1.2.3.4 . tcp . 80 . 192.168.0.0/24,
        			     1.2.3.4 . tcp . 80 . 203.0.113.0/25,
        			     1.2.3.4 . tcp . 80 . 1.2.3.4 }
        	}

        	set health-check-nodeports {
        		type inet_service
        		comment "healthCheckNodePorts (served by proxyd itself)"
        	}

        	map endpoints-tcp-1 {
        		typeof ip daddr . tcp dport . numgen random mod 1 : ip daddr . tcp dport
        		elements = { 1.2.3.4 . 80 . 0 : 10.180.0.3 . 80,
        			     172.30.0.43 . 80 . 0 : 10.180.0.3 . 80 }
        	}

        	map endpoints-tcp-2 {
        		typeof ip daddr . tcp dport . numgen random mod 2 : ip daddr . tcp dport
        		elements = { 172.30.0.42 . 80 . 0 : 10.180.0.2 . 8080,
        			     172.30.0.42 . 80 . 1 : 10.180.1.2 . 8080,
        			     192.168.99.22 . 80 . 0 : 10.180.0.2 . 8080,
        			     192.168.99.22 . 80 . 1 : 10.180.1.2 . 8080 }
        	}

        	map endpoints-tcp-3 {
        		typeof ip daddr . tcp dport . numgen random mod 3 : ip daddr . tcp dport
        		elements = { 172.30.0.41 . 80 . 0 : 10.180.0.1 . 80,
        			     172.30.0.41 . 80 . 1 : 10.180.1.1 . 80,
        			     172.30.0.41 . 80 . 2 : 10.180.2.1 . 80 }
        	}

        	map local-endpoints-tcp-1 {
        		typeof ip daddr . tcp dport . numgen random mod 1 : ip daddr . tcp dport
        		elements = { 192.168.99.22 . 80 . 0 : 10.180.0.2 . 8080 }
        	}

        	map nodeport-endpoints-tcp-1 {
        		typeof tcp dport . numgen random mod 1 : ip daddr . tcp dport
        		elements = { 3003 . 0 : 10.180.0.3 . 80 }
        	}

        	map nodeport-endpoints-tcp-2 {
        		typeof tcp dport . numgen random mod 2 : ip daddr . tcp dport
        		elements = { 3001 . 0 : 10.180.0.2 . 8080,
        			     3001 . 1 : 10.180.1.2 . 8080 }
        	}

        	map nodeport-local-endpoints-tcp-1 {
        		typeof tcp dport . numgen random mod 1 : ip daddr . tcp dport
        		elements = { 3001 . 0 : 10.180.0.2 . 8080 }
        	}

        	map affinity-cluster {
        		type ipv4_addr . inet_proto . inet_service : verdict
        		comment "address frontends with ClientIP affinity: their cluster endpoint chain"
        		elements = { 172.30.0.45 . tcp . 80 : goto service-HVFWP5L3-ns5/svc5/tcp/p80 }
        	}

        	map affinity-local {
        		type ipv4_addr . inet_proto . inet_service : verdict
        		comment "address frontends with ClientIP affinity: their local endpoint chain"
        	}

        	map affinity-nodeport-cluster {
        		type inet_proto . inet_service : verdict
        		comment "NodePorts with ClientIP affinity: their cluster endpoint chain"
        	}

        	map affinity-nodeport-local {
        		type inet_proto . inet_service : verdict
        		comment "NodePorts with ClientIP affinity: their local endpoint chain"
        	}

        	set affinity-QR2OSYWX-ns5/svc5/tcp/p80__10.180.0.5/80 {
        		type ipv4_addr
        		flags dynamic,timeout
        		timeout 3h
        	}

        	set affinity-2F3SBG5N-ns5/svc5/tcp/p80__10.180.1.5/80 {
        		type ipv4_addr
        		flags dynamic,timeout
        		timeout 3h
        	}

        	chain filter-prerouting-pre-dnat {
        		type filter hook prerouting priority dstnat - 10; policy accept;
        		ct state new jump firewall-check
        	}

        	chain filter-output-pre-dnat {
        		type filter hook output priority -110; policy accept;
        		ct state new jump firewall-check
        	}

        	chain filter-forward {
        		type filter hook forward priority filter; policy accept;
        		ct state new jump service-endpoints-check
        	}

        	chain filter-input {
        		type filter hook input priority filter; policy accept;
        		ct state new jump service-endpoints-check
        		ct state new jump nodeport-endpoints-check
        		tcp dport @health-check-nodeports accept
        	}

        	chain filter-output {
        		type filter hook output priority filter; policy accept;
        		ct state new jump service-endpoints-check
        	}

        	chain nat-prerouting {
        		type nat hook prerouting priority dstnat; policy accept;
        		jump services
        	}

        	chain nat-output {
        		type nat hook output priority -100; policy accept;
        		jump services
        	}

        	chain nat-postrouting {
        		type nat hook postrouting priority srcnat; policy accept;
        		jump masquerading
        	}

        	chain firewall-check {
        		ip daddr . meta l4proto . th dport @firewall-ips ip daddr . meta l4proto . th dport . ip saddr != @firewall-allow drop
        	}

        	chain service-endpoints-check {
        		ct status dnat return
        		ip daddr . meta l4proto . th dport @no-endpoint-reject reject
        		ip daddr . meta l4proto . th dport @no-endpoint-drop drop
        	}

        	chain nodeport-endpoints-check {
        		ct status dnat return
        		fib daddr type local meta l4proto . th dport @no-endpoint-nodeport-reject reject
        		fib daddr type local meta l4proto . th dport @no-endpoint-nodeport-drop drop
        	}

        	chain services {
        		ip daddr . meta l4proto . th dport @clusterip-cluster goto cluster-ip
        		ip daddr . meta l4proto . th dport @clusterip-local goto cluster-ip-local
        		ip daddr . meta l4proto . th dport @external-cluster goto external-cluster
        		ip daddr . meta l4proto . th dport @external-local goto external-local
        		ip daddr @nodeport-ips goto nodeports
        	}

        	chain nodeports {
        		meta l4proto . th dport @nodeport-cluster goto nodeport-cluster
        		meta l4proto . th dport @nodeport-local goto nodeport-local
        	}

        	chain cluster-ip {
        		ip saddr != 10.0.0.0/8 jump mark-for-masquerade
        		goto select-cluster
        	}

        	chain cluster-ip-local {
        		ip saddr != 10.0.0.0/8 jump mark-for-masquerade
        		goto select-local
        	}

        	chain external-cluster {
        		jump mark-for-masquerade
        		goto select-cluster
        	}

        	chain external-local {
        		ip saddr 10.0.0.0/8 goto select-cluster
        		fib saddr type local jump mark-for-masquerade
        		fib saddr type local goto select-cluster
        		goto select-local
        	}

        	chain nodeport-cluster {
        		jump mark-for-masquerade
        		goto select-nodeport-cluster
        	}

        	chain nodeport-local {
        		ip saddr 10.0.0.0/8 goto select-nodeport-cluster
        		fib saddr type local jump mark-for-masquerade
        		fib saddr type local goto select-nodeport-cluster
        		goto select-nodeport-local
        	}

        	chain select-cluster {
        		ip daddr . meta l4proto . th dport vmap @affinity-cluster
        		dnat ip to ip daddr . tcp dport . numgen random mod 1 map @endpoints-tcp-1
        		dnat ip to ip daddr . tcp dport . numgen random mod 2 map @endpoints-tcp-2
        		dnat ip to ip daddr . tcp dport . numgen random mod 3 map @endpoints-tcp-3
        	}

        	chain select-local {
        		ip daddr . meta l4proto . th dport vmap @affinity-local
        		dnat ip to ip daddr . tcp dport . numgen random mod 1 map @local-endpoints-tcp-1
        	}

        	chain select-nodeport-cluster {
        		meta l4proto . th dport vmap @affinity-nodeport-cluster
        		dnat ip to tcp dport . numgen random mod 1 map @nodeport-endpoints-tcp-1
        		dnat ip to tcp dport . numgen random mod 2 map @nodeport-endpoints-tcp-2
        	}

        	chain select-nodeport-local {
        		meta l4proto . th dport vmap @affinity-nodeport-local
        		dnat ip to tcp dport . numgen random mod 1 map @nodeport-local-endpoints-tcp-1
        	}

        	chain service-HVFWP5L3-ns5/svc5/tcp/p80 {
        		ip saddr @affinity-QR2OSYWX-ns5/svc5/tcp/p80__10.180.0.5/80 update @affinity-QR2OSYWX-ns5/svc5/tcp/p80__10.180.0.5/80 { ip saddr } meta l4proto tcp dnat to 10.180.0.5:80
        		ip saddr @affinity-2F3SBG5N-ns5/svc5/tcp/p80__10.180.1.5/80 update @affinity-2F3SBG5N-ns5/svc5/tcp/p80__10.180.1.5/80 { ip saddr } meta l4proto tcp dnat to 10.180.1.5:80
        		numgen random mod 2 0 update @affinity-QR2OSYWX-ns5/svc5/tcp/p80__10.180.0.5/80 { ip saddr } meta l4proto tcp dnat to 10.180.0.5:80
        		update @affinity-2F3SBG5N-ns5/svc5/tcp/p80__10.180.1.5/80 { ip saddr } meta l4proto tcp dnat to 10.180.1.5:80
        	}

        	chain mark-for-masquerade {
        		meta mark set meta mark | 0x00004000
        	}

        	chain masquerading {
        		ct status dnat ip saddr . ip daddr @endpoint-hairpin jump mark-for-masquerade
        		meta mark & 0x00004000 == 0x00000000 return
        		meta mark set meta mark ^ 0x00004000
        		masquerade fully-random
        	}
        }
        """

    /// The IPv6 table as nft text.
    static let ipv6Text = """
        table ip6 proxyd {
        	comment "rules for proxyd"

        	set endpoint-hairpin {
        		type ipv6_addr . ipv6_addr
        		elements = { fd00:10:180::1 . fd00:10:180::1, fd00:10:180::2 . fd00:10:180::2, fd00:10:180::5 . fd00:10:180::5 }
        	}

        	set clusterip-cluster {
        		type ipv6_addr . inet_proto . inet_service
        		comment "ClusterIPs routed to their cluster endpoints"
        		elements = { fd00:30::41 . tcp . 80 comment "ns1/svc1:p80", fd00:30::45 . tcp . 80 comment "ns5/svc5:p80" }
        	}

        	set firewall-ips {
        		type ipv6_addr . inet_proto . inet_service
        		elements = { 2001:db8::4 . tcp . 80 comment "ns3/svc3:p80" }
        	}

        	set firewall-allow {
        		type ipv6_addr . inet_proto . inet_service . ipv6_addr
        		flags interval
        		elements = { 2001:db8::4 . tcp . 80 . 2001:db8:1::/64, 2001:db8::4 . tcp . 80 . 2001:db8::4 }
        	}

        	set no-endpoint-reject {
        		type ipv6_addr . inet_proto . inet_service
        		elements = { fd00:30::44 . udp . 53 comment "ns4/svc4:dns" }
        	}

        	set no-endpoint-nodeport-reject {
        		type inet_proto . inet_service
        		elements = { udp . 3004 comment "ns4/svc4:dns" }
        	}

        	map endpoints-tcp-2 {
        		typeof ip6 daddr . tcp dport . numgen random mod 2 : ip6 daddr . tcp dport
        		elements = { fd00:30::41 . 80 . 0 : fd00:10:180::1 . 80, fd00:30::41 . 80 . 1 : fd00:10:180::2 . 8080 }
        	}

        	map nodeport-endpoints-udp-1 {
        		typeof udp dport . numgen random mod 1 : ip6 daddr . udp dport
        		elements = { 3005 . 0 : fd00:10:180::1 . 5353 }
        	}

        	map affinity-cluster {
        		type ipv6_addr . inet_proto . inet_service : verdict
        		comment "address frontends with ClientIP affinity: their cluster endpoint chain"
        		elements = { fd00:30::45 . tcp . 80 : goto service-HVFWP5L3-ns5/svc5/tcp/p80 }
        	}

        	set affinity-QR2OSYWX-ns5/svc5/tcp/p80__fd00.10.180..5/80 {
        		type ipv6_addr
        		flags dynamic,timeout
        		timeout 10m
        	}

        	set affinity-2F3SBG5N-ns5/svc5/tcp/p80__fd00.10.180..2/80 {
        		type ipv6_addr
        		flags dynamic,timeout
        		timeout 10m
        	}

        	chain filter-prerouting-pre-dnat {
        		type filter hook prerouting priority dstnat - 10; policy accept;
        		ct state new jump firewall-check
        	}

        	chain filter-output {
        		type filter hook output priority filter; policy accept;
        		ct state new jump service-endpoints-check
        	}

        	chain nat-prerouting {
        		type nat hook prerouting priority dstnat; policy accept;
        		jump services
        	}

        	chain nat-postrouting {
        		type nat hook postrouting priority srcnat; policy accept;
        		jump masquerading
        	}

        	chain firewall-check {
        		ip6 daddr . meta l4proto . th dport @firewall-ips ip6 daddr . meta l4proto . th dport . ip6 saddr != @firewall-allow drop
        	}

        	chain service-endpoints-check {
        		ct status dnat return
        		ip6 daddr . meta l4proto . th dport @no-endpoint-reject reject
        		fib daddr type local meta l4proto . th dport @no-endpoint-nodeport-reject reject
        	}

        	chain services {
        		ip6 daddr . meta l4proto . th dport @clusterip-cluster goto cluster-ip
        		fib daddr type local ip6 daddr != ::1 goto nodeports
        	}

        	chain nodeports {
        		dnat ip6 to udp dport . numgen random mod 1 map @nodeport-endpoints-udp-1
        	}

        	chain cluster-ip {
        		ip6 saddr != fd00:10::/60 jump mark-for-masquerade
        		ip6 saddr fd00::/8 goto select-cluster
        		iifname "veth*" goto select-cluster
        		goto select-cluster
        	}

        	chain select-cluster {
        		ip6 daddr . meta l4proto . th dport vmap @affinity-cluster
        		dnat ip6 to ip6 daddr . tcp dport . numgen random mod 2 map @endpoints-tcp-2
        	}

        	chain service-HVFWP5L3-ns5/svc5/tcp/p80 {
        		ip6 saddr @affinity-QR2OSYWX-ns5/svc5/tcp/p80__fd00.10.180..5/80 update @affinity-QR2OSYWX-ns5/svc5/tcp/p80__fd00.10.180..5/80 { ip6 saddr } meta l4proto tcp dnat to [fd00:10:180::5]:80
        		numgen random mod 2 0 update @affinity-QR2OSYWX-ns5/svc5/tcp/p80__fd00.10.180..5/80 { ip6 saddr } meta l4proto tcp dnat to [fd00:10:180::5]:80
        		update @affinity-2F3SBG5N-ns5/svc5/tcp/p80__fd00.10.180..2/80 { ip6 saddr } meta l4proto tcp dnat to [fd00:10:180::2]:8080
        	}

        	chain mark-for-masquerade {
        		meta mark set meta mark | 0x00004000
        	}

        	chain masquerading {
        		ct status dnat ip6 saddr . ip6 daddr @endpoint-hairpin jump mark-for-masquerade
        		meta mark & 0x00004000 == 0x00000000 return
        		meta mark set meta mark ^ 0x00004000
        		masquerade fully-random
        	}
        }
        """

    /// The variants as nft text.
    static let variantsText = """
        table ip proxyd {
        	set health-check-udp {
        		type inet_service
        		elements = { 10256 }
        	}

        	set typeof-saddr {
        		typeof ip saddr
        		elements = { 10.0.0.1 }
        	}

        	set typeof-proto {
        		typeof meta l4proto
        		elements = { tcp, udp }
        	}

        	set typeof-port {
        		typeof th dport
        		elements = { 80 }
        	}

        	set buckets {
        		typeof numgen random mod 4
        		elements = { 0, 3 }
        	}

        	set protocols {
        		type inet_proto
        		elements = { sctp }
        	}

        	set interfaces {
        		type ifname
        	}

        	set source-ranges {
        		type ipv4_addr . inet_proto . inet_service . ipv4_addr
        		flags interval
        		elements = { 1.2.3.4 . udp . 53 . 0.0.0.0/0, 1.2.3.4 . sctp . 9 . 10.0.0.0/8 }
        	}

        	map port-to-address {
        		typeof tcp dport : ip daddr
        		elements = { 80 : 10.0.0.1 }
        	}

        	map protocol-verdicts {
        		type inet_proto : verdict
        		elements = { tcp : jump mark-for-masquerade, udp : drop, sctp : return }
        	}

        	map endpoints-udp-4 {
        		typeof ip daddr . udp dport . numgen random mod 4 : ip daddr . udp dport
        		elements = { 172.30.0.44 . 53 . 3 : 10.180.0.4 . 5353 }
        	}

        	map endpoints-sctp-1 {
        		typeof ip daddr . sctp dport . numgen random mod 1 : ip daddr . sctp dport
        	}

        	map nodeport-endpoints-sctp-2 {
        		typeof sctp dport . numgen random mod 2 : ip daddr . sctp dport
        		elements = { 30000 . 1 : 10.180.0.9 . 9 }
        	}

        	chain mark-for-masquerade {
        		meta mark set meta mark | 0x00004000
        	}

        	chain nodeports {
        	}

        	chain select-cluster {
        	}

        	chain variants {
        		iifname != "veth*" jump mark-for-masquerade
        		iifname "veth*" goto select-cluster
        		iifname "cbr0" goto select-cluster
        		iifname != "cbr0" jump mark-for-masquerade
        		fib daddr type local ip daddr != 127.0.0.0/8 goto nodeports
        		ip saddr 10.1.2.128/25 return
        		ip saddr 10.1.2.3 return
        		ip saddr 0.0.0.0/0 return
        		ip daddr 10.1.0.0/16 accept
        		ip saddr 10.0.0.0/7 accept
        		udp dport @health-check-udp accept
        		ip saddr @typeof-saddr meta l4proto @typeof-proto th dport @typeof-port accept
        		numgen random mod 4 @buckets drop
        		meta l4proto @protocols drop
        		meta l4proto vmap @protocol-verdicts
        		ip daddr . meta l4proto . th dport . ip saddr @source-ranges drop
        		dnat ip to ip daddr . udp dport . numgen random mod 4 map @endpoints-udp-4
        		dnat ip to ip daddr . sctp dport . numgen random mod 1 map @endpoints-sctp-1
        		dnat ip to sctp dport . numgen random mod 2 map @nodeport-endpoints-sctp-2
        		meta l4proto udp dnat to 10.1.2.3:53
        		meta l4proto sctp dnat to 10.1.2.3:9
        		tcp dport @port-to-address drop
        		iifname @interfaces drop
        	}
        }
        """
}
