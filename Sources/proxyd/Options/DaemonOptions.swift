import ArgumentParser

/// The flags of the long-running proxy, named as kube-proxy's. Each one given overrides the
/// matching field of `--config`.
struct DaemonOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp(
        "A KubeProxyConfiguration file (kubeproxy.config.k8s.io/v1alpha1), as kube-proxy reads it.", valueName: "path"))
    var configFile: String?

    @Option(name: .long, help: ArgumentHelp(
        "The kubeconfig with the API server and credentials (`clientConnection.kubeconfig`). Without it and "
            + "without --master, the pod's service account is used.", valueName: "path"))
    var kubeconfig: String?

    @Option(name: .long, help: ArgumentHelp("The API server's URL; overrides the kubeconfig's server.", valueName: "url"))
    var master: String?

    @Option(name: .long, help: ArgumentHelp(
        "Where /healthz and /livez listen (`healthzBindAddress`, default 0.0.0.0:10256).",
        valueName: "ip:port"))
    var healthzBindAddress: String?

    @Option(name: .long, help: ArgumentHelp(
        "Where /metrics, /proxyMode and /configz listen (`metricsBindAddress`, default 127.0.0.1:10249).",
        valueName: "ip:port"))
    var metricsBindAddress: String?

    @Option(name: [.customShort("v"), .customLong("v")], help: ArgumentHelp(
        "Log verbosity (`logging.verbosity`): 0 info, 2 and up debug, 5 and up trace.", valueName: "level"))
    var verbosity: Int?
}
