#!/usr/bin/env bash
# CI entry for the real-editor tests, independent of npm scripts: install the tools if missing
# (scripts/e2e/setup.sh: apt + code-server into .tools/), then run both stages
# (scripts/e2e/run.sh). Expects `npm ci` done; builds and packages if dist/tenant-config.vsix is missing.
# Last line: `e2e: N passed, N failed`; non-zero exit on any failure.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! bash "$HERE/setup.sh"; then
  echo "e2e: 0 passed, 1 failed (setup failed)"
  exit 1
fi
exec bash "$HERE/run.sh" "$@"
