extension ClusterState {
    /// Makes the objects of one kind those of a complete list (an API relist, a reread of files):
    /// listed objects are added or updated, objects no longer listed are removed.
    ///
    /// An object that is listed but could not be read (`unreadable`) or is invalid keeps its
    /// previous valid version, if any: bad input never removes what is already programmed.
    /// - Parameters:
    ///   - kind: `Service`, `EndpointSlice` or `Node`.
    ///   - objects: every readable object of that kind.
    ///   - unreadable: keys of listed objects that could not be decoded.
    /// - Returns: one error per invalid object, which is skipped.
    @discardableResult
    public mutating func replaceAll(
        ofKind kind: String, with objects: [KubeObject], unreadable: Set<KubeObject.Key> = []
    ) -> [InputError] {
        let listed = Set(objects.map(\.key)).union(unreadable)
        for key in keys(ofKind: kind) where !listed.contains(key) {
            remove(key)
        }
        var errors: [InputError] = []
        for object in objects {
            do {
                try upsert(object)
            } catch let error as InputError {
                errors.append(error)
            } catch {
                errors.append(InputError(object: object.displayName, message: "\(error)"))
            }
        }
        return errors
    }
}
