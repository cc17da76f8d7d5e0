/// Builds the service graph of one IP family from cluster state and proxy options.
///
/// ``build(from:)`` builds everything; ``update(_:from:changes:)`` rebuilds only the services that
/// changed, so a steady-state sync costs O(changed services), not O(cluster).
public struct GraphBuilder: Sendable {
    public let options: ProxyOptions
    public let family: IPFamily

    public init(options: ProxyOptions, family: IPFamily) {
        self.options = options
        self.family = family
    }

    /// The node context this builder resolves from the state's Node object for this node.
    public func nodeContext(in state: ClusterState) -> NodeContext {
        NodeContext(options: options, family: family, node: state.nodes[options.nodeName])
    }

    /// Builds the whole graph.
    public func build(from state: ClusterState) -> ServiceGraph {
        let context = nodeContext(in: state)
        var graph = ServiceGraph(node: context)
        for service in state.services.values {
            graph.setPorts(portNodes(of: service, in: state, context: context), of: service.name)
        }
        return graph
    }

    /// Brings a graph up to date with the changed services, and says what changed.
    ///
    /// When this node's Node object changed in a way that changes the node context (addresses,
    /// pod CIDRs, zone), the whole graph is rebuilt.
    public func update(
        _ graph: ServiceGraph, from state: ClusterState, changes: StateChanges
    ) -> (graph: ServiceGraph, diff: GraphDiff) {
        var updated = graph
        let diff = update(&updated, from: state, changes: changes)
        return (updated, diff)
    }

    /// Brings a graph up to date in place: O(changed services) when the caller holds the only
    /// reference to it (otherwise the first change copies the graph).
    public func update(_ graph: inout ServiceGraph, from state: ClusterState, changes: StateChanges) -> GraphDiff {
        let context = nodeContext(in: state)
        guard context == graph.node else {
            let rebuilt = build(from: state)
            let diff = GraphDiff.between(graph, rebuilt)
            graph = rebuilt
            return diff
        }
        var diff = GraphDiff()
        for service in changes.services {
            let before = graph.portNames(of: service).compactMap { graph.ports[$0] }
            let after = state.services[service].map { portNodes(of: $0, in: state, context: context) } ?? []
            graph.setPorts(after, of: service)
            diff.record(before: before, after: after)
        }
        return diff
    }

    // MARK: - One service

    /// The graph nodes of a service's ports; empty when the proxy skips the service.
    func portNodes(of service: ServiceInfo, in state: ClusterState, context: NodeContext) -> [ServicePortNode] {
        guard !service.isSkipped, options.handles(service), let clusterIP = service.clusterIP(for: family) else {
            return []
        }
        let slices = state.slices(of: service.name)
        return service.ports.map { port in
            portNode(service: service, port: port, clusterIP: clusterIP, slices: slices, context: context)
        }
    }

    private func portNode(
        service: ServiceInfo, port: ServiceInfo.Port, clusterIP: IPAddress, slices: [EndpointSliceInfo],
        context: NodeContext
    ) -> ServicePortNode {
        let name = ServicePortName(service: service.name, port: port.name, transport: port.transport)
        let externalIPs = service.externalIPs.filter { $0.family == family }
        let loadBalancerIPs = service.loadBalancerIPs.filter { $0.family == family }
        let sourceRanges = service.loadBalancerSourceRanges.filter { $0.family == family }
        let externallyAccessible = port.nodePort != nil || !loadBalancerIPs.isEmpty || !externalIPs.isEmpty
        let internalLocal = service.internalTrafficPolicyLocal
        let externalLocal = service.externalTrafficPolicyLocal

        let candidates = EndpointMerger.candidates(
            for: name, family: family, slices: slices, nodeName: context.nodeName,
            useNodeHints: context.nodeTopologyHints)
        let selection = EndpointSelection(
            candidates: candidates,
            usesClusterEndpoints: !internalLocal || externallyAccessible,
            usesLocalEndpoints: internalLocal || (externalLocal && externallyAccessible),
            nodeName: context.nodeName, zone: context.zone)
        let hasEndpoints = selection.hasAnyEndpoints
        let local = selection.local ?? []

        let internalRoute: TrafficRoute
        if !hasEndpoints {
            internalRoute = .reject
        } else if internalLocal {
            internalRoute = local.isEmpty ? .drop : .endpoints(.local)
        } else {
            internalRoute = .endpoints(.cluster)
        }

        var external: ExternalPolicy?
        if externallyAccessible {
            if !hasEndpoints {
                external = ExternalPolicy(masqueradesAll: false, shortCircuitsLocalTraffic: false, route: .reject)
            } else if externalLocal {
                external = ExternalPolicy(
                    masqueradesAll: false, shortCircuitsLocalTraffic: true,
                    route: local.isEmpty ? .drop : .endpoints(.local))
            } else {
                external = ExternalPolicy(masqueradesAll: true, shortCircuitsLocalTraffic: false, route: .endpoints(.cluster))
            }
        }

        var firewall: LoadBalancerFirewall?
        if hasEndpoints, !loadBalancerIPs.isEmpty, !sourceRanges.isEmpty {
            let allowsNode = sourceRanges.contains { $0.contains(context.primaryIP) }
            firewall = LoadBalancerFirewall(
                sourceRanges: sourceRanges, allowedLoadBalancerSources: allowsNode ? loadBalancerIPs : [])
        }

        return ServicePortNode(
            name: name, clusterIP: clusterIP, port: port.port, nodePort: port.nodePort, externalIPs: externalIPs,
            loadBalancerIPs: loadBalancerIPs, healthCheckNodePort: service.healthCheckNodePort,
            sessionAffinityTimeout: service.sessionAffinityTimeout, hasEndpoints: hasEndpoints,
            internalRoute: internalRoute, external: external, loadBalancerFirewall: firewall,
            clusterEndpoints: selection.cluster ?? [], localEndpoints: local, listedEndpointCount: candidates.count)
    }
}
