import ProxyCore

/// What a reflector tells its consumer: a complete list, or one change from the watch.
public enum ResourceUpdate: Sendable {
    /// Every object of a kind, from a (re)list: objects not in it are gone. `unreadable` holds the
    /// keys of listed objects that did not decode (their previous version should stay);
    /// `errors` says why.
    case replaced(kind: String, objects: [KubeObject], unreadable: Set<KubeObject.Key>, errors: [InputError])
    /// An object was added or modified.
    case upserted(KubeObject)
    /// An object was deleted.
    case deleted(KubeObject.Key)
    /// A watch event that could not be used (an object that does not decode); nothing changes.
    case skipped(InputError)
}
