#!/bin/sh
# The real-cluster suite on the test bed (docs/testbed.md): builds what changed, starts the test
# bed (it stops when this script exits, however it exits), then runs the cluster target's contract
# tests and the validation dry runs against the real API server, the whole catalogue compared with
# sim (reports/testbed/), and checks that kube-router diverges exactly where documented.
set -eu
cd "$(dirname "$0")/.."
echo "== test bed: Go unit tests (certificates, image layers)"
(cd testbed && CGO_ENABLED=0 go test -vet=off ./internal/pki ./internal/images)
echo "== test bed: build and start"
kubeconfig="$(tsx src/cli/main.ts testbed up --owner-pid $$)"
trap 'tsx src/cli/main.ts testbed down >/dev/null 2>&1 || true' EXIT
echo "== test bed: contract tests and validation dry runs against the real API server"
NETPOL_CLUSTER_TESTS=testbed tsx --test --test-reporter=spec 'test/cluster/*.test.ts' 'test/testbed/*.test.ts'
echo "== test bed: the catalogue on sim and on the test bed"
status=0
tsx src/cli/main.ts compare --target sim --target cluster:netpol-testbed --kubeconfig "$kubeconfig" --reports reports/testbed || status=$?
if [ "$status" -ne 0 ]; then echo "compare failed (exit $status)"; exit "$status"; fi
tsx scripts/testbed-divergences.ts reports/testbed/compare.json
