import ArgumentParser

/// The `proxyd` command: a Kubernetes service proxy.
@main
struct Proxyd: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "proxyd",
        abstract: "A Kubernetes service proxy: programs ClusterIP, NodePort, externalIP and load-balancer "
            + "rules from Services and EndpointSlices, as kube-proxy does.",
        discussion: """
            Use `proxyd trace` to ask what happens to a packet and `proxyd render` to see what a backend \
            would program, both from manifest files (for example `kubectl get svc,endpointslices,nodes \
            -A -o yaml`).
            """,
        version: version,
        subcommands: [TraceCommand.self, RenderCommand.self]
    )
}
