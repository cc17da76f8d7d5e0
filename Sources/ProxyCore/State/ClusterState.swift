/// The proxy's view of the cluster: validated Services, EndpointSlices and Nodes, with change tracking.
///
/// Every update validates the object first; an invalid object throws an ``InputError`` and leaves the
/// state (including an earlier valid version of the same object) untouched. Updates that change
/// nothing are not recorded as changes, so a resync of identical objects costs no rule writes.
public struct ClusterState: Sendable {
    /// Services by namespace/name, including ones the proxy skips (headless, ExternalName).
    public private(set) var services: [NamespacedName: ServiceInfo] = [:]
    /// Nodes by name.
    public private(set) var nodes: [String: NodeInfo] = [:]
    private var slicesByService: [NamespacedName: [String: EndpointSliceInfo]] = [:]
    private var serviceOfSlice: [NamespacedName: NamespacedName] = [:]
    private var pending = StateChanges()

    public init() {}

    // MARK: - Updates

    /// Adds or replaces any supported object.
    /// - Throws: ``InputError`` when the object is invalid; the state is then unchanged.
    public mutating func upsert(_ object: KubeObject) throws {
        switch object {
        case .service(let service): try upsert(service)
        case .endpointSlice(let slice): try upsert(slice)
        case .node(let node): try upsert(node)
        }
    }

    /// Removes any supported object by its key (kind, namespace, name); unknown keys are ignored.
    public mutating func remove(_ key: KubeObject.Key) {
        let name = NamespacedName(namespace: key.namespace, name: key.name)
        switch key.kind {
        case "Service": removeService(name)
        case "EndpointSlice": removeSlice(name)
        case "Node": removeNode(key.name)
        default: break
        }
    }

    /// Adds or replaces a Service.
    public mutating func upsert(_ service: Service) throws {
        let info = try ServiceInfo(service)
        guard services[info.name] != info else { return }
        services[info.name] = info
        pending.services.insert(info.name)
    }

    /// Removes a Service (its slices stay until they are removed, as in the API).
    public mutating func removeService(_ name: NamespacedName) {
        guard services.removeValue(forKey: name) != nil else { return }
        pending.services.insert(name)
    }

    /// Adds or replaces an EndpointSlice.
    public mutating func upsert(_ slice: EndpointSlice) throws {
        let info = try EndpointSliceInfo(slice)
        if let previousService = serviceOfSlice[info.name], previousService != info.service {
            removeSlice(info.name)
        }
        guard slicesByService[info.service]?[info.name.name] != info else { return }
        slicesByService[info.service, default: [:]][info.name.name] = info
        serviceOfSlice[info.name] = info.service
        pending.services.insert(info.service)
    }

    /// Removes an EndpointSlice by its own namespace/name.
    public mutating func removeSlice(_ name: NamespacedName) {
        guard let service = serviceOfSlice.removeValue(forKey: name) else { return }
        slicesByService[service]?.removeValue(forKey: name.name)
        if slicesByService[service]?.isEmpty == true { slicesByService.removeValue(forKey: service) }
        pending.services.insert(service)
    }

    /// Adds or replaces a Node.
    public mutating func upsert(_ node: Node) throws {
        let info = try NodeInfo(node)
        guard nodes[info.name] != info else { return }
        nodes[info.name] = info
        pending.nodes.insert(info.name)
    }

    /// Removes a Node.
    public mutating func removeNode(_ name: String) {
        guard nodes.removeValue(forKey: name) != nil else { return }
        pending.nodes.insert(name)
    }

    // MARK: - Reading

    /// The EndpointSlices of a Service, ordered by slice name (later slices win on duplicates).
    public func slices(of service: NamespacedName) -> [EndpointSliceInfo] {
        (slicesByService[service] ?? [:]).sorted { $0.key < $1.key }.map(\.value)
    }

    /// The number of EndpointSlices held.
    public var sliceCount: Int { serviceOfSlice.count }

    /// The keys of every object of a kind (`Service`, `EndpointSlice` or `Node`) held.
    public func keys(ofKind kind: String) -> Set<KubeObject.Key> {
        switch kind {
        case "Service": Set(services.keys.map { KubeObject.Key(kind: kind, namespace: $0.namespace, name: $0.name) })
        case "EndpointSlice":
            Set(serviceOfSlice.keys.map { KubeObject.Key(kind: kind, namespace: $0.namespace, name: $0.name) })
        case "Node": Set(nodes.keys.map { KubeObject.Key(kind: kind, namespace: nil, name: $0) })
        default: []
        }
    }

    /// Whether anything changed since the changes were last taken.
    public var hasPendingChanges: Bool { !pending.isEmpty }

    /// The changes recorded since the last call, which are then forgotten.
    public mutating func takeChanges() -> StateChanges {
        defer { pending = StateChanges() }
        return pending
    }
}
