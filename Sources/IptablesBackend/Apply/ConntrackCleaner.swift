import ProxyCore

/// Deletes stale UDP conntrack entries after endpoints change, as upstream's `CleanStaleEntries`:
/// an entry whose original destination is a service IP and port (or whose destination port is a
/// NodePort) and whose reply source is not one of the port's serving endpoints would keep sending
/// datagrams to a pod that is gone, or past the service entirely.
///
/// Uses the `conntrack` tool (conntrack-tools).
struct ConntrackCleaner {
    /// One UDP frontend and the endpoint addresses that may answer it.
    struct Target: Hashable {
        let address: IPAddress?
        let port: Int
        let serving: Set<IPAddress>
    }

    /// The UDP frontends of the given ports.
    static func targets(of ports: [ServicePortNode]) -> [Target] {
        var targets: [Target] = []
        for port in ports where port.transport == .udp {
            let serving = Set(port.reachableEndpoints.filter(\.isServing).map(\.address))
            for address in [port.clusterIP] + port.externalIPs + port.loadBalancerIPs {
                targets.append(Target(address: address, port: port.port, serving: serving))
            }
            if let nodePort = port.nodePort { targets.append(Target(address: nil, port: nodePort, serving: serving)) }
        }
        return targets
    }

    let ipv6: Bool
    let runner: CommandRunner

    /// Deletes the stale entries of every target; returns how many were deleted.
    @discardableResult
    func clean(_ targets: [Target]) -> Int {
        var deleted = 0
        for target in targets {
            var filter = ["-p", "udp"]
            if let address = target.address { filter += ["--orig-dst", "\(address)"] }
            filter += ["--orig-port-dst", "\(target.port)"]
            for replySource in Set(list(filter).filter { !target.serving.contains($0) }) {
                if run(["-D"] + filter + ["--reply-src", "\(replySource)"]) != nil { deleted += 1 }
            }
        }
        return deleted
    }

    /// The reply sources of the entries matching a filter.
    private func list(_ filter: [String]) -> [IPAddress] {
        guard let output = run(["-L"] + filter) else { return [] }
        return output.split(separator: "\n").compactMap { line in
            let sources = line.split(separator: " ").filter { $0.hasPrefix("src=") }
            return sources.count >= 2 ? IPAddress(sources[1].dropFirst(4)) : nil
        }
    }

    private func run(_ arguments: [String]) -> String? {
        try? runner.run(["conntrack", "-f", ipv6 ? "ipv6" : "ipv4"] + arguments)
    }
}
