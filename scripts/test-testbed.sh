#!/bin/sh
# The real-cluster suite on the test bed (docs/testbed.md): builds what changed, starts the test
# bed (it stops when this script exits, however it exits), then runs the cluster target's contract
# tests and the validation dry runs against the real API server, the whole catalogue compared with
# sim (reports/testbed/), and checks that kube-router diverges exactly where documented.
set -eu
cd "$(dirname "$0")/.."
echo "== test bed: Go unit tests (certificates, image layers, cgroup mounts)"
(cd testbed && CGO_ENABLED=0 go test -vet=off ./internal/pki ./internal/images ./internal/cgroupfs)
echo "== test bed: build and start"
kubeconfig="$(tsx src/cli/main.ts testbed up --owner-pid $$)"
trap 'tsx src/cli/main.ts testbed down >/dev/null 2>&1 || true' EXIT
tsx src/cli/main.ts testbed status
echo "== test bed: contract tests and validation dry runs against the real API server"
NETPOL_CLUSTER_TESTS=testbed tsx --test --test-reporter=spec 'test/cluster/*.test.ts' 'test/testbed/*.test.ts'
echo "== test bed: the catalogue on sim and on the test bed"
status=0
tsx src/cli/main.ts compare --target sim --target cluster:netpol-testbed --kubeconfig "$kubeconfig" --reports reports/testbed || status=$?
if [ "$status" -ne 0 ]; then echo "compare failed (exit $status)"; exit "$status"; fi
tsx scripts/testbed-divergences.ts reports/testbed/compare.json
echo "== test bed: again with the Network Policy API CRDs (experimental channel): cluster-scoped validation"
# Without the CRDs the cluster-scoped scenarios above are skipped (not served); kube-router enforces
# none of these kinds, so only their validation is put to the API server.
tsx src/cli/main.ts testbed down
kubeconfig="$(tsx src/cli/main.ts testbed up --owner-pid $$ --crds crds/network-policy-api/v1alpha2/experimental --crds crds/network-policy-api/v1alpha1/experimental)"
NETPOL_CLUSTER_TESTS=testbed NETPOL_TESTBED_CRDS=experimental tsx --test --test-reporter=spec test/testbed/cluster-policy-dry-run.test.ts
tsx src/cli/main.ts run --target cluster:netpol-testbed --kubeconfig "$kubeconfig" --reports reports/testbed-validation features/conformance/validation-cluster-policies.feature
