#!/usr/bin/env bash
# Builds pkg/ from src/: cargo (release, wasm32) -> wasm-bindgen -> wasm-opt -Oz -> assemble.
# Reproducible: the same sources and pinned tools give identical bytes (CI checks).
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
want_bindgen=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)
have_bindgen=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have_bindgen" != "$want_bindgen" ]; then
  echo "build-pkg: wasm-bindgen CLI $want_bindgen is needed (found '${have_bindgen:-none}'); run scripts/setup.sh" >&2
  exit 1
fi
[ -x node_modules/.bin/wasm-opt ] || { echo "build-pkg: node_modules/.bin/wasm-opt missing; run 'npm ci'" >&2; exit 1; }

# Remap absolute paths (registry sources, this checkout) so panic messages carry no
# machine-specific paths and the bytes do not depend on where the repo is checked out.
# The target dir is remapped last (the last matching prefix wins): build scripts' OUT_DIR
# paths end up in panic locations, and the target dir may lie anywhere (CARGO_TARGET_DIR).
target_dir=$(cd "${CARGO_TARGET_DIR:-target}" 2>/dev/null && pwd || echo "$PWD/target")
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=$HOME/.cargo=/cargo --remap-path-prefix=$PWD=/crisis-desk --remap-path-prefix=$target_dir=/target"
cargo build --release --locked --target wasm32-unknown-unknown --lib

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
raw="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/crisis_desk.wasm"
wasm-bindgen --target no-modules --no-modules-global CrisisDeskGlue --out-dir "$tmp/nm" "$raw"
wasm-bindgen --target web --out-dir "$tmp/web" "$raw"
node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-multivalue \
  "$tmp/nm/crisis_desk_bg.wasm" -o "$tmp/opt.wasm"
node scripts/pkg/assemble.mjs "$tmp/nm" "$tmp/web/crisis_desk.d.ts" "$tmp/opt.wasm" pkg "$version"
# The whole page as one file (pkg/crisis-desk.html), from www/ and the standalone script just built.
node scripts/pkg/single-file.mjs
node scripts/pkg/source-hash.mjs > pkg/SOURCE_HASH
