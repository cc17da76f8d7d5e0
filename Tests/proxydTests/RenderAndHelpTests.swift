import Testing

@Suite struct RenderAndHelpTests {
    @Test func renderDumpsTheGraphForEachMode() throws {
        for mode in ["iptables", "nftables", "ipvs"] {
            let output = try ProxydProcess.run([
                "render", "--mode", mode, "--source", ProxydProcess.examples + "/podinfo.yaml",
                "--hostname-override", "node-1", "--cluster-cidr", "10.244.0.0/16",
            ])
            #expect(output.status == 0)
            #expect(output.standardOutput.contains("# mode \(mode)"))
            #expect(output.standardOutput.contains("frontend cluster-ip 10.96.0.50:80/tcp -> cluster endpoints"))
            #expect(output.standardOutput.contains("10.244.2.2:9898 remote"))
        }
    }

    @Test func anUnknownModeFails() throws {
        let output = try ProxydProcess.run([
            "render", "--mode", "userspace", "--source", ProxydProcess.examples + "/podinfo.yaml",
            "--hostname-override", "node-1",
        ])
        #expect(output.status != 0)
        #expect(output.standardError.contains("--mode"))
    }

    @Test func versionAndHelp() throws {
        let version = try ProxydProcess.run(["--version"])
        #expect(version.status == 0)
        #expect(version.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        let help = try ProxydProcess.run(["trace", "--help"])
        for flag in ["--source", "--hostname-override", "--cluster-cidr", "--node-ip", "--masquerade-all", "--from", "--to",
                     "--output", "--nodeport-addresses"] {
            #expect(help.standardOutput.contains(flag))
        }
    }
}
