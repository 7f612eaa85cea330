#!/bin/sh
# Runs a command with the project's Node (>= 22) first on PATH, setting the checkout up first if
# it is not (so `npm test` and `npm run conformance` work on a fresh machine with an older node).
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
sh "$root/scripts/bootstrap.sh"
if [ -x "$root/.tools/node_modules/.bin/node" ]; then PATH="$root/.tools/node_modules/.bin:$PATH"; fi
PATH="$root/node_modules/.bin:$PATH"
export PATH
exec "$@"
