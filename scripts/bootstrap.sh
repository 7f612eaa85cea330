#!/bin/sh
# Sets up a fresh checkout: Node >= 22 (installs Node 24 from the npm package `node@24` into .tools/
# when the machine's node is older), the project's dependencies (npm ci) and the CLI built to
# JavaScript (bin/build.js). Idempotent and quiet when there is nothing to do.
set -eu
cd "$(dirname "$0")/.."

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "netpol-conformance: node and npm are required to bootstrap (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi
if [ "$(node_major node)" -lt 22 ] && [ "$(node_major .tools/node_modules/.bin/node)" -lt 22 ]; then
  echo "bootstrap: node $(node --version) is older than 22; installing Node 24 into .tools/ (npm package node@24)"
  # node@24's preinstall script fetches the binary for this machine: .tools/package.json allows it
  # (npm's allowScripts), so npm neither warns about it nor, from npm 12 on, skips it.
  mkdir -p .tools
  printf '%s\n' '{"private": true, "description": "Node 24 for netpol-conformance (scripts/bootstrap.sh)", "allowScripts": {"node": true}}' >.tools/package.json
  npm install --prefix .tools --no-save --no-package-lock --no-audit --no-fund --foreground-scripts node@24 >/dev/null
  if [ "$(node_major .tools/node_modules/.bin/node)" -lt 22 ]; then
    echo "netpol-conformance: installing node@24 into .tools/ failed; install Node >= 22 and retry" >&2
    exit 1
  fi
fi
if [ -x .tools/node_modules/.bin/node ]; then PATH="$PWD/.tools/node_modules/.bin:$PATH"; export PATH; fi

# npm ci only when package-lock.json changed since the last install (or nothing is installed).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "bootstrap: installing dependencies with node $(node --version) (npm ci)"
  npm ci --no-audit --no-fund >/dev/null
fi

# The CLI built to JavaScript (dist/), when the sources changed since the last build.
node bin/build.js
