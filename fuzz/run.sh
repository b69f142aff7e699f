#!/usr/bin/env bash
# Fuzzes every target for SECONDS each (default 60): `bash fuzz/run.sh [SECONDS] [TARGET...]`.
# Installs cargo-fuzz if missing, writes the seed corpus from the fixtures (make-seeds.py), and
# keeps what libFuzzer learns in fuzz/corpus/<target> (not in git). A finding stops the run
# with the input in fuzz/artifacts/<target>/; reproduce with
#   cargo fuzz run -s none <target> fuzz/artifacts/<target>/<file>
# Stable Rust: `-s none` (no sanitizer) needs no nightly; libFuzzer's coverage, -timeout (a
# hang) and -rss_limit_mb (runaway allocation) still apply. Prints executions per target.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json_entry_points rulebook structured_situation structured_table)

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2
python3 make-seeds.py
cargo fuzz build -s none "${targets[@]/#/}" >/dev/null 2>&1 || cargo fuzz build -s none
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  log=$(mktemp)
  if ! cargo fuzz run -s none "$t" "corpus/$t" "seeds/$t" -- \
      -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz: $t FOUND A FAILURE (input saved in fuzz/artifacts/$t/)" >&2
    exit 1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  echo "fuzz: $t ran $runs executions in ${seconds}s without a finding (corpus: $(ls "corpus/$t" | wc -l) inputs)"
  rm -f "$log"
done
