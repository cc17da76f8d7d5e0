/// Follows a packet through a service graph with kube-proxy's semantics: the reference every
/// backend is checked against.
///
/// The order is that of upstream's iptables tracer: the nat table first (ClusterIP, externalIPs,
/// load-balancer IPs with their source-range firewall, then NodePorts on the node's NodePort
/// addresses); a packet that was not DNAT-ed then meets the filter rules (REJECT or DROP for
/// services without usable endpoints, ACCEPT for health-check NodePorts, DROP by the
/// load-balancer firewall).
public struct ReferenceTracer: Sendable {
    private struct AddressKey: Hashable {
        let address: IPAddress
        let port: Int
        let transport: TransportProtocol
    }

    private struct PortKey: Hashable {
        let port: Int
        let transport: TransportProtocol
    }

    public let graph: ServiceGraph
    private var byAddress: [AddressKey: [(ServicePortNode, Frontend.Kind)]] = [:]
    private var byNodePort: [PortKey: ServicePortNode] = [:]
    private var byHealthCheckPort: [Int: ServicePortNode] = [:]

    /// Indexes a graph for tracing.
    public init(graph: ServiceGraph) {
        self.graph = graph
        for node in graph.sortedPorts {
            for frontend in node.frontends {
                if let address = frontend.address {
                    let key = AddressKey(address: address, port: frontend.port, transport: frontend.transport)
                    byAddress[key, default: []].append((node, frontend.kind))
                } else {
                    let key = PortKey(port: frontend.port, transport: frontend.transport)
                    if byNodePort[key] == nil { byNodePort[key] = node }
                }
            }
            if let port = node.healthCheckNodePort, byHealthCheckPort[port] == nil { byHealthCheckPort[port] = node }
        }
    }

    /// Traces one packet. A packet of the other family matches nothing.
    public func trace(_ packet: Packet) -> TraceResult {
        var trace = Trace(packet: packet, node: graph.node)
        let destination = packet.destination
        let key = AddressKey(address: destination.address, port: destination.port, transport: destination.transport)
        let candidates = byAddress[key] ?? []

        // nat: KUBE-SERVICES rules for ClusterIPs, externalIPs and load-balancer IPs, then NodePorts.
        for (node, kind) in candidates {
            if let result = trace.nat(node, frontend: kind) { return result }
        }
        var nodePortNode: ServicePortNode?
        if graph.node.acceptsNodePorts(at: destination.address) {
            nodePortNode = byNodePort[PortKey(port: destination.port, transport: destination.transport)]
            if let node = nodePortNode, let result = trace.nat(node, frontend: .nodePort) { return result }
        }

        // filter: verdicts for traffic that was not DNAT-ed.
        for (node, kind) in candidates {
            if let result = trace.filterVerdict(node, frontend: kind) { return result }
        }
        if graph.node.isLocalAddress(destination.address) {
            let port = PortKey(port: destination.port, transport: destination.transport)
            if let node = byNodePort[port], let result = trace.filterVerdict(node, frontend: .nodePort) {
                return result
            }
            if destination.transport == .tcp, let node = byHealthCheckPort[destination.port] {
                return trace.finish(.accept, node, .nodePort, "health check node port \(destination.port): ACCEPT")
            }
        }
        for (node, kind) in candidates where kind == .loadBalancer && node.loadBalancerFirewall != nil {
            return trace.finish(.drop, node, kind, "source \(packet.source) not in loadBalancerSourceRanges: DROP")
        }
        return trace.finish(.noMatch, nil, nil, "no service rule matched")
    }
}

/// The state of one trace: the decisions so far and whether the packet was marked for masquerade.
private struct Trace {
    let packet: Packet
    let node: NodeContext
    var masquerade = false
    var steps: [String] = []

    init(packet: Packet, node: NodeContext) {
        self.packet = packet
        self.node = node
    }

    /// Whether the source is this node's pod traffic.
    var isLocalPodTraffic: Bool {
        node.localTraffic.matches(source: packet.source, inputInterface: packet.inputInterface)
    }

    /// The nat rules of one frontend; a result when the packet is DNAT-ed.
    mutating func nat(_ service: ServicePortNode, frontend: Frontend.Kind) -> TraceResult? {
        switch frontend {
        case .clusterIP:
            guard case .endpoints(let set) = service.internalRoute else { return nil }
            steps.append("\(service.name) cluster IP \(service.clusterIP.joined(port: service.port))")
            if node.masqueradeAll {
                mark("masqueradeAll is set")
            } else if node.localTraffic.isImplemented, !isLocalPodTraffic {
                mark("source \(packet.source) is not local pod traffic (\(node.localTraffic))")
            }
            return dnat(service, set, frontend)
        case .loadBalancer:
            guard let external = service.external, service.hasEndpoints else { return nil }
            steps.append("\(service.name) load-balancer IP \(packet.destination.address)")
            if let firewall = service.loadBalancerFirewall {
                guard firewall.allows(packet.source) else { return nil }
                steps.append("source \(packet.source) allowed by loadBalancerSourceRanges")
            }
            return externalChain(service, external, frontend)
        case .externalIP, .nodePort:
            guard let external = service.external, service.hasEndpoints else { return nil }
            steps.append("\(service.name) \(frontend == .nodePort ? "node port" : "external IP") \(packet.destination)")
            return externalChain(service, external, frontend)
        }
    }

    /// The external-destinations chain: masquerade or short-circuit, then the external route.
    private mutating func externalChain(
        _ service: ServicePortNode, _ policy: ExternalPolicy, _ frontend: Frontend.Kind
    ) -> TraceResult? {
        if policy.masqueradesAll { mark("externalTrafficPolicy Cluster masquerades external traffic") }
        if policy.shortCircuitsLocalTraffic {
            if node.localTraffic.isImplemented, isLocalPodTraffic {
                steps.append("pod traffic short-circuits to all endpoints")
                return dnat(service, .cluster, frontend)
            }
            if node.isLocalAddress(packet.source) {
                mark("traffic from this node is masqueraded")
                steps.append("node traffic short-circuits to all endpoints")
                return dnat(service, .cluster, frontend)
            }
        }
        guard case .endpoints(let set) = policy.route else {
            steps.append("no local endpoints for external traffic")
            return nil
        }
        return dnat(service, set, frontend)
    }

    /// DNAT to an endpoint set, with hairpin masquerade when the source is one of the endpoints.
    private mutating func dnat(_ service: ServicePortNode, _ set: EndpointSetKind, _ frontend: Frontend.Kind) -> TraceResult {
        let endpoints = service.endpoints(set)
        if endpoints.contains(where: { $0.address == packet.source }) {
            mark("source \(packet.source) is an endpoint (hairpin)")
        }
        return finish(.endpoints(endpoints), service, frontend, "DNAT to \(set.rawValue) endpoints")
    }

    /// The filter verdict of a frontend whose traffic was not DNAT-ed.
    mutating func filterVerdict(_ service: ServicePortNode, frontend: Frontend.Kind) -> TraceResult? {
        switch service.route(for: frontend) {
        case .reject:
            return finish(.reject, service, frontend, "\(service.name) has no endpoints: REJECT")
        case .drop:
            return finish(.drop, service, frontend, "\(service.name) has no local endpoints: DROP")
        case .endpoints:
            return nil
        }
    }

    private mutating func mark(_ reason: String) {
        masquerade = true
        steps.append("masquerade: \(reason)")
    }

    func finish(
        _ outcome: TraceResult.Outcome, _ service: ServicePortNode?, _ frontend: Frontend.Kind?, _ step: String
    ) -> TraceResult {
        TraceResult(outcome: outcome, masquerade: masquerade, service: service?.name, frontend: frontend,
                    steps: steps + [step])
    }
}
