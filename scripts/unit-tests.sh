#!/bin/sh
# The unit tests (node:test through tsx): every test/**/*.test.ts, or the files and globs given
# (`npm run test:unit -- 'test/cluster/**/*.test.ts'`; node expands quoted globs itself).
set -eu
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then set -- 'test/**/*.test.ts'; fi
# Two test files at a time: most of them wait on child processes, sockets or the sandbox, not the CPU.
exec tsx --test --test-concurrency=2 --test-reporter=spec "$@"
