#!/usr/bin/env bash
# Installs what building and testing crisis-desk needs, skipping what is already there:
# the wasm32 target, wasm-bindgen-cli at exactly the crate's wasm-bindgen version, Debian's
# Chromium (and a small CJK font so screenshots show Chinese), and the npm packages pinned
# in package-lock.json (binaryen for wasm-opt, playwright-core).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for c in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$c"; then rustup component add "$c"; fi
done

want=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  # Not --locked: a locked dependency of the CLI is missing from the index (toolchain.md).
  say "installing wasm-bindgen-cli $want (found '${have:-none}'); this takes about 5 minutes"
  cargo install wasm-bindgen-cli --version "$want"
fi

if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk"; then
  if [ "$(id -u)" = 0 ]; then
    say "installing Debian chromium and a CJK font"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends chromium fonts-wqy-microhei >/dev/null 2>&1 ||
      { apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium fonts-wqy-microhei >/dev/null; }
  else
    say "please install Debian's chromium (sudo apt-get install chromium fonts-wqy-microhei)"
    [ -x /usr/bin/chromium ] || exit 1
  fi
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] ||
  [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund
fi
say "ready"
