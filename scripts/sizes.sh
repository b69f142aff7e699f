#!/usr/bin/env bash
# Prints the raw and gzip -9 sizes of the built package (the figures in README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
for f in pkg/crisis_desk_bg.wasm pkg/crisis_desk.js pkg/crisis_desk_standalone.js; do
  printf '%-32s %9d bytes raw %9d bytes gzip -9\n' "$f" "$(stat -c%s "$f")" "$(gzip -9c "$f" | wc -c)"
done
