/// Deletes stale UDP conntrack entries after endpoints change, as upstream's `CleanStaleEntries`:
/// an entry whose original destination is a service IP and port (or whose destination port is a
/// NodePort) and whose reply source is not one of the port's serving endpoints would keep sending
/// datagrams to a pod that is gone, or past the service entirely.
///
/// Uses the `conntrack` tool (conntrack-tools): one listing of the UDP entries, then one delete
/// per stale (destination, reply source) pair.
public struct ConntrackCleaner {
    /// One UDP frontend and the endpoint addresses that may answer it.
    public struct Target: Hashable, Sendable {
        /// The frontend address; nil for a NodePort (any local address).
        let address: IPAddress?
        let port: Int
        let serving: Set<IPAddress>
    }

    /// The UDP frontends of the given ports.
    public static func targets(of ports: [ServicePortNode]) -> [Target] {
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

    public init(ipv6: Bool, runner: CommandRunner) {
        self.ipv6 = ipv6
        self.runner = runner
    }

    /// One conntrack entry: original destination and port, reply source.
    struct Entry: Hashable {
        let destination: IPAddress
        let port: Int
        let replySource: IPAddress
    }

    /// Deletes the stale entries of every target; returns how many deletions succeeded.
    @discardableResult
    public func clean(_ targets: [Target]) -> Int {
        guard !targets.isEmpty, let listing = run(["-L", "-p", "udp"]) else { return 0 }
        var byAddress: [String: Target] = [:]
        var byNodePort: [Int: Target] = [:]
        for target in targets {
            if let address = target.address { byAddress["\(address) \(target.port)"] = target } else { byNodePort[target.port] = target }
        }
        var deleted = 0
        for entry in Set(Self.entries(listing)) {
            if let target = byAddress["\(entry.destination) \(entry.port)"], !target.serving.contains(entry.replySource) {
                if run(["-D", "-p", "udp", "--orig-dst", "\(entry.destination)", "--orig-port-dst", "\(entry.port)",
                        "--reply-src", "\(entry.replySource)"]) != nil { deleted += 1 }
            } else if let target = byNodePort[entry.port], !target.serving.contains(entry.replySource) {
                if run(["-D", "-p", "udp", "--orig-port-dst", "\(entry.port)", "--reply-src", "\(entry.replySource)"]) != nil {
                    deleted += 1
                }
            }
        }
        return deleted
    }

    /// Parses `conntrack -L` lines: `udp 17 29 src=A dst=B sport=X dport=Y src=C dst=D sport=Y dport=X ...`.
    static func entries(_ listing: String) -> [Entry] {
        listing.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            let sources = words.filter { $0.hasPrefix("src=") }
            guard sources.count >= 2, let destinationWord = words.first(where: { $0.hasPrefix("dst=") }),
                  let portWord = words.first(where: { $0.hasPrefix("dport=") }),
                  let destination = IPAddress(destinationWord.dropFirst(4)), let port = Int(portWord.dropFirst(6)),
                  let reply = IPAddress(sources[1].dropFirst(4))
            else { return nil }
            return Entry(destination: destination, port: port, replySource: reply)
        }
    }

    private func run(_ arguments: [String]) -> String? {
        try? runner.run(["conntrack", "-f", ipv6 ? "ipv6" : "ipv4"] + arguments)
    }
}
