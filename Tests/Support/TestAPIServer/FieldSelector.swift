import Foundation

/// A field selector over `metadata.name` and `metadata.namespace`: comma-joined `field=value`,
/// `field==value` or `field!=value` requirements that must all hold.
struct FieldSelector: Equatable {
    struct Requirement: Equatable {
        var field: String
        var value: String
        var negated: Bool
    }

    static let supportedFields: Set<String> = ["metadata.name", "metadata.namespace"]

    var requirements: [Requirement]

    /// Parses the `fieldSelector` query parameter; an empty string selects everything.
    init(parsing text: String) throws(SelectorError) {
        requirements = try text.split(separator: ",").map { part throws(SelectorError) in
            let term = part.trimmingCharacters(in: .whitespaces)
            let negated = term.contains("!=")
            guard let range = term.range(of: negated ? "!=" : "==") ?? term.range(of: "=") else {
                throw SelectorError(message: "invalid selector: '\(text)'; can't understand '\(term)'")
            }
            let field = String(term[..<range.lowerBound])
            guard Self.supportedFields.contains(field) else {
                throw SelectorError(message: "field label not supported: \(field)")
            }
            return Requirement(field: field, value: String(term[range.upperBound...]), negated: negated)
        }
    }

    /// Whether an object with this name and namespace (empty for cluster-scoped objects) is selected.
    func matches(name: String, namespace: String) -> Bool {
        requirements.allSatisfy { requirement in
            let actual = requirement.field == "metadata.name" ? name : namespace
            return (actual == requirement.value) != requirement.negated
        }
    }
}
