#!/usr/bin/env bash
# Given to runTests() as vscodeExecutablePath: runs the compiled launcher (see launcher.ts).
exec node "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/out/test/testbed/launcher.js" "$@"
