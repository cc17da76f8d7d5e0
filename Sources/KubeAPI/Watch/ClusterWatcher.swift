import Logging
import ProxyCore

/// Watches what kube-proxy watches: Services and EndpointSlices meant for this proxy, and this
/// node's Node object, each with its own ``Reflector``.
public struct ClusterWatcher: Sendable {
    public let reflectors: [Reflector]

    /// - Parameters:
    ///   - nodeName: this node's name (its Node object is watched for topology labels, pod CIDRs,
    ///     addresses and whether it is being removed).
    ///   - serviceProxyName: the `service.kubernetes.io/service-proxy-name` this proxy handles.
    ///   - relistPeriod: kube-proxy's `configSyncPeriod`.
    public init(client: KubeClient, nodeName: String, serviceProxyName: String?, relistPeriod: Duration,
                watchTimeoutSeconds: ClosedRange<Int> = 300...600, logger: Logger) {
        let serviceSelectors = ListSelectors.serviceObjects(serviceProxyName: serviceProxyName)
        let watched: [(APIResource, ListSelectors)] = [
            (.services, serviceSelectors), (.endpointSlices, serviceSelectors), (.nodes, .node(named: nodeName)),
        ]
        reflectors = watched.map { resource, selectors in
            Reflector(client: client, resource: resource, selectors: selectors, relistPeriod: relistPeriod,
                      watchTimeoutSeconds: watchTimeoutSeconds, logger: logger)
        }
    }

    /// The kinds whose first list must be in before the proxy programs anything (as kube-proxy
    /// waits for its Service and EndpointSlice informers).
    public var requiredKinds: Set<String> { ["Service", "EndpointSlice"] }

    /// Runs every reflector until the task is cancelled.
    public func run(deliver: @escaping @Sendable (ResourceUpdate) async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            for reflector in reflectors {
                group.addTask { await reflector.run(deliver: deliver) }
            }
        }
    }
}
