import ProxyCore

/// The `kind: ProxyScenario` document of a scenario file, as written.
struct ScenarioDocument: Decodable {
    struct Metadata: Decodable {
        let name: String
    }

    struct NodeSettings: Decodable {
        let name: String
        let ips: [String]?
        let clusterCIDR: String?
        let masqueradeAll: Bool?
        let localhostNodePorts: Bool?
        let nodePortAddresses: [String]?
    }

    struct ProbeDocument: Decodable {
        let name: String
        let from: String
        let to: String
        let verdict: String
        let masquerade: Bool
        let client: Probe.Client?
        let sourcePort: Int?
        let sticky: Bool?
    }

    struct StepDocument: Decodable {
        let name: String
        let apply: [KubeObject]?
        let delete: [KubeObject.Key]?
        let probes: [ProbeDocument]
    }

    static let kind = "ProxyScenario"

    let metadata: Metadata
    let description: String?
    let upstream: String?
    let node: NodeSettings
    let beforeSync: [ProbeDocument]?
    let probes: [ProbeDocument]
    let steps: [StepDocument]?

    /// The scenario, with the file's API objects as its first stage.
    func scenario(objects: [KubeObject]) throws -> Scenario {
        var stages = [ScenarioStage(name: "initial", objects: objects, probes: try parse(probes))]
        for step in steps ?? [] {
            stages.append(stages[stages.count - 1].next(
                name: step.name, apply: step.apply ?? [], delete: step.delete ?? [], probes: try parse(step.probes)))
        }
        return Scenario(
            name: metadata.name, summary: description ?? "", upstreamTest: upstream, options: try options(),
            probesBeforeSync: try parse(beforeSync ?? []), stages: stages)
    }

    /// The node settings as proxy options.
    private func options() throws -> ProxyOptions {
        let ips = try (node.ips ?? []).map { try Self.parse($0, IPAddress.init, "node.ips") }
        let cidrs = try node.clusterCIDR.map { text in
            try text.split(separator: ",").map { try Self.parse(String($0), CIDR.init, "node.clusterCIDR") }
        } ?? []
        let nodePortCIDRs = try (node.nodePortAddresses ?? []).map { try Self.parse($0, CIDR.init, "node.nodePortAddresses") }
        return ProxyOptions(
            nodeName: node.name, nodeIPs: ips, clusterCIDRs: cidrs, masqueradeAll: node.masqueradeAll ?? false,
            localhostNodePorts: node.localhostNodePorts ?? true,
            nodePortAddresses: nodePortCIDRs.isEmpty ? .all : .cidrs(nodePortCIDRs))
    }

    private func parse(_ probes: [ProbeDocument]) throws -> [Probe] {
        try probes.map { probe in
            Probe(
                name: probe.name,
                source: try Self.parse(probe.from, IPAddress.init, "probes[\(probe.name)].from"),
                destination: try Self.parse(probe.to, HostPort.init, "probes[\(probe.name)].to"),
                verdict: probe.verdict, masquerade: probe.masquerade, client: probe.client,
                sourcePort: probe.sourcePort, sticky: probe.sticky ?? false)
        }
    }

    private static func parse<T>(_ text: String, _ parser: (String) -> T?, _ field: String) throws -> T {
        guard let value = parser(text) else {
            throw InputError(object: "ProxyScenario", field: field, message: "\"\(text)\" is not valid")
        }
        return value
    }
}
