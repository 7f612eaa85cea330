#!/bin/sh
# The project's tests: type check and lint, unit tests, the features on sim, and the features on
# netns wherever this machine can build a network-namespace sandbox (it says so when it cannot).
# The features run through the built CLI (bin/netpol-conformance.js), which scripts/with-node.sh
# has brought up to date with the sources; the unit tests run the sources.
set -eu
cd "$(dirname "$0")/.."
echo "== type check (tsc --noEmit) and lint (oxlint --type-aware, knip)"
tsc -p . &
typecheck=$!
oxlint --type-aware --deny-warnings --quiet
knip --no-progress
wait "$typecheck"
echo "== unit tests (node:test)"
sh scripts/unit-tests.sh
echo "== features on sim"
node bin/netpol-conformance.js run --target sim --format progress
echo "== features on netns"
if reason="$(node bin/netpol-conformance.js doctor --target netns --quiet 2>&1)"; then
  node bin/netpol-conformance.js run --target netns --format progress
else
  echo "netns features skipped: $reason"
fi
echo "== every command the docs show, typed into a user's shell (the machine's node on PATH)"
tsx --test --test-reporter=spec test/docs/commands.docs.ts
echo "== test bed (real API server, kubelet, kube-router): not part of npm test; run npm run test:testbed"
