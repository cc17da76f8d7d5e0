#!/usr/bin/env bash
# Programs the bundled example into a sandbox of network namespaces with one of proxyd's backends
# (MODE=iptables, the default, or MODE=nftables) and shows traffic flowing: node-1 (programmed by proxyd) with two podinfo pods and a client pod,
# node-2 with the third podinfo pod. Run as root; every namespace is deleted on exit.
set -euo pipefail
PROXYD=${PROXYD:-.build/debug/proxyd}
AGENT=${AGENT:-.build/debug/proxyd-conformance-agent}
EXAMPLE=examples/podinfo.yaml
MODE=${MODE:-iptables}
P="pxdemo$$"
servers=()

cleanup() {
    for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
    for ns in $(ip netns list | awk '{print $1}' | grep "^$P-" || true); do
        ip netns pids "$ns" | xargs -r kill -9 2>/dev/null || true
        ip netns del "$ns"
    done
}
trap cleanup EXIT

ns() { ip netns add "$P-$1"; ip -n "$P-$1" link set lo up; }
in_ns() { local name=$1; shift; ip netns exec "$P-$name" "$@"; }

# Two nodes joined by one link: node-1 10.0.1.1, node-2 10.0.1.2.
ns node1; ns node2
ip -n "$P-node1" link add eth0 type veth peer name eth0 netns "$P-node2"
for n in 1 2; do
    ip -n "$P-node$n" addr add "10.0.1.$n/24" dev eth0
    ip -n "$P-node$n" link set eth0 up
    in_ns "node$n" sysctl -qw net.ipv4.ip_forward=1
done
ip -n "$P-node1" route add 10.244.2.0/24 via 10.0.1.2
ip -n "$P-node2" route add 10.244.1.0/24 via 10.0.1.1
ip -n "$P-node1" route add default via 10.0.1.2   # where unmatched service traffic would go

# A pod: a namespace routed from its node through a veth (as the ptp CNI plugin does).
pod() {
    local name=$1 node=$2 ip=$3 index=$4
    ns "$name"
    ip -n "$P-$node" link add "vp$index" type veth peer name eth0 netns "$P-$name"
    ip -n "$P-$node" link set "vp$index" up
    ip -n "$P-$node" addr add 169.254.1.1/32 dev "vp$index"
    ip -n "$P-$node" route add "$ip/32" dev "vp$index"
    ip -n "$P-$name" addr add "$ip/32" dev eth0
    ip -n "$P-$name" link set eth0 up
    ip -n "$P-$name" route add 169.254.1.1 dev eth0 scope link
    ip -n "$P-$name" route add default via 169.254.1.1 dev eth0
}
pod podinfo-a node1 10.244.1.2 0
pod podinfo-b node1 10.244.1.3 1
pod client node1 10.244.1.9 2
pod podinfo-c node2 10.244.2.2 0
for p in podinfo-a:10.244.1.2 podinfo-b:10.244.1.3 podinfo-c:10.244.2.2; do
    in_ns "${p%%:*}" "$AGENT" serve --name "${p#*:}" --listen 9898/tcp >/dev/null & servers+=($!)
done
sleep 0.5

echo "== before proxyd: the client pod calls the podinfo ClusterIP 10.96.0.50:80"
in_ns client "$AGENT" probe --to 10.96.0.50:80 --timeout-milliseconds 500 || true
echo "== proxyd --mode $MODE --once in node-1's namespace"
in_ns node1 "$PROXYD" --mode "$MODE" --source "$EXAMPLE" --hostname-override node-1 \
    --cluster-cidr 10.244.0.0/16 --node-ip 10.0.1.1 --once
echo "== the client pod calls it 9 times (answer: pod address, port, the client address the pod saw)"
in_ns client "$AGENT" probe --to 10.96.0.50:80 --count 9
echo "== node-1 itself calls it from 10.0.1.1: masqueraded (pods on node-1 see 169.254.1.1, node-1's address on their link)"
in_ns node1 "$AGENT" probe --to 10.96.0.50:80 --from 10.0.1.1 --count 3
echo "== what the tracer predicted for the client pod"
"$PROXYD" trace --source "$EXAMPLE" --hostname-override node-1 --cluster-cidr 10.244.0.0/16 \
    --from 10.244.1.9 --to 10.96.0.50:80
if [ "$MODE" = nftables ]; then
    echo "== what the kernel holds: the ClusterIP's class element and its endpoint map"
    in_ns node1 nft list set ip proxyd clusterip-cluster | grep elements
    in_ns node1 nft list map ip proxyd endpoints-tcp-3 | grep -A2 elements
fi
echo "== proxyd --cleanup removes its rules again"
in_ns node1 "$PROXYD" --mode "$MODE" --cleanup
if [ "$MODE" = nftables ]; then
    in_ns node1 nft list tables | wc -l | sed 's/^/nftables tables left: /'
else
    in_ns node1 iptables-save | grep -c KUBE- | sed 's/^/KUBE- lines left (kubelet'"'"'s KUBE-FIREWALL stays): /'
fi
