/// Where an object is stored: its namespace (empty for cluster-scoped objects) and name,
/// ordered as etcd orders keys.
struct ObjectKey: Hashable, Comparable {
    var namespace: String
    var name: String

    /// The key of a stored object (one that has `metadata.name`).
    init(of object: JSONValue) {
        namespace = object["metadata"]?["namespace"]?.stringValue ?? ""
        name = object["metadata"]?["name"]?.stringValue ?? ""
    }

    init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }
}

/// Which objects a list or watch request selects: the namespace of the path plus label and field selectors.
struct ObjectFilter {
    var namespace: String?
    var labels: LabelSelector
    var fields: FieldSelector

    /// Whether `object` is selected.
    func matches(_ object: JSONValue) -> Bool {
        let key = ObjectKey(of: object)
        if let namespace, key.namespace != namespace { return false }
        let labels = (object["metadata"]?["labels"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        return self.labels.matches(labels) && fields.matches(name: key.name, namespace: key.namespace)
    }

    /// What a watch with this filter sees of `event`, as the real server reports it: an object that starts
    /// matching is ADDED, one that stops matching is DELETED (its previous content at the event's
    /// resourceVersion), and a change to an object that matches neither before nor after is not sent.
    func project(_ event: StoredEvent) -> (type: StoredEvent.EventType, object: JSONValue)? {
        let now = event.type != .deleted && matches(event.object)
        guard let previous = event.previous, matches(previous) else {
            return now ? (.added, event.object) : nil
        }
        if now { return (.modified, event.object) }
        var deleted = previous
        deleted["metadata"]?["resourceVersion"] = .string(String(event.resourceVersion))
        return (.deleted, deleted)
    }
}
