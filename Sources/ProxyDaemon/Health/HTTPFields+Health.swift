import Hummingbird

extension HTTPFields {
    /// JSON that browsers must not sniff (upstream's health and configz answers).
    static let json = nosniff(contentType: "application/json")

    /// The headers of plain-text answers (`/healthz` and `/proxyMode` of the metrics server).
    static let plainText = nosniff(contentType: "text/plain; charset=utf-8")

    /// A content type with `X-Content-Type-Options: nosniff`.
    static func nosniff(contentType: String) -> HTTPFields {
        var fields = HTTPFields()
        fields[.contentType] = contentType
        fields[.init("X-Content-Type-Options")!] = "nosniff"
        return fields
    }
}
