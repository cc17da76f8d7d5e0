import Foundation
import Hummingbird
import ProxyCore

/// Answers every request to a service's health-check port (upstream's `hcHandler`): 200 when the
/// service has local ready endpoints and the proxy is healthy, else 503, with the endpoint count
/// as `X-Load-Balancing-Endpoint-Weight`.
struct ServiceHealthResponder: HTTPResponder {
    let service: NamespacedName
    let counts: LocalEndpointCounts
    let proxyHealthy: @Sendable () -> Bool

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        let count = counts[service]
        let healthy = proxyHealthy()
        var headers = HTTPFields.json
        headers[.init("X-Load-Balancing-Endpoint-Weight")!] = String(count)
        return Response(
            status: count > 0 && healthy ? .ok : .serviceUnavailable, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: body(count: count, healthy: healthy))))
    }

    /// Upstream's body, byte for byte: tab-indented JSON.
    private func body(count: Int, healthy: Bool) -> String {
        """
        {
        \t"service": {
        \t\t"namespace": \(Self.quoted(service.namespace)),
        \t\t"name": \(Self.quoted(service.name))
        \t},
        \t"localEndpoints": \(count),
        \t"serviceProxyHealthy": \(healthy)
        }
        """
    }

    /// A JSON string literal (Kubernetes names never need more than quotes, but stay safe).
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
