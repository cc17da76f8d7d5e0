/// The iptables-specific knobs of kube-proxy's configuration and of the node's iptables.
public struct IptablesSettings: Hashable, Sendable {
    /// The bit of the packet mark that asks for masquerade (`iptables.masqueradeBit`, default 14).
    public var masqueradeBit: Int
    /// How the mark is printed. Real kube-proxy prints Go's `%#08x` (`0x00004000`); upstream's unit
    /// tests use `0x4000`.
    public var markDigits: Int
    /// `MASQUERADE --random-fully` (iptables 1.6.2 or newer).
    public var randomFully: Bool
    /// Drop packets in conntrack state INVALID in KUBE-FORWARD (off when `nf_conntrack_tcp_be_liberal` is set).
    public var dropInvalid: Bool
    /// Count with nfacct objects `ct_state_invalid_dropped_pkts` and `localhost_nps_accepted_pkts`
    /// (only when those objects exist on the node).
    public var nfacct: Bool
    /// Above this many endpoints in total, per-endpoint comments are left out (upstream: 1000).
    public var largeClusterEndpointThreshold: Int

    public init(masqueradeBit: Int = 14, markDigits: Int = 8, randomFully: Bool = true, dropInvalid: Bool = true,
                nfacct: Bool = false, largeClusterEndpointThreshold: Int = 1000) {
        self.masqueradeBit = masqueradeBit
        self.markDigits = markDigits
        self.randomFully = randomFully
        self.dropInvalid = dropInvalid
        self.nfacct = nfacct
        self.largeClusterEndpointThreshold = largeClusterEndpointThreshold
    }

    /// The masquerade mark as printed in rules (`0x00004000`).
    public var mark: String {
        let hex = String(1 << masqueradeBit, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, markDigits - hex.count)) + hex
    }
}
