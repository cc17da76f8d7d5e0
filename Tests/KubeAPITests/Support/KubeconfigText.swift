/// A kubeconfig with one cluster `c`, one user `u` and one context `ctx`, rendered as YAML; each part
/// can be changed or left out to make a broken file.
struct KubeconfigText {
    /// The lines under `cluster:` of cluster `c`.
    var cluster = ["server: https://127.0.0.1:6443"]
    /// The lines under `user:` of user `u`; empty writes `user: {}`.
    var user = ["token: abc"]
    var contextCluster = "c"
    /// nil leaves `user` out of the context.
    var contextUser: String? = "u"
    /// nil leaves `current-context` out.
    var currentContext: String? = "ctx"

    var yaml: String {
        var lines = ["apiVersion: v1", "kind: Config", "clusters:", "- name: c", "  cluster:"]
        lines += cluster.map { "    " + $0 }
        lines += ["users:", "- name: u"]
        lines += user.isEmpty ? ["  user: {}"] : ["  user:"] + user.map { "    " + $0 }
        lines += ["contexts:", "- name: ctx", "  context:", "    cluster: \(contextCluster)"]
        if let contextUser { lines.append("    user: \(contextUser)") }
        if let currentContext { lines.append("current-context: \(currentContext)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
