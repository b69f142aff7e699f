#!/usr/bin/env bash
# The differential test against GoRules ZEN (issue 5): installs the pinned zen-engine from PyPI
# in a venv, regenerates ZEN's results for the generated decision tables, checks the committed
# fixture is exactly what ZEN gives today, and replays the fresh results through crisis-desk
# (tests/escalation_zen.rs). Needs python3 (with venv) and cargo; about 10 s once built.
#
#   bash tests/oracles/run-zen-differential.sh            # from anywhere in the repository
#   ZEN_VENV=/path/to/venv bash tests/oracles/...         # reuse a venv (default: $TMPDIR)
set -euo pipefail
cd "$(dirname "$0")/../.."

ZEN_VERSION=2.1.3
VENV="${ZEN_VENV:-${TMPDIR:-/tmp}/crisis-desk-zen-${ZEN_VERSION}}"
FIXTURE=tests/fixtures/escalation/zen-differential.json

if ! "$VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('zen-engine') != '$ZEN_VERSION')" 2>/dev/null; then
  echo "=== installing zen-engine $ZEN_VERSION in $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "zen-engine==$ZEN_VERSION"
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
echo "=== ZEN evaluates the generated tables"
"$VENV/bin/python" tests/oracles/escalation_zen.py --out "$WORK/zen-differential.json"

if ! cmp -s "$WORK/zen-differential.json" "$FIXTURE"; then
  echo "$FIXTURE is not what zen-engine $ZEN_VERSION gives today; regenerate and commit it:" >&2
  echo "  $VENV/bin/python tests/oracles/escalation_zen.py" >&2
  diff <(head -c 4000 "$FIXTURE") <(head -c 4000 "$WORK/zen-differential.json") >&2 || true
  exit 1
fi

echo "=== crisis-desk replays ZEN's results"
ZEN_DIFFERENTIAL_FIXTURE="$WORK/zen-differential.json" cargo test --quiet --test escalation_zen
