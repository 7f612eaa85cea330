#!/bin/sh
# The real-cluster suite on the test bed (docs/testbed.md).
#   npm run test:testbed             the real-cluster suite: builds what changed, starts the test bed
#                                    (it stops when this script exits, however it exits), runs the
#                                    cluster target's contract tests and the validation dry runs
#                                    against the real API server, the lesson, the catalogue compared
#                                    with sim (kube-router's divergences checked against the
#                                    documented list), then the cluster-scoped validation with the
#                                    Network Policy API's CRDs; at the end it checks that nothing of
#                                    the test bed is left on the host.
#   npm run test:testbed -- --full   the same, but the catalogue compared on sim, netns and the test
#                                    bed (reports/testbed-full/) instead of sim and the test bed;
#                                    about 30 s more.
#   npm run test:testbed -- --no-catalogue
#                                    the same without the catalogue (about 4 minutes less): contract
#                                    tests, validation and the lesson; what .ci/run runs.
set -eu
cd "$(dirname "$0")/.."
full=0
catalogue=1
case "${1:-}" in
  --full) full=1 ;;
  --no-catalogue) catalogue=0 ;;
  '') ;;
  *) echo "usage: npm run test:testbed [-- --full | --no-catalogue]" >&2; exit 2 ;;
esac
started=$(date +%s)
stage() { echo "== test bed [$(($(date +%s) - started)) s]: $*"; }

# Go needs somewhere for its build and module caches; without HOME it has no default for them.
if [ -z "$(go env GOCACHE 2>/dev/null)" ]; then export GOCACHE="$PWD/.testbed/go/cache"; fi
if [ -z "$(go env GOMODCACHE 2>/dev/null)" ]; then export GOMODCACHE="$PWD/.testbed/go/mod"; fi

# What the test bed could leave on the host; compared at the end (scripts/testbed-leftovers.sh).
before="$(mktemp)"
sh scripts/testbed-leftovers.sh snapshot >"$before"

stage "Go unit tests (certificates, image layers, cgroup mounts)"
(cd testbed && CGO_ENABLED=0 go test -vet=off ./internal/pki ./internal/images ./internal/cgroupfs)

up() {
  # A failed start names the component and its last error (testbed up, exit 3); the tail of the
  # logs of the step that failed follows, so a CI log says why without the machine.
  if ! kubeconfig="$(tsx src/cli/main.ts testbed up --owner-pid $$ "$@")"; then
    sh scripts/testbed-leftovers.sh logs
    exit 3
  fi
}
down() { tsx src/cli/main.ts testbed down; }
trap 'tsx src/cli/main.ts testbed down >/dev/null 2>&1 || true; rm -f "$before"' EXIT

stage "build and start"
up
tsx src/cli/main.ts testbed status

stage "contract tests and validation dry runs against the real API server"
NETPOL_CLUSTER_TESTS=testbed tsx --test --test-reporter=spec 'test/cluster/*.test.ts' 'test/testbed/*.test.ts'

stage "the lesson on the test bed"
tsx src/cli/main.ts run --target cluster:netpol-testbed --kubeconfig "$kubeconfig" --reports reports/testbed-lesson features/lessons

if [ "$catalogue" = 1 ] && [ "$full" = 0 ]; then
  stage "the catalogue on sim and on the test bed"
  status=0
  tsx src/cli/main.ts compare --target sim --target cluster:netpol-testbed --kubeconfig "$kubeconfig" --reports reports/testbed || status=$?
  if [ "$status" -ne 0 ]; then echo "compare failed (exit $status)"; exit "$status"; fi
  tsx scripts/testbed-divergences.ts reports/testbed/compare.json
fi

if [ "$full" = 1 ]; then
  stage "the catalogue on sim, netns and the test bed"
  status=0
  tsx src/cli/main.ts compare --target sim --target netns --target cluster:netpol-testbed --kubeconfig "$kubeconfig" --reports reports/testbed-full || status=$?
  if [ "$status" -ne 0 ]; then echo "compare failed (exit $status)"; exit "$status"; fi
  tsx scripts/testbed-divergences.ts reports/testbed-full/compare.json
fi

stage "again with the Network Policy API CRDs (experimental channel): cluster-scoped validation"
# Without the CRDs the cluster-scoped scenarios above are skipped (not served); kube-router enforces
# none of these kinds, so only their validation is put to the API server.
down
up --crds crds/network-policy-api/v1alpha2/experimental --crds crds/network-policy-api/v1alpha1/experimental
NETPOL_CLUSTER_TESTS=testbed NETPOL_TESTBED_CRDS=experimental tsx --test --test-reporter=spec test/testbed/cluster-policy-dry-run.test.ts
tsx src/cli/main.ts run --target cluster:netpol-testbed --kubeconfig "$kubeconfig" --reports reports/testbed-validation features/conformance/validation-cluster-policies.feature

stage "stop, and check that nothing is left on the host"
down
sh scripts/testbed-leftovers.sh check "$before"
stage "done"
