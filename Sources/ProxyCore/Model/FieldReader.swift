/// Turns raw API values into typed ones, throwing an ``InputError`` that names the object and field.
struct FieldReader {
    /// `Kind namespace/name`, used in every error.
    let object: String

    func fail(_ field: String, _ message: String) -> InputError {
        InputError(object: object, field: field, message: message)
    }

    func ip(_ text: String, _ field: String) throws -> IPAddress {
        guard let address = IPAddress(text.trimmingSpaces) else { throw fail(field, "\"\(text)\" is not a valid IP address") }
        return address
    }

    func cidr(_ text: String, _ field: String) throws -> CIDR {
        guard let cidr = CIDR(text.trimmingSpaces) else { throw fail(field, "\"\(text)\" is not a valid CIDR") }
        return cidr
    }

    func transport(_ text: String?, _ field: String) throws -> TransportProtocol {
        guard let text, !text.isEmpty else { return .tcp }
        guard let value = TransportProtocol(rawValue: text) else {
            throw fail(field, "\"\(text)\" is not a supported protocol (TCP, UDP or SCTP)")
        }
        return value
    }

    /// A port that must be present and in 1...65535.
    func port(_ value: Int?, _ field: String) throws -> Int {
        guard let value else { throw fail(field, "is required") }
        guard (1...65535).contains(value) else { throw fail(field, "\(value) is not in 1..65535") }
        return value
    }

    /// An optional port, where 0 or absent means none.
    func optionalPort(_ value: Int?, _ field: String) throws -> Int? {
        guard let value, value != 0 else { return nil }
        guard (1...65535).contains(value) else { throw fail(field, "\(value) is not in 1..65535") }
        return value
    }

    func oneOf(_ value: String?, _ allowed: [String], _ field: String) throws -> String {
        let value = value ?? ""
        guard allowed.contains(value) else {
            let names = allowed.filter { !$0.isEmpty }.joined(separator: ", ")
            throw fail(field, "\"\(value)\" is not one of \(names)")
        }
        return value
    }
}

extension String {
    var trimmingSpaces: Substring {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return text
    }
}
