#!/usr/bin/env bash
# Runs every test: formatting and lints, the native core tests, the boundary under
# wasm-bindgen-test (Node), the JS package tests, and the page in headless Chromium from
# file:// and from http://127.0.0.1. Installs missing tools first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }

[ "${CRISIS_DESK_SKIP_SETUP:-}" = 1 ] || bash scripts/setup.sh

step "cargo fmt --check"
cargo fmt --check
step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings
step "native tests (cargo test)"
cargo test
step "wasm boundary tests (cargo test --target wasm32-unknown-unknown, in Node)"
cargo test --target wasm32-unknown-unknown

step "pkg/ matches its sources"
if [ "$(cat pkg/SOURCE_HASH 2>/dev/null)" != "$(node scripts/pkg/source-hash.mjs)" ]; then
  echo "pkg/ is stale: rebuilding it (commit the result)"
  bash scripts/build-pkg.sh
fi

step "pkg/crisis-desk.html from www/ (Node only)"
node scripts/pkg/single-file.mjs

step "size budgets (sizes.json)"
node scripts/check-sizes.mjs

step "JS package and page tests (node --test, headless Chromium)"
node --test --test-concurrency=1 tests/js/ tests/browser/
