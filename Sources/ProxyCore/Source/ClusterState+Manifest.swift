extension ClusterState {
    /// Adds every object read from manifests; invalid objects are skipped.
    /// - Returns: one error per skipped object, naming its file, the object and the field.
    @discardableResult
    public mutating func add(_ entries: [ManifestSource.Entry]) -> [InputError] {
        var errors: [InputError] = []
        for entry in entries {
            do {
                try upsert(entry.object)
            } catch let error as InputError {
                errors.append(error.from(entry.origin))
            } catch {
                errors.append(InputError(origin: entry.origin, object: entry.object.displayName, message: "\(error)"))
            }
        }
        return errors
    }
}
