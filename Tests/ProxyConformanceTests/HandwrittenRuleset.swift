/// An iptables-restore ruleset written by hand for `Fixtures/handwritten-cluster-ip.yaml`, in
/// kube-proxy's shape: the kernel runner is proven against it (and against a broken copy).
enum HandwrittenRuleset {
    static func ruleset(masquerade: Bool) -> String {
        let mark = masquerade ? "" : "# "
        return """
            *filter
            :KUBE-SERVICES - [0:0]
            -A OUTPUT -m conntrack --ctstate NEW -j KUBE-SERVICES
            -A FORWARD -m conntrack --ctstate NEW -j KUBE-SERVICES
            -A KUBE-SERVICES -d 10.96.0.60/32 -p tcp -m tcp --dport 80 -j REJECT
            COMMIT
            *nat
            :KUBE-SERVICES - [0:0]
            :KUBE-MARK-MASQ - [0:0]
            :KUBE-POSTROUTING - [0:0]
            :KUBE-SVC-WEB - [0:0]
            :KUBE-SEP-LOCAL - [0:0]
            :KUBE-SEP-REMOTE - [0:0]
            -A PREROUTING -j KUBE-SERVICES
            -A OUTPUT -j KUBE-SERVICES
            -A POSTROUTING -j KUBE-POSTROUTING
            -A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
            -A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
            -A KUBE-POSTROUTING -j MASQUERADE
            -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
            -A KUBE-SERVICES -d 10.96.0.50/32 -p tcp -m tcp --dport 80 -j KUBE-SVC-WEB
            \(mark)-A KUBE-SVC-WEB -d 10.96.0.50/32 -p tcp -m tcp --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
            -A KUBE-SVC-WEB -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-LOCAL
            -A KUBE-SVC-WEB -j KUBE-SEP-REMOTE
            \(mark)-A KUBE-SEP-LOCAL -s 10.244.1.2/32 -j KUBE-MARK-MASQ
            -A KUBE-SEP-LOCAL -p tcp -m tcp -j DNAT --to-destination 10.244.1.2:9898
            \(mark)-A KUBE-SEP-REMOTE -s 10.244.2.2/32 -j KUBE-MARK-MASQ
            -A KUBE-SEP-REMOTE -p tcp -m tcp -j DNAT --to-destination 10.244.2.2:9898
            COMMIT

            """
    }
}
