/// A readable, stable text dump of a service graph: what `proxyd render` prints before a backend
/// renders it, and what humans read to see what the proxy decided.
public enum GraphDump {
    /// The dump of one graph.
    public static func text(_ graph: ServiceGraph) -> String {
        let node = graph.node
        var lines = ["# \(graph.family) service graph for node \(node.nodeName)"]
        lines.append("node-ips \(node.nodeIPs.map(\.description).joined(separator: " "))")
        lines.append("local-traffic \(node.localTraffic)")
        lines.append("masquerade-all \(node.masqueradeAll)")
        switch node.nodePortAddresses {
        case .allLocal: lines.append("nodeport-addresses all-local\(node.localhostNodePorts ? "" : " except-loopback")")
        case .only(let addresses): lines.append("nodeport-addresses \(addresses.map(\.description).joined(separator: " "))")
        }
        for port in graph.sortedPorts {
            lines.append("")
            lines += text(port)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The dump of one service port.
    public static func text(_ port: ServicePortNode) -> [String] {
        var lines = ["service \(port.name) \(port.transport)"]
        for frontend in port.frontends {
            var line = "  frontend \(frontend) -> "
            if frontend.kind.isExternal, let external = port.external {
                var policy: [String] = []
                if external.masqueradesAll { policy.append("masquerade") }
                if external.shortCircuitsLocalTraffic { policy.append("short-circuit pod and node traffic to cluster endpoints") }
                if frontend.kind == .loadBalancer, let firewall = port.loadBalancerFirewall {
                    let sources = firewall.sourceRanges.map(\.description) + firewall.allowedLoadBalancerSources.map(\.description)
                    policy.insert("allow from \(sources.joined(separator: ",")) else DROP", at: 0)
                }
                line += (policy + ["\(external.route)"]).joined(separator: ", ")
            } else {
                line += "\(port.internalRoute)"
            }
            lines.append(line)
        }
        if let port = port.healthCheckNodePort { lines.append("  health-check-node-port \(port)") }
        if let timeout = port.sessionAffinityTimeout { lines.append("  session-affinity client-ip \(timeout)s") }
        for (kind, endpoints) in [(EndpointSetKind.cluster, port.clusterEndpoints), (.local, port.localEndpoints)]
        where !endpoints.isEmpty {
            lines.append("  \(kind.rawValue)-endpoints")
            lines += endpoints.map { endpoint in
                var flags = [endpoint.isLocal ? "local" : "remote"]
                if !endpoint.isReady { flags.append(endpoint.isTerminating ? "terminating" : "not-ready") }
                return "    \(endpoint) \(flags.joined(separator: " "))"
            }
        }
        return lines
    }
}
