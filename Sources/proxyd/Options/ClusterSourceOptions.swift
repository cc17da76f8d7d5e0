import ArgumentParser
import Foundation
import ProxyCore

/// Where the cluster objects come from and how this node is configured: the options `trace` and
/// `render` share. Flag names follow kube-proxy's where kube-proxy has the setting.
struct ClusterSourceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A manifest file or directory (YAML or JSON; multi-document and `kind: List` both work) with "
            + "Services, EndpointSlices and Nodes.", valueName: "path"))
    var source: String?

    @Option(name: .long, help: ArgumentHelp(
        "The name of this node: endpoints with this nodeName are local. Default: the host name.", valueName: "node"))
    var hostnameOverride: String?

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "The pod CIDR of the cluster (repeatable, or comma-separated for dual-stack). Traffic from it is "
            + "local pod traffic; without it there is no local-traffic detector.", valueName: "cidr"))
    var clusterCIDR: [String] = []

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "An IP of this node (repeatable). Default: the Node object's InternalIP and ExternalIP addresses.",
        valueName: "ip"))
    var nodeIP: [String] = []

    @Flag(name: .long, help: "Masquerade all traffic sent to ClusterIPs.")
    var masqueradeAll = false

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
        "Addresses that accept NodePort traffic: CIDRs (repeatable or comma-separated) or `primary`. "
            + "Default: every local address (nftables mode: the primary node IPs).", valueName: "cidr"))
    var nodeportAddresses: [String] = []

    @Option(name: .long, help: ArgumentHelp(
        "Whether NodePorts answer on 127.0.0.1 (IPv4 only). Default: true.", valueName: "true|false"))
    var iptablesLocalhostNodeports: Bool?

    /// The proxy options these flags describe, as a mode applies them: nftables mode defaults
    /// NodePorts to the primary node IPs and, like ipvs, never answers NodePorts on localhost.
    func proxyOptions(mode: ProxyMode) throws -> ProxyOptions {
        let cidrs = try Self.split(clusterCIDR).map { text in
            guard let cidr = CIDR(text) else { throw ValidationError("--cluster-cidr: \"\(text)\" is not a valid CIDR") }
            return cidr
        }
        let ips = try nodeIPs()
        var nodePortAddresses: ProxyOptions.NodePortAddressSelection = mode == .nftables ? .primary : .all
        let nodePortValues = Self.split(nodeportAddresses)
        if nodePortValues == ["primary"] {
            nodePortAddresses = .primary
        } else if !nodePortValues.isEmpty {
            nodePortAddresses = .cidrs(try nodePortValues.map { text in
                guard let cidr = CIDR(text) else {
                    throw ValidationError("--nodeport-addresses: \"\(text)\" is not a valid CIDR or `primary`")
                }
                return cidr
            })
        }
        return ProxyOptions(
            nodeName: nodeName, nodeIPs: ips, clusterCIDRs: cidrs, masqueradeAll: masqueradeAll,
            localhostNodePorts: iptablesLocalhostNodeports ?? true, nodePortAddresses: nodePortAddresses
        ).adjusted(for: mode)
    }

    /// `--hostname-override`, or the host name in lower case as kube-proxy defaults it.
    var nodeName: String {
        hostnameOverride ?? ProcessInfo.processInfo.hostName.lowercased()
    }

    /// `--source`, which the command needs.
    func requiredSource() throws -> String {
        guard let source else { throw ValidationError("--source is required: a manifest file or directory") }
        return source
    }

    /// Writes the flags that were given over a configuration file's values (flags win, as in kube-proxy).
    func override(_ config: inout KubeProxyConfiguration) {
        if let hostnameOverride { config.hostnameOverride = hostnameOverride }
        if !clusterCIDR.isEmpty { config.clusterCIDR = Self.split(clusterCIDR).joined(separator: ",") }
        if masqueradeAll {
            config.iptables.masqueradeAll = true
            config.nftables.masqueradeAll = true
        }
        if !nodeportAddresses.isEmpty { config.nodePortAddresses = Self.split(nodeportAddresses) }
        if let iptablesLocalhostNodeports { config.iptables.localhostNodePorts = iptablesLocalhostNodeports }
    }

    /// `--node-ip`, parsed.
    func nodeIPs() throws -> [IPAddress] {
        try Self.split(nodeIP).map { text in
            guard let ip = IPAddress(text) else { throw ValidationError("--node-ip: \"\(text)\" is not a valid IP address") }
            return ip
        }
    }

    private static func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }.map { String($0).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
