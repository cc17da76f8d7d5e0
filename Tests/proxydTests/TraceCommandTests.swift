import Foundation
import ProxyConformance
import Testing

@Suite struct TraceCommandTests {
    private var podinfo: String { ProxydProcess.examples + "/podinfo.yaml" }

    @Test func podinfoFromAPod() throws {
        let output = try ProxydProcess.run([
            "trace", "--source", podinfo, "--hostname-override", "node-1", "--cluster-cidr", "10.244.0.0/16",
            "--from", "10.244.1.9", "--to", "10.96.0.50:80",
        ])
        #expect(output.status == 0)
        #expect(output.standardOutput == "verdict: 10.244.1.2:9898, 10.244.1.3:9898, 10.244.2.2:9898\nmasquerade: no\n")
        #expect(output.standardError.isEmpty)
    }

    @Test func podinfoFromTheNodeIsMasqueraded() throws {
        let output = try ProxydProcess.run([
            "trace", "--source", podinfo, "--hostname-override", "node-1", "--cluster-cidr", "10.244.0.0/16",
            "--from", "10.0.1.1", "--to", "10.96.0.50:80/tcp",
        ])
        #expect(output.standardOutput == "verdict: 10.244.1.2:9898, 10.244.1.3:9898, 10.244.2.2:9898\nmasquerade: yes\n")
    }

    @Test func jsonOutputCarriesTheSameFacts() throws {
        let output = try ProxydProcess.run([
            "trace", "--source", podinfo, "--hostname-override", "node-1", "--cluster-cidr", "10.244.0.0/16",
            "--from", "10.0.1.1", "--to", "10.96.0.50:80", "--output", "json",
        ])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(object["verdict"] as? String == "10.244.1.2:9898, 10.244.1.3:9898, 10.244.2.2:9898")
        #expect(object["masquerade"] as? Bool == true)
        #expect(object["service"] as? String == "default/podinfo:http")
        #expect(object["endpoints"] as? [String] == ["10.244.1.2:9898", "10.244.1.3:9898", "10.244.2.2:9898"])
    }

    @Test func noMatchPrintsAnEmptyVerdict() throws {
        let output = try ProxydProcess.run([
            "trace", "--source", podinfo, "--hostname-override", "node-1", "--from", "10.244.1.9", "--to", "10.96.0.51:80",
        ])
        #expect(output.status == 0)
        #expect(output.standardOutput == "verdict: \nmasquerade: no\n")
    }

    @Test func aBadObjectIsNamedAndSkippedWhileTheRestWorks() throws {
        let broken = try String(contentsOfFile: podinfo, encoding: .utf8) + """
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: broken, namespace: shop}
            spec: {clusterIP: 10.96.0.60, ports: [{port: 70000}]}
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {name: broken-1, namespace: shop, labels: {kubernetes.io/service-name: broken}}
            addressType: IPv4
            endpoints: [{addresses: [10.244.300.1]}]
            """
        let file = try ProxydProcess.temporaryFile(broken)
        let output = try ProxydProcess.run([
            "trace", "--source", file, "--hostname-override", "node-1", "--cluster-cidr", "10.244.0.0/16",
            "--from", "10.244.1.9", "--to", "10.96.0.50:80",
        ])
        #expect(output.status == 0)
        #expect(output.standardOutput.hasPrefix("verdict: 10.244.1.2:9898"))
        let lines = output.standardError.split(separator: "\n").map(String.init)
        #expect(lines == [
            "proxyd: \(file): Service shop/broken: spec.ports[0].port: 70000 is not in 1..65535",
            "proxyd: \(file): EndpointSlice shop/broken-1: endpoints[0].addresses[0]: \"10.244.300.1\" is not a valid IP address",
        ])
    }

    @Test func nothingUsableFails() throws {
        let file = try ProxydProcess.temporaryFile("kind: Service\nmetadata: {name: x}\nspec: {ports: [{port: 0}]}\n")
        let output = try ProxydProcess.run([
            "trace", "--source", file, "--hostname-override", "n", "--from", "10.0.0.1", "--to", "10.96.0.1:80",
        ])
        #expect(output.status != 0)
        #expect(output.standardError.contains("Service default/x: spec.ports[0].port: 0 is not in 1..65535"))
        #expect(output.standardError.contains("no usable Service, EndpointSlice or Node"))
    }

    @Test(arguments: [
        (["--to", "10.96.0.50"], "--to"), (["--to", "10.96.0.50:80/icmp"], "--to"),
        (["--to", "10.96.0.50:80", "--cluster-cidr", "10.244.0.0/33"], "--cluster-cidr"),
        (["--to", "10.96.0.50:80", "--node-ip", "10.0.1"], "--node-ip"),
    ])
    func badFlagsFailWithTheFlagNamed(extra: [String], flag: String) throws {
        let output = try ProxydProcess.run(
            ["trace", "--source", podinfo, "--hostname-override", "node-1", "--from", "10.244.1.9"] + extra)
        #expect(output.status != 0)
        #expect(output.standardError.contains(flag))
    }

    @Test func aMissingSourceFails() throws {
        let output = try ProxydProcess.run([
            "trace", "--source", "/nonexistent/cluster.yaml", "--hostname-override", "n", "--from", "10.0.0.1",
            "--to", "10.96.0.1:80",
        ])
        #expect(output.status != 0)
        #expect(output.standardError.contains("/nonexistent/cluster.yaml: no such file or directory"))
    }

    @Test func readsADirectoryOfManifests() throws {
        let directory = NSTemporaryDirectory() + "proxyd-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory + "/nested", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let text = try String(contentsOfFile: podinfo, encoding: .utf8)
        try text.write(toFile: directory + "/nested/cluster.yml", atomically: true, encoding: .utf8)
        try "not: [yaml".write(toFile: directory + "/.hidden.yaml", atomically: true, encoding: .utf8)
        try "ignored".write(toFile: directory + "/README.txt", atomically: true, encoding: .utf8)
        let output = try ProxydProcess.run([
            "trace", "--source", directory, "--hostname-override", "node-1", "--from", "10.244.1.9", "--to", "10.96.0.50:80",
        ])
        #expect(output.status == 0)
        #expect(output.standardError.isEmpty)
        #expect(output.standardOutput.hasPrefix("verdict: 10.244.1.2:9898, 10.244.1.3:9898, 10.244.2.2:9898"))
    }
}
