import Testing

@Suite struct RenderAndHelpTests {
    private func render(_ mode: String) throws -> ProxydProcess.Output {
        try ProxydProcess.run([
            "render", "--mode", mode, "--source", ProxydProcess.examples + "/podinfo.yaml",
            "--hostname-override", "node-1", "--cluster-cidr", "10.244.0.0/16",
        ])
    }

    @Test func renderPrintsTheIptablesRestoreInput() throws {
        let output = try render("iptables")
        #expect(output.status == 0)
        let text = output.standardOutput
        #expect(text.hasPrefix("# IPv4 (iptables-restore input)\n*filter\n"))
        #expect(text.contains("-A KUBE-SERVICES -m comment --comment \"default/podinfo:http cluster IP\" -m tcp -p tcp -d 10.96.0.50 --dport 80 -j KUBE-SVC-"))
        #expect(text.contains("-j DNAT --to-destination 10.244.2.2:9898"))
        #expect(text.hasSuffix("COMMIT\n"))
    }

    @Test func renderDumpsTheGraphForIPVS() throws {
        let output = try render("ipvs")
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("# mode ipvs"))
        #expect(output.standardOutput.contains("frontend cluster-ip 10.96.0.50:80/tcp -> cluster endpoints"))
        #expect(output.standardOutput.contains("10.244.2.2:9898 remote"))
    }

    @Test func renderPrintsTheNftablesTable() throws {
        let output = try render("nftables")
        #expect(output.status == 0)
        #expect(output.standardOutput.hasPrefix("table ip proxyd {\n"))
        #expect(output.standardOutput.contains("10.96.0.50 . tcp . 80 comment \"default/podinfo:http\""))
        #expect(output.standardOutput.contains(" : 10.244.2.2 . 9898"))
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
