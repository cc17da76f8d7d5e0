import Foundation
import IptablesBackend
import NftablesBackend
import ProxyCore

/// Builds the per-family syncs of a mode, for `--once` and for the daemon.
enum BackendFactory {
    /// One sync per IP family the node can program: IPv4, and IPv6 when the kernel (and, in
    /// iptables mode, the iptables variant) support it. The iptables variant is detected only in
    /// iptables mode.
    static func syncs(mode: ProxyMode, options: ProxyOptions, variant choice: Proxyd.VariantChoice, masqueradeBit: Int = 14)
        throws -> [any GraphSyncing]
    {
        switch mode {
        case .iptables: break
        case .nftables:
            return try nftablesFamilies().map { family in
                GraphSync(backend: try nftablesProxier(family: family, masqueradeBit: masqueradeBit), options: options)
            }
        case .ipvs:
            throw Failure("mode ipvs cannot program the kernel yet; use iptables or nftables")
        }
        let variant = variant(choice)
        let settings = IptablesSettings(masqueradeBit: masqueradeBit, dropInvalid: !conntrackIsLiberal)
        return families(variant).map { family in
            GraphSync(backend: IptablesProxier(family: family, variant: variant, settings: settings), options: options)
        }
    }

    /// IPv4, and IPv6 when the kernel has IPv6 and nf_tables answers for it.
    private static func nftablesFamilies() throws -> [IPFamily] {
        guard FileManager.default.fileExists(atPath: "/proc/net/if_inet6") else { return [.ipv4] }
        do {
            _ = try NftNetlink().tableHandle(of: NftTable(family: .ipv6, name: NftablesNames.table))  // nil: absent, fine
            return [.ipv4, .ipv6]
        } catch {
            return [.ipv4]
        }
    }

    /// The nftables backend of one family, programming this network namespace over netlink.
    static func nftablesProxier(family: IPFamily, masqueradeBit: Int = 14) throws -> NftablesProxier {
        NftablesProxier(family: family, renderer: NftablesRenderer(masqueradeBit: masqueradeBit),
                        connection: try NftNetlink())
    }

    /// The variant to use: detected as kube-proxy's image does, or the one asked for.
    static func variant(_ choice: Proxyd.VariantChoice) -> IptablesVariant {
        switch choice {
        case .auto: IptablesVariant.detect()
        case .nft: .nft
        case .legacy: .legacy
        }
    }

    private static func families(_ variant: IptablesVariant) -> [IPFamily] {
        let ipv6 = FileManager.default.fileExists(atPath: "/proc/net/if_inet6")
            && CommandRunner.current.succeeds([variant.saveCommand(ipv6: true), "-t", "nat"])
        return ipv6 ? [.ipv4, .ipv6] : [.ipv4]
    }

    /// `net.netfilter.nf_conntrack_tcp_be_liberal` is set: upstream then keeps INVALID packets.
    private static var conntrackIsLiberal: Bool {
        let text = (try? String(contentsOfFile: "/proc/sys/net/netfilter/nf_conntrack_tcp_be_liberal", encoding: .utf8)) ?? "0"
        return text.trimmingCharacters(in: .whitespacesAndNewlines) != "0"
    }
}
