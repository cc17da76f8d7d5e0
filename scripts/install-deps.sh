#!/usr/bin/env bash
# Installs the Debian packages proxyd builds and tests with (run as root on Debian 12).
# Swift itself (6.1 or newer) must already be on PATH.
set -euo pipefail

packages=(
    pkg-config
    libmnl-dev libnftnl-dev libip4tc-dev libipset-dev   # netlink and netfilter C libraries
    iptables nftables ipset iproute2 conntrack          # the tools backends drive and tests compare against
    openssl curl ca-certificates                        # test certificates for the test API server; HTTP checks
)

if ! command -v swift >/dev/null 2>&1; then
    echo "install-deps: swift is not on PATH; install Swift 6.1 or newer first" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
echo "install-deps: ${packages[*]} installed"
