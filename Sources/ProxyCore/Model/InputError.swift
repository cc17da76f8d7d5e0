/// A problem with an input object: which file, which object, which field, and what is wrong.
///
/// The proxy skips the object and keeps everything else; the description is one line meant for
/// an operator: `services.yaml: Service default/web: spec.ports[0].port: 70000 is not in 1..65535`.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the object came from (a file path, possibly with a document number); nil if unknown.
    public var origin: String?
    /// The object, as `Kind namespace/name`; nil when the object could not be identified.
    public var object: String?
    /// The field path, as `spec.ports[0].port`; nil when the whole object or file is at fault.
    public var field: String?
    /// What is wrong.
    public var message: String

    public init(origin: String? = nil, object: String? = nil, field: String? = nil, message: String) {
        self.origin = origin
        self.object = object
        self.field = field
        self.message = message
    }

    public var description: String {
        [origin, object, field, message].compactMap { $0 }.joined(separator: ": ")
    }

    /// The same error, attributed to an origin.
    public func from(_ origin: String) -> InputError {
        var copy = self
        copy.origin = origin
        return copy
    }
}
