/// The object store and the open watches behind one actor, so that a watch opened at a resourceVersion
/// receives every later change exactly once and in order.
actor WatchHub {
    /// A watch connection ended by `dropWatches()`: its response ends without the closing chunk.
    struct Dropped: Error {}

    private struct OpenWatch {
        var resource: APIResource
        var filter: ObjectFilter
        var allowBookmarks: Bool
        var lines: AsyncThrowingStream<String, any Error>.Continuation
        var drop: @Sendable () -> Void
    }

    private var store: ObjectStore
    private var watches: [Int: OpenWatch] = [:]
    private var nextWatchID = 0
    /// Whether the server is running; while it stops, watches that still arrive are dropped at once.
    private var isServing = true

    init(historyLimit: Int) {
        store = ObjectStore(historyLimit: historyLimit)
    }

    /// The resourceVersion of the latest change.
    var resourceVersion: Int { store.resourceVersion }

    /// The number of watches currently streaming.
    var openWatchCount: Int { watches.count }

    /// Stores a new object, tells the watches, and returns its resourceVersion.
    func create(_ object: JSONValue) throws(StoreError) -> Int {
        publish(try store.create(object))
    }

    /// Replaces a stored object, tells the watches, and returns its new resourceVersion.
    func update(_ object: JSONValue) throws(StoreError) -> Int {
        publish(try store.update(object))
    }

    /// Deletes a stored object, tells the watches, and returns the resourceVersion of the deletion.
    func delete(_ resource: APIResource, _ key: ObjectKey) throws(StoreError) -> Int {
        publish(try store.delete(resource, key))
    }

    /// The stored object, with `kind` and `apiVersion`.
    func object(_ resource: APIResource, _ key: ObjectKey) -> JSONValue? {
        store.object(resource, key)
    }

    /// See `ObjectStore.list`; also returns the resourceVersion the list is consistent at.
    func list(
        _ resource: APIResource, filter: ObjectFilter, at resourceVersion: Int?, after start: ObjectKey?, limit: Int?
    ) throws(StoreError) -> (items: [JSONValue], more: Bool, resourceVersion: Int) {
        let snapshotVersion = resourceVersion ?? store.resourceVersion
        let (items, more) = try store.list(resource, filter: filter, at: snapshotVersion, after: start, limit: limit)
        return (items, more, snapshotVersion)
    }

    /// Forgets the event history; see `ObjectStore.compact()`.
    func compact() {
        store.compact()
    }

    /// Forgets every object and the history; see `ObjectStore.removeAll()`.
    func removeAll() {
        store.removeAll()
    }

    /// Opens a watch on the objects of `resource` selected by `filter`. Its lines are the events after
    /// `resourceVersion`, or, when that is `nil`, an ADDED event for every current object first.
    /// `drop` closes the connection abruptly; `dropWatches()` calls it.
    func openWatch(
        _ resource: APIResource, filter: ObjectFilter, after resourceVersion: Int?, allowBookmarks: Bool,
        drop: @escaping @Sendable () -> Void
    ) throws(StoreError) -> (id: Int, lines: AsyncThrowingStream<String, any Error>) {
        let (lines, continuation) = AsyncThrowingStream<String, any Error>.makeStream()
        nextWatchID += 1
        guard isServing else {
            drop()
            continuation.finish(throwing: Dropped())
            return (nextWatchID, lines)
        }
        let backlog: [(type: StoredEvent.EventType, object: JSONValue)]
        if let resourceVersion {
            backlog = try store.events(after: resourceVersion).filter { $0.resource == resource }.compactMap(filter.project)
        } else {
            backlog = try store.list(resource, filter: filter).items.map { (.added, $0) }
        }
        for event in backlog {
            continuation.yield(Self.line(type: event.type.rawValue, object: event.object))
        }
        watches[nextWatchID] = OpenWatch(
            resource: resource, filter: filter, allowBookmarks: allowBookmarks, lines: continuation, drop: drop)
        return (nextWatchID, lines)
    }

    /// Ends a watch cleanly (its timeout passed or its client went away); does nothing if it has ended.
    func closeWatch(_ id: Int) {
        watches.removeValue(forKey: id)?.lines.finish()
    }

    /// Closes every watch connection abruptly.
    func dropWatches() {
        for watch in watches.values {
            watch.drop()
            watch.lines.finish(throwing: Dropped())
        }
        watches.removeAll()
    }

    /// Drops every watch and, until `resumeServing()`, every watch that opens: the server is stopping.
    func stopServing() {
        isServing = false
        dropWatches()
    }

    /// Lets watches open again: the server has started.
    func resumeServing() {
        isServing = true
    }

    /// Sends a BOOKMARK at the current resourceVersion to every watch that allows bookmarks.
    func sendBookmarks() {
        for watch in watches.values where watch.allowBookmarks {
            let object: JSONValue = [
                "kind": .string(watch.resource.kind), "apiVersion": .string(watch.resource.apiVersion),
                "metadata": ["resourceVersion": .string(String(store.resourceVersion))],
            ]
            watch.lines.yield(Self.line(type: "BOOKMARK", object: object))
        }
    }

    /// The one line of a watch that opens at an expired resourceVersion: an ERROR event with the 410 status.
    static func expiredLine(_ error: StoreError) -> String {
        line(type: "ERROR", object: ServerStatus(error).json)
    }

    private func publish(_ event: StoredEvent) -> Int {
        for watch in watches.values where watch.resource == event.resource {
            if let (type, object) = watch.filter.project(event) {
                watch.lines.yield(Self.line(type: type.rawValue, object: object))
            }
        }
        return event.resourceVersion
    }

    private static func line(type: String, object: JSONValue) -> String {
        "{\"type\":\"\(type)\",\"object\":\(object.text)}\n"
    }
}
