import KubeAPI

/// Where the daemon's cluster objects come from: the API server (``ClusterWatcher``) or
/// manifest files (``ManifestWatcher``). A source runs until its task is cancelled and hands
/// every update to `deliver`, in order; the first update of each kind is a complete list.
public protocol UpdateSource: Sendable {
    /// The kinds whose first list must be in before anything is programmed.
    var requiredKinds: Set<String> { get }
    /// Whether this source watches the Node object (so a missing Node makes the node ineligible
    /// for `/healthz`, as upstream).
    var watchesNode: Bool { get }
    func run(deliver: @escaping @Sendable (ResourceUpdate) async -> Void) async
}

extension ClusterWatcher: UpdateSource {
    public var watchesNode: Bool { true }
}
