#!/usr/bin/env bash
# crisis-desk side by side with its peers (issue 8, item 3), in one command:
#
#   bash bench/peers/run.sh                    # from anywhere in the repository
#   PEERS_VENV=/path/to/venv bash ...          # reuse a venv (default: /tmp/crisis-desk-peers-venv)
#   PEERS_INSTALL_R=1 bash ...                 # also apt-get install Debian's r-cran-epiestim (root)
#   PEERS_TARGET=2 bash ...                    # seconds of repeats per call and tool (default 1)
#
# Installs the pinned peers from PyPI in a venv (epyestim, ahpy, pymcdm, zen-engine and the
# numpy/scipy/pandas they run on), checks for R's EpiEstim (run only when `Rscript` exists and
# `library(EpiEstim)` loads), then runs bench/peers/peers.py: it generates the shared inputs,
# times crisis-desk (pkg/, WebAssembly in Node) and every peer on them, checks that the answers
# agree, prints the table and writes bench/peers/results.md. Exits non-zero when an agreement
# check fails. Needs python3 (with venv), Node.js >= 20 and the committed pkg/; about 2 minutes
# on 2 idle cores, plus the first install.
set -euo pipefail
cd "$(dirname "$0")/../.."

# The versions measured (bench/peers/results.md lists what ran). Bump them together, rerun, commit.
PINS=(
  "epyestim==0.1"
  "AHPy==2.1"
  "pymcdm==1.4.0"
  "zen-engine==2.1.3"
  "numpy==2.4.6"
  "scipy==1.17.1"
  "pandas==3.1.1"
)
VENV="${PEERS_VENV:-/tmp/crisis-desk-peers-venv}"

if ! "$VENV/bin/python" - "${PINS[@]}" 2>/dev/null <<'EOF'
import importlib.metadata as m, sys
sys.exit(any(m.version(p.split("==")[0]) != p.split("==")[1] for p in sys.argv[1:]))
EOF
then
  echo "=== installing the peers in $VENV: ${PINS[*]}"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "${PINS[@]}"
fi

# R's EpiEstim: Debian packages it (r-cran-epiestim, bookworm: 2.2-4). It is installed only on
# request, as it brings R and about 100 packages with it.
r_loads() { command -v Rscript >/dev/null && TZ=UTC Rscript -e 'suppressPackageStartupMessages(library(EpiEstim))' >/dev/null 2>&1; }
if ! r_loads; then
  if [ "${PEERS_INSTALL_R:-0}" = 1 ]; then
    echo "=== installing R's EpiEstim from Debian (r-cran-epiestim)"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends r-cran-epiestim >/dev/null
  else
    echo "=== R's EpiEstim not found (Rscript missing or library(EpiEstim) does not load): skipped." \
      "PEERS_INSTALL_R=1 installs Debian's r-cran-epiestim."
  fi
fi

command="bash bench/peers/run.sh"
[ -n "${PEERS_TARGET:-}" ] && command="PEERS_TARGET=$PEERS_TARGET $command"
PEERS_COMMAND="$command" exec "$VENV/bin/python" bench/peers/peers.py "$@"
