import Foundation

/// A change to one object, as kept in the history and sent to watches.
struct StoredEvent: Sendable {
    enum EventType: String, Sendable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
    }

    var type: EventType
    var resource: APIResource
    var resourceVersion: Int
    /// The object after the change with `kind` and `apiVersion`; for DELETED, its last content at the deletion's resourceVersion.
    var object: JSONValue
    /// The object before the change; `nil` for ADDED.
    var previous: JSONValue?
}

/// Why the store refuses a request; the server turns each into a `Status` response.
enum StoreError: Error, Equatable {
    /// The object text is not a Kubernetes object of a served kind.
    case invalid(String)
    case alreadyExists(APIResource, name: String)
    case notFound(APIResource, name: String)
    /// The requested resourceVersion is older than the oldest kept event.
    case expired(requested: Int, compacted: Int)
}

/// The objects of every resource, the global resourceVersion counter and a bounded history of events,
/// as etcd plus the watch cache keep them.
struct ObjectStore {
    /// The resourceVersion of the latest change.
    private(set) var resourceVersion = 0
    /// The history holds every event after this resourceVersion.
    private(set) var compactedResourceVersion = 0
    private var objects: [APIResource: [ObjectKey: JSONValue]] = [:]
    private var history: [StoredEvent] = []
    private let historyLimit: Int

    init(historyLimit: Int) {
        self.historyLimit = max(historyLimit, 1)
    }

    /// Stores a new object, setting `resourceVersion`, `uid` and `creationTimestamp`.
    mutating func create(_ object: JSONValue) throws(StoreError) -> StoredEvent {
        var (resource, object) = try Self.validate(object)
        let key = ObjectKey(of: object)
        guard objects[resource, default: [:]][key] == nil else { throw .alreadyExists(resource, name: key.name) }
        object["metadata"]?["uid"] = .string(UUID().uuidString.lowercased())
        object["metadata"]?["creationTimestamp"] = .string(Date.now.formatted(.iso8601))
        return record(.added, resource, key, object, previous: nil)
    }

    /// Replaces a stored object (last write wins), keeping its `uid` and `creationTimestamp`.
    mutating func update(_ object: JSONValue) throws(StoreError) -> StoredEvent {
        var (resource, object) = try Self.validate(object)
        let key = ObjectKey(of: object)
        guard let previous = objects[resource, default: [:]][key] else { throw .notFound(resource, name: key.name) }
        object["metadata"]?["uid"] = previous["metadata"]?["uid"]
        object["metadata"]?["creationTimestamp"] = previous["metadata"]?["creationTimestamp"]
        return record(.modified, resource, key, object, previous: previous)
    }

    /// Removes a stored object.
    mutating func delete(_ resource: APIResource, _ key: ObjectKey) throws(StoreError) -> StoredEvent {
        guard let previous = objects[resource, default: [:]][key] else { throw .notFound(resource, name: key.name) }
        return record(.deleted, resource, key, previous, previous: previous)
    }

    /// The stored object, with `kind` and `apiVersion`.
    func object(_ resource: APIResource, _ key: ObjectKey) -> JSONValue? {
        objects[resource]?[key]
    }

    /// Up to `limit` objects selected by `filter` in key order after key `start`, as they were at
    /// `resourceVersion` (default: now), and whether more follow.
    func list(
        _ resource: APIResource, filter: ObjectFilter, at resourceVersion: Int? = nil, after start: ObjectKey? = nil, limit: Int? = nil
    ) throws(StoreError) -> (items: [JSONValue], more: Bool) {
        let snapshot = try self.snapshot(of: resource, at: resourceVersion ?? self.resourceVersion)
        let selected = snapshot.filter { key, object in (start.map { key > $0 } ?? true) && filter.matches(object) }
        let sorted = selected.sorted { $0.key < $1.key }.map(\.value)
        guard let limit, limit > 0, sorted.count > limit else { return (sorted, false) }
        return (Array(sorted.prefix(limit)), true)
    }

    /// The events after `resourceVersion`, oldest first.
    func events(after resourceVersion: Int) throws(StoreError) -> ArraySlice<StoredEvent> {
        guard resourceVersion >= compactedResourceVersion else {
            throw .expired(requested: resourceVersion, compacted: compactedResourceVersion)
        }
        return history.drop { $0.resourceVersion <= resourceVersion }
    }

    /// Forgets the history: watches and continued lists from any earlier resourceVersion get 410 Gone.
    mutating func compact() {
        history.removeAll()
        compactedResourceVersion = resourceVersion
    }

    /// Forgets every object and the history, as a restart on a fresh etcd would; the counter moves on so that
    /// every resourceVersion handed out before is expired.
    mutating func removeAll() {
        objects.removeAll()
        resourceVersion += 1
        compact()
    }

    private mutating func record(
        _ type: StoredEvent.EventType, _ resource: APIResource, _ key: ObjectKey, _ object: JSONValue, previous: JSONValue?
    ) -> StoredEvent {
        resourceVersion += 1
        var object = object
        object["metadata"]?["resourceVersion"] = .string(String(resourceVersion))
        objects[resource, default: [:]][key] = type == .deleted ? nil : object
        let event = StoredEvent(type: type, resource: resource, resourceVersion: resourceVersion, object: object, previous: previous)
        history.append(event)
        if history.count > historyLimit {
            compactedResourceVersion = history.removeFirst().resourceVersion
        }
        return event
    }

    /// The objects of `resource` as they were at `resourceVersion`, rebuilt by undoing later events.
    private func snapshot(of resource: APIResource, at resourceVersion: Int) throws(StoreError) -> [ObjectKey: JSONValue] {
        var snapshot = objects[resource] ?? [:]
        for event in try events(after: resourceVersion).reversed() where event.resource == resource {
            snapshot[ObjectKey(of: event.object)] = event.previous
        }
        return snapshot
    }

    /// Checks that `object` is an object of a served kind with a name, fills in `apiVersion`, and puts it in
    /// the `default` namespace if it is namespaced and has none (cluster-scoped objects have no namespace).
    private static func validate(_ object: JSONValue) throws(StoreError) -> (APIResource, JSONValue) {
        guard let kind = object["kind"]?.stringValue, let resource = APIResource(kind: kind) else {
            throw .invalid("kind must be one of \(APIResource.allCases.map(\.kind))")
        }
        guard object["metadata"]?["name"]?.stringValue?.isEmpty == false else {
            throw .invalid("metadata.name is required")
        }
        if let apiVersion = object["apiVersion"]?.stringValue, apiVersion != resource.apiVersion {
            throw .invalid("apiVersion of \(kind) must be \(resource.apiVersion)")
        }
        var object = object
        object["apiVersion"] = .string(resource.apiVersion)
        let namespace = object["metadata"]?["namespace"]?.stringValue
        object["metadata"]?["namespace"] = resource.isNamespaced ? .string(namespace ?? "default") : nil
        return (resource, object)
    }
}
