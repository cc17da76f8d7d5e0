import Foundation
import ProxyCore

/// The test network of one scenario, built from network namespaces that all carry a unique prefix.
///
/// ```
///            outside (external clients, default route via this node)
///               │
///   lan: bridge br0 + a dead-end router (198.51.100.254, fd00:198:51::fe)
///        │                                   │
///   node (this node: the backend programs it) other-node (198.51.100.2, fd00:198:51::2)
///     ├─ pod namespaces (local endpoints,      ├─ pod namespaces (remote endpoints)
///     │  client pods)                         
/// ```
/// Pods are routed, not bridged (as with the ptp CNI plugin or Calico): each has a veth pair to its
/// node, its address as a host route on the node, and a default route to a link-local gateway on
/// the node side. Nodes reach each other's pods through the lan. Every endpoint pod runs the
/// conformance agent, answering on its ports with its address, port and the client address it saw.
public final class KernelTopology {
    /// The namespace the backend programs.
    public let node: NetworkNamespace
    public let otherNode: NetworkNamespace
    public let lan: NetworkNamespace
    public let outside: NetworkNamespace
    /// Namespaces of pods (endpoints and client pods) by address.
    public private(set) var pods: [IPAddress: NetworkNamespace] = [:]
    /// This node's IPs (every family the scenario uses).
    public let nodeIPs: [IPAddress]
    let agent: String
    private let prefix: String
    private var created: [NetworkNamespace] = []
    private var servers: [Process] = []
    private var lanPorts = 0
    private var podVeths: [NetworkNamespace: Int] = [:]
    private var lanAddresses: [(IPAddress, NetworkNamespace)] = []
    private var localPods: Set<IPAddress> = []
    private var outsideAddresses: Set<IPAddress> = []

    static let otherNodeIPs = [IPAddress("198.51.100.2")!, IPAddress("fd00:198:51::2")!]
    static let routerIPs = [IPAddress("198.51.100.254")!, IPAddress("fd00:198:51::fe")!]
    static let gatewayV4 = "169.254.1.1"
    static let gatewayV6 = "fe80::1"
    /// A global address on the node side of every pod link: the source masquerade picks there
    /// (a link-local one is never picked, and the node's lan address would hide the masquerade).
    static let nodeSideV6 = "fd00:a9fe::1"

    /// Builds the topology of a scenario and starts its endpoint pods.
    /// - Parameters:
    ///   - scenario: the scenario: its endpoints become pods, its node settings shape this node.
    ///   - agent: the path of the `proxyd-conformance-agent` executable.
    ///   - prefix: the unique prefix of every namespace name.
    /// - Throws: when a namespace or link cannot be created; everything created so far is deleted.
    public init(scenario: Scenario, agent: String, prefix: String) throws {
        self.agent = agent
        self.prefix = prefix
        var nodeIPs: [IPAddress] = []
        let state = try scenario.clusterState()
        for family in IPFamily.allCases {
            nodeIPs += NodeContext(options: scenario.options, family: family, node: state.nodes[scenario.options.nodeName])
                .nodeIPs.filter { !$0.isLoopback }
        }
        self.nodeIPs = nodeIPs
        lan = NetworkNamespace(name: prefix + "lan")
        node = NetworkNamespace(name: prefix + "node")
        otherNode = NetworkNamespace(name: prefix + "node2")
        outside = NetworkNamespace(name: prefix + "out")
        do {
            try build(scenario: scenario, state: state)
        } catch {
            tearDown()
            throw error
        }
    }

    /// Stops every agent and deletes every namespace. Safe to call more than once.
    public func tearDown() {
        for server in servers where server.isRunning { server.terminate() }
        servers.removeAll()
        for namespace in created.reversed() { namespace.destroy() }
        created.removeAll()
    }

    deinit { tearDown() }

    // MARK: - Building

    private func make(_ namespace: NetworkNamespace) throws {
        _ = try NetworkNamespace.create(namespace.name)
        created.append(namespace)
    }

    private func build(scenario: Scenario, state: ClusterState) throws {
        for namespace in [lan, node, otherNode, outside] { try make(namespace) }
        try lan.ip("link", "add", "br0", "type", "bridge")
        try lan.ip("link", "set", "br0", "up")
        for router in Self.routerIPs { try addAddress(router, to: lan, device: "br0") }
        for namespace in [node, otherNode] {
            try namespace.sysctl("net.ipv4.ip_forward", "1")
            try namespace.sysctl("net.ipv6.conf.all.forwarding", "1")
            // Every REJECT must answer at once; the default per-host ICMP rate limit drops replies.
            try namespace.sysctl("net.ipv4.icmp_ratelimit", "0")
            try namespace.sysctl("net.ipv6.icmp.ratelimit", "0")
        }
        try attachToLan(node, addresses: nodeIPs)
        try attachToLan(otherNode, addresses: Self.otherNodeIPs)
        try attachToLan(outside, addresses: [])
        for router in Self.routerIPs {
            lanAddresses.append((router, lan))
            for namespace in [node, otherNode] {
                try namespace.ip(router.family == .ipv4 ? "-4" : "-6", "route", "add", "default", "via", "\(router)",
                                 "dev", "eth0", "onlink")
            }
        }
        for family in IPFamily.allCases {
            guard let nodeIP = nodeIPs.first(where: { $0.family == family }) else { continue }
            try outside.ip(family == .ipv4 ? "-4" : "-6", "route", "add", "default", "via", "\(nodeIP)", "dev", "eth0",
                           "onlink")
        }
        try startEndpointPods(scenario: scenario, state: state)
    }

    /// Connects a host to the lan bridge and gives it addresses; every lan host learns a host route
    /// to every other lan address.
    private func attachToLan(_ host: NetworkNamespace, addresses: [IPAddress]) throws {
        lanPorts += 1
        let port = "p\(lanPorts)"
        try lan.ip("link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", host.name)
        try lan.ip("link", "set", port, "master", "br0", "up")
        try host.ip("link", "set", "eth0", "up")
        for address in addresses { try addLanAddress(address, to: host) }
    }

    /// Adds an address on a lan host's eth0, with host routes both ways to every other lan host.
    func addLanAddress(_ address: IPAddress, to host: NetworkNamespace) throws {
        try addAddress(address, to: host, device: "eth0")
        for (other, otherHost) in lanAddresses where other.family == address.family && otherHost != host {
            if otherHost != lan { try otherHost.ip("route", "replace", "\(address)", "dev", "eth0") }
            try host.ip("route", "replace", "\(other)", "dev", "eth0")
        }
        lanAddresses.append((address, host))
    }

    private func addAddress(_ address: IPAddress, to host: NetworkNamespace, device: String) throws {
        if address.family == .ipv4 {
            try host.ip("addr", "add", "\(address)/32", "dev", device)
        } else {
            try host.ip("addr", "add", "\(address)/128", "dev", device, "nodad")
        }
    }

    /// Every endpoint of every slice of every stage becomes a pod on this node or the other one,
    /// serving its ports. An address listed on both nodes lives where it is first listed.
    private func startEndpointPods(scenario: Scenario, state: ClusterState) throws {
        var ports: [IPAddress: Set<String>] = [:]
        var isLocal: [IPAddress: Bool] = [:]
        for object in scenario.stages.flatMap(\.objects) {
            guard case .endpointSlice(let slice) = object, let info = try? EndpointSliceInfo(slice) else { continue }
            for endpoint in info.endpoints {
                if isLocal[endpoint.address] == nil { isLocal[endpoint.address] = endpoint.nodeName == scenario.options.nodeName }
                for port in info.ports { ports[endpoint.address, default: []].insert("\(port.port)/\(port.transport.ruleName)") }
            }
        }
        for (address, portSet) in ports.sorted(by: { $0.key < $1.key }) {
            let host: NetworkNamespace
            if nodeIPs.contains(address) {
                host = node
            } else if Self.otherNodeIPs.contains(address) {
                host = otherNode
            } else {
                host = try addPod(address, onThisNode: isLocal[address] ?? false)
            }
            let listen = portSet.sorted().flatMap { ["--listen", $0] }
            let server = try CommandRunner.inNamespace(host.name).start([agent, "serve", "--name", "\(address)"] + listen)
            servers.append(server)
        }
        try waitForServers(ports)
    }

    /// Waits until every endpoint answers on its first TCP or UDP port from its own node (bounded).
    private func waitForServers(_ ports: [IPAddress: Set<String>]) throws {
        let deadline = Date().addingTimeInterval(10)
        for (address, portSet) in ports {
            guard let port = portSet.sorted().first(where: { !$0.hasSuffix("/sctp") }) else { continue }
            let host = pods[address] ?? (nodeIPs.contains(address) ? node : otherNode)
            let target = "\(address.joined(port: Int(port.split(separator: "/")[0])!))/\(port.split(separator: "/")[1])"
            while true {
                let line = (try? host.exec([agent, "probe", "--to", target, "--timeout-milliseconds", "300"])) ?? ""
                if line.hasPrefix("answer") { break }
                guard Date() < deadline else {
                    throw CommandRunner.Failure(command: "\(agent) serve", status: 1, message: "pod \(address) did not start serving")
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// Whether a pod address lives on this node.
    public func isOnThisNode(_ address: IPAddress) -> Bool { localPods.contains(address) }

    /// Gives the outside host an address (once). This node reaches it on the lan; the other node
    /// routes it through this node, so that replies of its pods to clients that were not
    /// masqueraded pass this node's connection tracking, as on a network where this node is the
    /// gateway.
    func addOutsideAddress(_ address: IPAddress) throws {
        guard !outsideAddresses.contains(address) else { return }
        outsideAddresses.insert(address)
        try addAddress(address, to: outside, device: "eth0")
        try node.ip("route", "replace", "\(address)", "dev", "eth0")
        if let via = nodeIPs.first(where: { $0.family == address.family }) {
            try otherNode.ip("route", "replace", "\(address)", "via", "\(via)", "dev", "eth0", "onlink")
        }
        for (other, host) in lanAddresses where other.family == address.family && host != outside && host != lan {
            try outside.ip("route", "replace", "\(other)", "dev", "eth0")
        }
    }

    /// Creates a pod namespace with an address, routed from its node.
    @discardableResult
    func addPod(_ address: IPAddress, onThisNode: Bool) throws -> NetworkNamespace {
        if let existing = pods[address] { return existing }
        let host = onThisNode ? node : otherNode
        let pod = NetworkNamespace(name: prefix + "p\(pods.count)")
        try make(pod)
        pods[address] = pod
        if onThisNode { localPods.insert(address) }
        let index = podVeths[host, default: 0]
        podVeths[host] = index + 1
        let veth = "vp\(index)"
        try host.ip("link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", pod.name)
        try host.ip("link", "set", veth, "up")
        try pod.ip("link", "set", "eth0", "up")
        try addAddress(address, to: pod, device: "eth0")
        if address.family == .ipv4 {
            try host.ip("addr", "add", "\(Self.gatewayV4)/32", "dev", veth)
            try pod.ip("route", "add", Self.gatewayV4, "dev", "eth0", "scope", "link")
            try pod.ip("route", "add", "default", "via", Self.gatewayV4, "dev", "eth0")
        } else {
            try host.ip("-6", "addr", "add", "\(Self.gatewayV6)/64", "dev", veth, "nodad")
            try host.ip("-6", "addr", "add", "\(Self.nodeSideV6)/128", "dev", veth, "nodad")
            try pod.ip("-6", "route", "add", "default", "via", Self.gatewayV6, "dev", "eth0")
        }
        try host.ip("route", "add", "\(address)", "dev", veth)
        let other = onThisNode ? otherNode : node
        let via = (onThisNode ? nodeIPs : Self.otherNodeIPs).first { $0.family == address.family }
        if let via { try other.ip("route", "add", "\(address)", "via", "\(via)", "dev", "eth0") }
        return pod
    }
}
