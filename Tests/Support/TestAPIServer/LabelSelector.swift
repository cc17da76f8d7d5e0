import Foundation

/// A label selector in the equality-based syntax: comma-joined requirements that must all hold,
/// each one of `key`, `!key`, `key=value`, `key==value` or `key!=value`.
struct LabelSelector: Equatable {
    enum Requirement: Equatable {
        case exists(String)
        case doesNotExist(String)
        case equals(String, String)
        case notEquals(String, String)
    }

    var requirements: [Requirement]

    /// Parses the `labelSelector` query parameter; an empty string selects everything.
    init(parsing text: String) throws(SelectorError) {
        requirements = try text.split(separator: ",").map { part throws(SelectorError) in
            let term = part.trimmingCharacters(in: .whitespaces)
            if let range = term.range(of: "!=") {
                return .notEquals(try Self.key(term[..<range.lowerBound], in: text), String(term[range.upperBound...]))
            }
            if let range = term.range(of: "==") ?? term.range(of: "=") {
                return .equals(try Self.key(term[..<range.lowerBound], in: text), String(term[range.upperBound...]))
            }
            if term.hasPrefix("!") {
                return .doesNotExist(try Self.key(term.dropFirst(), in: text))
            }
            return .exists(try Self.key(Substring(term), in: text))
        }
    }

    /// Whether an object with these labels is selected.
    func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .exists(let key): labels[key] != nil
            case .doesNotExist(let key): labels[key] == nil
            case .equals(let key, let value): labels[key] == value
            case .notEquals(let key, let value): labels[key] != value
            }
        }
    }

    private static func key(_ key: Substring, in selector: String) throws(SelectorError) -> String {
        let key = key.trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, !key.contains(where: { " !=()".contains($0) }) else {
            throw SelectorError(message: "unable to parse requirement: invalid label selector \"\(selector)\"")
        }
        return key
    }
}

/// A label or field selector that cannot be parsed or is not supported; the server answers 400 Bad Request.
struct SelectorError: Error, Equatable {
    var message: String
}
