import Testing
@testable import ProxyCore

@Suite struct IPAddressTests {
    @Test(arguments: [
        ("10.180.0.1", "10.180.0.1"), ("10.180.00.001", "10.180.0.1"), ("0.0.0.0", "0.0.0.0"),
        ("255.255.255.255", "255.255.255.255"), ("fd00::1", "fd00::1"), ("FD00:0:0:0:0:0:0:1", "fd00::1"),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"), ("::", "::"), ("::1", "::1"),
        ("1:0:0:2:0:0:0:3", "1:0:0:2::3"), ("::ffff:1.2.3.4", "1.2.3.4"), ("64:ff9b::192.0.2.33", "64:ff9b::c000:221"),
    ])
    func parsesAndPrintsCanonically(input: String, expected: String) throws {
        let address = try #require(IPAddress(input))
        #expect(address.description == expected)
    }

    @Test(arguments: ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.-4", "abc", "1::2::3", "12345::1", "1:2:3:4:5:6:7:8:9",
                      "1.2.3.4/32", " 1.2.3.4", "fd00::1%eth0", "1:2:3:4:5:6:7::8"])
    func rejectsInvalidText(input: String) {
        #expect(IPAddress(input) == nil)
    }

    @Test func familiesAndLoopback() throws {
        #expect(try #require(IPAddress("127.0.0.53")).isLoopback)
        #expect(try #require(IPAddress("::1")).isLoopback)
        #expect(try #require(IPAddress("10.0.0.1")).family == .ipv4)
        #expect(try #require(IPAddress("fd00::1")).family == .ipv6)
        #expect(try #require(IPAddress("fd00::1")).joined(port: 80) == "[fd00::1]:80")
    }

    @Test func cidrContainsAndPrintsTheNetwork() throws {
        let cidr = try #require(CIDR("10.244.1.7/16"))
        #expect(cidr.description == "10.244.0.0/16")
        #expect(cidr.contains(try #require(IPAddress("10.244.255.1"))))
        #expect(!cidr.contains(try #require(IPAddress("10.245.0.1"))))
        #expect(!cidr.contains(try #require(IPAddress("fd00::1"))))
        let v6 = try #require(CIDR("fd00:10:244::/48"))
        #expect(v6.contains(try #require(IPAddress("fd00:10:244:1::5"))))
        #expect(!v6.contains(try #require(IPAddress("fd00:10:245::5"))))
        #expect(try #require(CIDR("0.0.0.0/0")).contains(try #require(IPAddress("8.8.8.8"))))
        #expect(CIDR("10.0.0.0/33") == nil)
        #expect(CIDR("10.0.0.0") == nil)
        #expect(CIDR("10.0.0.0/x") == nil)
    }

    @Test func hostPortParsing() throws {
        let plain = try #require(HostPort("10.96.0.50:80"))
        #expect(plain.transport == .tcp && plain.port == 80)
        let udp = try #require(HostPort("10.96.0.10:53/udp"))
        #expect(udp.transport == .udp)
        let v6 = try #require(HostPort("[fd00::10]:53/SCTP"))
        #expect(v6.address.family == .ipv6 && v6.transport == .sctp)
        #expect(HostPort("10.96.0.50") == nil)
        #expect(HostPort("10.96.0.50:0") == nil)
        #expect(HostPort("10.96.0.50:70000") == nil)
        #expect(HostPort("10.96.0.50:80/icmp") == nil)
        #expect(HostPort("fd00::10:53") == nil)
    }
}
