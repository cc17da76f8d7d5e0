# The two commands of the README: `make demo` and `make test`. Both install what they need first.
SWIFT ?= swift
PROXYD = .build/debug/proxyd
EXAMPLE = examples/podinfo.yaml

.PHONY: deps build demo test

deps:
	./scripts/install-deps.sh

build: deps
	$(SWIFT) build --product proxyd
	$(SWIFT) build --product proxyd-conformance-agent

# Render and trace the bundled example cluster, then program it into a sandbox of network
# namespaces and show traffic flowing (root).
demo: build
	@echo "== proxyd render: the service graph of node-1"
	$(PROXYD) render --source $(EXAMPLE) --hostname-override node-1 --cluster-cidr 10.244.0.0/16
	@echo "== proxyd trace: a pod on node-1 calls the podinfo ClusterIP"
	$(PROXYD) trace --source $(EXAMPLE) --hostname-override node-1 --cluster-cidr 10.244.0.0/16 \
		--from 10.244.1.9 --to 10.96.0.50:80
	@echo "== proxyd trace: node-1 itself calls it (masqueraded), with the decisions explained"
	$(PROXYD) trace --source $(EXAMPLE) --hostname-override node-1 --cluster-cidr 10.244.0.0/16 \
		--from 10.0.1.1 --to 10.96.0.50:80 --explain
	@echo "== the iptables backend in a sandbox of network namespaces"
	./scripts/demo-sandbox.sh
	@echo "== the nftables backend in the same sandbox"
	MODE=nftables ./scripts/demo-sandbox.sh

test: deps
	$(SWIFT) test
