#!/usr/bin/env python3
"""crisis-desk side by side with the tools an analyst would otherwise use (issue 8, item 3).

One run, the same data for every tool:

* Rt (Cori et al. 2013): a 365-day and a 3 650-day incidence series, one non-parametric serial
  interval (EpiEstim's discr_si of mean 4.7, sd 2.9, days 0..30, renormalised), weekly sliding
  windows starting on day 2 (EpiEstim's default), prior mean 5, sd 5. Peers: epyestim (PyPI)
  `estimate_r.estimate_r(series, si, a_prior=1, b_prior=5, window_size=7)` plus its
  `gamma_quantiles` for the quantiles, its first row (days 1-7, which EpiEstim and crisis-desk
  do not estimate: day 1 counts as imported) dropped; R's EpiEstim `estimate_R(...,
  "non_parametric_si", make_config(list(si_distr, t_start = 2:(T-6), t_end = 8:T)))` when
  Rscript and library(EpiEstim) are there. epyestim's top-level `r_covid` (bootstrap,
  deconvolution, smoothing) is another method and is not compared.
* AHP, n = 15, a near-consistent reciprocal matrix on Saaty's 1-9 scale. Peers: ahpy
  `Compare(..., random_index="dd", precision=P)` (its default table, Donegan-Dodd; crisis-desk
  "donegan-dodd"); pymcdm `weights.subjective.AHP(matrix=...)()` and `.get_cr()` (Tummala-Ling;
  crisis-desk "tummala-ling").
* TOPSIS and entropy weights on a 1 000 x 20 matrix with benefit and cost criteria. Peer: pymcdm
  `methods.TOPSIS(vector_normalization | minmax_normalization)(matrix, weights, types)` and
  `weights.entropy_weights(matrix)` (sum normalisation of the raw values, no types: crisis-desk
  `normalization: "sum"`).
* Decision tables: a 200-row table under hit policy `first` and the same rows under `collect`,
  5 inputs (numbers, strings, a boolean; comparisons, ranges, lists, quoted strings, empty cells:
  only forms ZEN and FEEL read alike), 1 000 fact sets each. Peer: GoRules ZEN (PyPI
  `zen-engine`, a Rust engine behind Python): the graph is loaded once
  (`ZenEngine().create_decision(jdm)`) and only `decision.evaluate(facts)` of every fact set is
  timed. crisis-desk: `evaluateTableMany(table, facts)` (the table parsed once per call, inside
  the timed call; results only, or with `{ trace: true }` each fact set's trace), and, for
  comparison, `evaluateTable(table, facts)` once per fact set (which parses the table and
  returns the trace on every call).
* TOPSIS and entropy: crisis-desk is timed with the rows as plain JS arrays and as Float64Arrays.

Timing: every call is warmed up, then repeated until `--target` seconds are filled (at least
`--min-reps`), each repeat timed alone (time.perf_counter here, performance.now() in Node,
Sys.time() in R); the median is reported. ratio = peer median / crisis-desk median (> 1: crisis-desk
is faster). Only the call itself is timed, never the interpreter's start or the data's creation.

Agreement: every result is checked against crisis-desk's (tolerances in CHECKS below); the script
exits 1 when one fails, because a timing of a different answer means nothing.

    bash bench/peers/run.sh                       # installs the pinned peers, then runs this
    python bench/peers/peers.py [--target 1.0] [--out bench/peers/results.md]
"""

import argparse
import datetime
import importlib.metadata as md
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np

warnings.filterwarnings("ignore")

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# ------------------------------------------------------------------ shared inputs

SEED = 20260801
RT_DAYS = {"365": 365, "3650": 3650}
SI_MEAN, SI_SD, SI_DAYS = 4.7, 2.9, 31
AHP_N = 15
MCDA_SHAPE = (1000, 20)
ZEN_RULES = 200
ZEN_FACTS = 1000


def discr_si(k, mu, sigma):
    """EpiEstim's discr_si: the serial interval as a gamma shifted by one day, discretised."""
    from scipy.stats import gamma

    a = ((mu - 1) / sigma) ** 2
    b = sigma ** 2 / (mu - 1)
    k = np.asarray(k, dtype=float)

    def cdf(x, shape):
        return np.where(x > 0, gamma.cdf(np.maximum(x, 0), shape, scale=b), 0.0)

    res = (k * cdf(k, a) + (k - 2) * cdf(k - 2, a) - 2 * (k - 1) * cdf(k - 1, a)
           + a * b * (2 * cdf(k - 1, a + 1) - cdf(k - 2, a + 1) - cdf(k, a + 1)))
    return np.maximum(res, 0.0)


def serial_interval():
    w = discr_si(np.arange(SI_DAYS), SI_MEAN, SI_SD)
    w[0] = 0.0
    return w / w.sum()


def incidence(days, si, rng):
    """Daily counts by the renewal equation with Poisson noise; R(t) waves around 1, pulled back
    towards ~150 cases a day so that long series neither die out nor explode."""
    x = np.zeros(days)
    x[0] = 20
    for t in range(1, days):
        lam = sum(si[s] * x[t - s] for s in range(1, min(t, len(si) - 1) + 1))
        r = (1.0 + 0.35 * math.sin(2 * math.pi * t / 90)) * (150 / max(lam, 1.0)) ** 0.15
        x[t] = rng.poisson(max(r * lam, 2.0))
    return [int(v) for v in x]


SCALE = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]


def ahp_matrix(rng, n):
    """w_i / w_j on the 1-9 scale, then a few judgements moved one step: an analyst's matrix."""
    w = rng.uniform(1, 9, n)
    a = np.ones((n, n))
    idx = lambda x: min(range(len(SCALE)), key=lambda i: abs(math.log(SCALE[i]) - math.log(x)))  # noqa: E731
    for i in range(n):
        for j in range(i + 1, n):
            k = idx(w[i] / w[j])
            if rng.random() < 0.15:
                k = min(len(SCALE) - 1, max(0, k + int(rng.choice([-1, 1]))))
            a[i, j] = SCALE[k]
            a[j, i] = 1 / SCALE[k]
    return [[float(v) for v in row] for row in a]


def mcda_inputs(rng):
    m, n = MCDA_SHAPE
    x = rng.uniform(1, 1000, (m, n)).round(2)
    w = rng.uniform(0.05, 1, n)
    w = w / w.sum()
    types = [["benefit", "cost"][int(b)] for b in rng.integers(0, 2, n)]
    return {"matrix": [[float(v) for v in row] for row in x], "weights": [float(v) for v in w], "types": types}


ZEN_INPUTS = [
    ("in1", "signals.incidence7dPer100k", "number", [0, 1, 5, 10, 20, 25, 50, 75, 100, 150, 200]),
    ("in2", "signals.rt.mean", "number", [0.5, 0.8, 0.9, 1, 1.1, 1.2, 1.5, 2]),
    ("in3", "events.diseaseClass", "string", ["A", "B", "C"]),
    ("in4", "capacity.responseCapacity", "string", ["low", "moderate", "high", "overwhelmed"]),
    ("in5", "events.newOrImportedDisease", "bool", None),
]
ZEN_OUTPUTS = [("out1", "response.level"), ("out2", "response.score"), ("out3", "note")]


def num_text(x):
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def zen_cell(rng, typ, pool):
    """A FEEL unary test that ZEN reads the same way (see tests/oracles/escalation_zen.py)."""
    if rng.random() < 0.45:
        return ""
    if typ == "bool":
        return str(rng.choice(["true", "false"]))
    if typ == "string":
        picks = rng.choice(pool, size=int(rng.integers(1, 3)), replace=False)
        return ", ".join(json.dumps(str(p), ensure_ascii=False) for p in picks)
    a, b = sorted(float(v) for v in rng.choice(pool, size=2, replace=False))
    kind = int(rng.integers(0, 6))
    if kind == 0:
        return f"{rng.choice(['<', '<=', '>', '>='])} {num_text(a)}"
    if kind in (1, 2):
        left, right = [("[", "]"), ("(", ")"), ("[", ")"), ("(", "]")][int(rng.integers(0, 4))]
        return f"{left}{num_text(a)}..{num_text(b)}{right}"
    if kind == 3:
        return f"< {num_text(a)}, > {num_text(b)}"
    if kind == 4:
        return f"{num_text(a)}, {num_text(b)}"
    return f">= {num_text(a)}"


def zen_table(rng, policy):
    rules = []
    levels = ["I", "II", "III", "IV"]
    for r in range(ZEN_RULES):
        rule = {"_id": f"r{r + 1}"}
        for iid, _, typ, pool in ZEN_INPUTS:
            rule[iid] = zen_cell(rng, typ, pool)
        rule["out1"] = json.dumps(levels[int(rng.integers(0, 4))])
        rule["out2"] = num_text(round(float(rng.uniform(0, 100)), 1))
        rule["out3"] = json.dumps(f"rule {r + 1} 规则", ensure_ascii=False)  # ZEN reads no \u escapes
        rules.append(rule)
    if policy == "first":  # a catch-all last row, as a real first-hit table has
        rules[-1] = {"_id": f"r{ZEN_RULES}", **{iid: "" for iid, *_ in ZEN_INPUTS},
                     "out1": '"IV"', "out2": "0", "out3": '"default"'}
    return {
        "id": f"bench-{policy}", "name": f"bench {policy}", "hitPolicy": policy,
        "inputs": [{"id": iid, "name": field, "field": field} for iid, field, *_ in ZEN_INPUTS],
        "outputs": [{"id": oid, "name": field, "field": field} for oid, field in ZEN_OUTPUTS],
        "rules": rules,
    }


def zen_facts(rng):
    facts = []
    for _ in range(ZEN_FACTS):
        f = {}
        for _, field, typ, pool in ZEN_INPUTS:
            u = rng.random()
            if u < 0.03:
                continue  # absent
            if typ == "number":
                base = float(rng.choice(pool))
                value = base + float(rng.choice([0, 0, 0, 0.5, -0.5, 0.05, -0.05, 3]))
                value = round(value, 2)
            elif typ == "string":
                value = str(rng.choice(pool + ["D"]))
            else:
                value = bool(rng.random() < 0.5)
            node = f
            segs = field.split(".")
            for s in segs[:-1]:
                node = node.setdefault(s, {})
            node[segs[-1]] = value
        facts.append(f)
    return facts


def jdm(table):
    content = {k: table[k] for k in ("hitPolicy", "inputs", "outputs", "rules")}
    return {
        "nodes": [
            {"id": "in", "name": "Request", "type": "inputNode", "position": {"x": 0, "y": 0}},
            {"id": "table", "name": table["name"], "type": "decisionTableNode", "position": {"x": 200, "y": 0},
             "content": content},
            {"id": "out", "name": "Response", "type": "outputNode", "position": {"x": 400, "y": 0}},
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "table", "type": "edge"},
            {"id": "e2", "sourceId": "table", "targetId": "out", "type": "edge"},
        ],
    }


def make_inputs(timing):
    rng = np.random.default_rng(SEED)
    si = serial_interval()
    rt = {key: {"incidence": incidence(days, si, rng), "si": [float(v) for v in si], "window": 7}
          for key, days in RT_DAYS.items()}
    zen = {}
    for policy in ("first", "collect"):
        zen[policy] = {"table": zen_table(rng, policy), "facts": zen_facts(rng)}
    return {
        "about": "bench/peers/peers.py: the shared inputs (seed %d)" % SEED,
        "timing": timing,
        "rt": rt,
        "ahp": {"matrix": ahp_matrix(rng, AHP_N), "randomIndex": ["donegan-dodd", "tummala-ling"]},
        "mcda": mcda_inputs(rng),
        "zen": zen,
    }

# ------------------------------------------------------------------ timing


def bench(fn, timing):
    """Warm-up (one call, more while they fit in timing["warmupSeconds"], up to timing["warmup"]),
    then repeats filling timing["target"] seconds; per-call median, min, count and CPU/wall."""
    t0 = time.perf_counter()
    value = fn()
    warm = 1
    while warm < timing["warmup"] and time.perf_counter() - t0 < timing["warmupSeconds"]:
        value = fn()
        warm += 1
    per_call = (time.perf_counter() - t0) / warm
    reps = max(timing["minReps"], min(timing["maxReps"], math.ceil(timing["target"] / max(per_call, 1e-9))))
    times = []
    cpu0 = time.process_time()
    wall0 = time.perf_counter()
    for _ in range(reps):
        s = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - s)
    cpu = (time.process_time() - cpu0) / max(time.perf_counter() - wall0, 1e-12)
    return {"median": float(np.median(times)), "min": min(times), "reps": reps, "cpu": cpu}, value

# ------------------------------------------------------------------ the peers


def version(pkg):
    try:
        return md.version(pkg)
    except md.PackageNotFoundError:
        return None


PROBS = [0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975]
COLS = ["mean", "std", "q025", "q05", "q25", "median", "q75", "q95", "q975"]


def run_epyestim(rt, timing):
    import pandas as pd
    from epyestim.estimate_r import estimate_r, gamma_quantiles

    series = pd.Series(rt["incidence"], index=pd.date_range("2026-01-01", periods=len(rt["incidence"])), dtype=float)
    si = np.asarray(rt["si"])

    def call():
        post = estimate_r(series, si, a_prior=1.0, b_prior=5.0, window_size=rt["window"]).iloc[1:]
        a = post["a_posterior"].to_numpy()
        b = post["b_posterior"].to_numpy()
        out = {"mean": a * b, "std": np.sqrt(a) * b}
        for c, q in zip(COLS[2:], PROBS):
            out[c] = gamma_quantiles(q, a, b)
        return out

    stats, out = bench(call, timing)
    n = len(rt["incidence"])
    w = rt["window"]
    res = {"tStart": list(range(2, n - w + 2)), "tEnd": list(range(w + 1, n + 1))}
    res.update({c: [float(v) for v in out[c]] for c in COLS})
    return stats, res


def epiestim_available():
    """(available, note): Rscript on PATH and library(EpiEstim) loading."""
    if not shutil.which("Rscript"):
        return False, "Rscript not found"
    p = subprocess.run(["Rscript", "-e", "suppressPackageStartupMessages(library(EpiEstim)); "
                        "cat(as.character(packageVersion('EpiEstim')))"],
                       capture_output=True, text=True, env={**os.environ, "TZ": "UTC"})
    if p.returncode != 0:
        return False, "library(EpiEstim) does not load in R"
    return True, p.stdout.strip()


def run_epiestim(inputs, timing, work):
    with open(os.path.join(work, "rt-keys"), "w") as f:
        f.write("\n".join(inputs["rt"]) + "\n")
    for key, rt in inputs["rt"].items():
        with open(os.path.join(work, f"rt-{key}.incidence"), "w") as f:
            f.write("\n".join(str(v) for v in rt["incidence"]) + "\n")
        with open(os.path.join(work, f"rt-{key}.si"), "w") as f:
            f.write("\n".join(repr(v) for v in rt["si"]) + "\n")
    subprocess.run(["Rscript", os.path.join(HERE, "epiestim.R"), work, str(timing["target"]), str(timing["minReps"]),
                    str(timing["maxReps"]), str(timing["warmup"])], check=True, env={**os.environ, "TZ": "UTC"})
    lines = open(os.path.join(work, "epiestim-timings.csv")).read().split()
    _, ver, rver = lines[0].split(",")
    out = {"version": ver, "r": rver, "tasks": {}}
    for line in lines[2:]:
        key, med, mn, reps = line.split(",")
        rows = open(os.path.join(work, f"rt-{key}.epiestim.csv")).read().split()[1:]
        cols = list(zip(*[r.split(",") for r in rows]))
        res = {"tStart": [int(v) for v in cols[0]], "tEnd": [int(v) for v in cols[1]]}
        res.update({c: [float(v) for v in cols[2 + i]] for i, c in enumerate(COLS)})
        out["tasks"][key] = ({"median": float(med), "min": float(mn), "reps": int(reps), "cpu": None}, res)
    return out


def run_ahpy(matrix, precision, timing):
    import ahpy

    n = len(matrix)
    names = [f"e{i:02d}" for i in range(n)]
    comparisons = {(names[i], names[j]): matrix[i][j] for i in range(n) for j in range(i + 1, n)}

    def call():
        c = ahpy.Compare("bench", comparisons, precision=precision, random_index="dd")
        return [float(c.local_weights[e]) for e in names], float(c.consistency_ratio)

    stats, (w, cr) = bench(call, timing)
    return stats, {"weights": w, "cr": cr}


def run_pymcdm_ahp(matrix, timing):
    from pymcdm.weights.subjective import AHP

    a = np.asarray(matrix, dtype=float)

    def call():
        m = AHP(matrix=a)
        return m(), m.get_cr()

    stats, (w, cr) = bench(call, timing)
    return stats, {"weights": [float(v) for v in w], "cr": float(cr)}


def run_pymcdm_topsis(mcda, normalization, timing):
    from pymcdm import methods, normalizations

    f = {"vector": normalizations.vector_normalization, "minmax": normalizations.minmax_normalization}[normalization]
    x = np.asarray(mcda["matrix"], dtype=float)
    w = np.asarray(mcda["weights"], dtype=float)
    t = np.array([1 if s == "benefit" else -1 for s in mcda["types"]])

    def call():
        return methods.TOPSIS(f)(x, w, t)

    stats, c = bench(call, timing)
    return stats, {"closeness": [float(v) for v in c]}


def run_pymcdm_entropy(mcda, timing):
    from pymcdm import weights

    x = np.asarray(mcda["matrix"], dtype=float)
    stats, w = bench(lambda: weights.entropy_weights(x), timing)
    return stats, {"weights": [float(v) for v in w]}


def zen_matched(trace, policy):
    data = trace.get("table", {}).get("traceData")
    if data is None:
        return []
    if policy == "first":
        return [data["rule"]["_id"]]
    return [d["rule"]["_id"] for d in data]


def run_zen(zen_in, timing):
    import zen

    out = {}
    for policy, spec in zen_in.items():
        graph = json.dumps(jdm(spec["table"]), ensure_ascii=False)
        decision = zen.ZenEngine().create_decision(graph)
        facts = spec["facts"]
        stats, _ = bench(lambda: [decision.evaluate(f) for f in facts], timing)
        traced, _ = bench(lambda: [decision.evaluate(f, {"trace": True}) for f in facts], timing)
        engine = zen.ZenEngine({"loader": {"type": "static", "content": {"t": json.loads(graph)}}})
        requests = [{"key": "t", "context": f} for f in facts]
        batch_check = engine.evaluate_batch(requests)
        batch, _ = bench(lambda: engine.evaluate_batch(requests), timing)
        # What ZEN decided, for the agreement check (untimed): result and the rules its trace names.
        results = []
        for f in facts:
            r = decision.evaluate(f, {"trace": True})
            results.append({"result": r["result"], "matched": zen_matched(r["trace"], policy)})
        batch_same = all(b["success"] and b["data"]["result"] == r["result"] for b, r in zip(batch_check, results))
        out[policy] = {"plain": stats, "trace": traced, "batch": batch, "batchSame": batch_same, "results": results}
    return out

# ------------------------------------------------------------------ agreement


def max_diffs(ours, theirs, relative_floor=1.0):
    """Max absolute difference and max |a - b| / max(floor, |b|) over paired lists."""
    a = np.asarray(ours, dtype=float)
    b = np.asarray(theirs, dtype=float)
    if a.shape != b.shape:
        return math.inf, math.inf
    if a.size == 0:
        return 0.0, 0.0
    d = np.abs(a - b)
    return float(d.max()), float((d / np.maximum(relative_floor, np.abs(b))).max())


def check_rt(cd, peer, tol):
    if cd["tStart"] != peer["tStart"] or cd["tEnd"] != peer["tEnd"]:
        return {"pass": False, "abs": math.inf, "what": "different windows"}
    worst_abs, worst_rel = 0.0, 0.0
    for c in COLS:
        a, r = max_diffs(cd[c], peer[c])
        worst_abs, worst_rel = max(worst_abs, a), max(worst_rel, r)
    return {"pass": worst_rel <= tol, "abs": worst_abs,
            "what": f"{len(cd['tStart'])} windows x mean, sd, 7 quantiles; rel. <= {tol:g}"}


def check_values(pairs, tol, what):
    worst = 0.0
    for ours, theirs in pairs:
        a, _ = max_diffs(ours, theirs)
        worst = max(worst, a)
    return {"pass": worst <= tol, "abs": worst, "what": f"{what}; abs. <= {tol:g}"}


def same_json(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    return a == b


def check_zen(cd, peer, policy):
    bad = []
    matched_total = 0
    for i, (ours, theirs) in enumerate(zip(cd, peer)):
        zr = theirs["result"]
        if policy == "first" and not theirs["matched"]:
            zr = None if zr == {} else zr  # ZEN gives {} when nothing matched, crisis-desk null
        matched_total += len(theirs["matched"])
        if ours["matched"] != theirs["matched"] or not same_json(ours["result"], zr):
            bad.append(i)
    ok = not bad and len(cd) == len(peer)
    what = f"{len(peer)} fact sets: same rules, same result ({matched_total} rule hits)"
    if bad:
        i = bad[0]
        what += f"; {len(bad)} differ, first #{i}: ZEN {peer[i]} vs crisis-desk {cd[i]}"
    return {"pass": ok, "abs": 0.0 if ok else math.inf, "mismatches": len(bad), "what": what}

# ------------------------------------------------------------------ report


def fmt_time(s):
    if s is None:
        return "—"
    if s >= 1:
        return f"{s:.3f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.3f} ms"
    return f"{s * 1e6:.1f} µs"


def fmt_ratio(r):
    return f"{r:.2f}×" if r >= 0.1 else f"{r:.2g}×"


def fmt_diff(x):
    if x == 0:
        return "0"
    if math.isinf(x):
        return "∞"
    return f"{x:.1e}"


def machine_note(load_start):
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    arch = subprocess.run(["uname", "-m"], capture_output=True, text=True).stdout.strip()
    load = (", 1-minute load average %.2f at the start and %.2f at the end (anything else running on the machine "
            "slows every tool)" % (load_start, os.getloadavg()[0]))
    return f"{nproc} cores (nproc), {arch}" + (f", {cpu}" if cpu else "") + load


def build_note():
    """Which crisis-desk was measured: the commit and the wasm's hash (pkg/ may differ from HEAD)."""
    import hashlib

    wasm = os.path.join(ROOT, "pkg", "crisis_desk_bg.wasm")
    digest = hashlib.sha256(open(wasm, "rb").read()).hexdigest()[:16]
    git = lambda *a: subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True).stdout.strip()  # noqa: E731
    head = git("rev-parse", "--short", "HEAD") or "?"
    dirty = " (pkg/ differs from HEAD)" if git("status", "--porcelain", "--", "pkg") else ""
    return f"commit {head}{dirty}, pkg/crisis_desk_bg.wasm sha256 {digest}…, {os.path.getsize(wasm)} bytes"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--target", type=float, default=float(os.environ.get("PEERS_TARGET", "1.0")),
                    help="seconds of repeats per call and tool (default 1.0)")
    ap.add_argument("--min-reps", type=int, default=5)
    ap.add_argument("--max-reps", type=int, default=2000)
    ap.add_argument("--ahpy-precision", type=int, default=10,
                    help="ahpy rounds weights and CR to this many decimals; compared to 10^-p")
    ap.add_argument("--out", default=os.path.join(HERE, "results.md"))
    ap.add_argument("--keep", help="keep inputs.json and outputs.json in this folder")
    ap.add_argument("--command", default=os.environ.get("PEERS_COMMAND", "python bench/peers/peers.py"),
                    help="the command to print in results.md")
    args = ap.parse_args()
    started = time.perf_counter()
    load_start = os.getloadavg()[0]
    timing = {"target": args.target, "minReps": args.min_reps, "maxReps": args.max_reps,
              "warmup": 10, "warmupSeconds": min(0.2, args.target / 5)}

    work = args.keep or tempfile.mkdtemp(prefix="crisis-desk-peers-")
    os.makedirs(work, exist_ok=True)
    inputs = make_inputs(timing)
    in_path = os.path.join(work, "inputs.json")
    out_path = os.path.join(work, "outputs.json")
    with open(in_path, "w") as f:
        json.dump(inputs, f, ensure_ascii=False)
    print(f"inputs: {in_path} (Rt {', '.join(RT_DAYS)} days; AHP n={AHP_N}; MCDA {MCDA_SHAPE[0]}x{MCDA_SHAPE[1]}; "
          f"tables {ZEN_RULES} rows x {ZEN_FACTS} fact sets)", flush=True)

    # crisis-desk first (its own process, so the peers' threads do not share its time).
    node = shutil.which("node") or "node"
    subprocess.run([node, os.path.join(HERE, "crisis-desk.mjs"), in_path, out_path], check=True)
    cd = json.load(open(out_path))
    node_version = cd["node"]
    cdt = cd["tasks"]

    versions = {p: version(p) for p in ("epyestim", "ahpy", "pymcdm", "zen-engine", "numpy", "scipy", "pandas")}
    rows = []  # task, peer, peer stats, crisis-desk stats, check
    notes = []

    def row(task, peer, pstats, cdtask, check, call):
        rows.append({"task": task, "peer": peer, "peer_stats": pstats, "cd_stats": cdt[cdtask], "check": check,
                     "call": call})

    # Rt
    avail, r_note = epiestim_available()
    epi = None
    if avail:
        epi = run_epiestim(inputs, timing, work)
    else:
        notes.append(f"R's EpiEstim was not run: {r_note}. On Debian, `apt-get install --no-install-recommends "
                     "r-cran-epiestim` (or `PEERS_INSTALL_R=1 bash bench/peers/run.sh`) adds it.")
    for key, rt in inputs["rt"].items():
        tol = 1e-9
        stats, res = run_epyestim(rt, timing)
        row(f"Rt, {key} days", f"epyestim {versions['epyestim']}", stats, f"rt-{key}",
            check_rt(cdt[f"rt-{key}"]["result"], res, tol), "`estimateRt`")
        if epi:
            estats, eres = epi["tasks"][key]
            row(f"Rt, {key} days", f"EpiEstim {epi['version']} (R {epi['r']})", estats, f"rt-{key}",
                check_rt(cdt[f"rt-{key}"]["result"], eres, tol), "`estimateRt`")

    # AHP
    m = inputs["ahp"]["matrix"]
    p = args.ahpy_precision
    stats, res = run_ahpy(m, p, timing)
    ours = cdt["ahp-donegan-dodd"]["result"]
    row(f"AHP, n = {AHP_N} (Donegan-Dodd RI)", f"ahpy {versions['ahpy']}", stats, "ahp-donegan-dodd",
        check_values([(ours["weights"], res["weights"]), ([ours["cr"]], [res["cr"]])], 10.0 ** -p,
                     f"weights and CR (CR {ours['cr']:.4f}); ahpy rounds to {p} decimals"), "`ahp`")
    stats, res = run_pymcdm_ahp(m, timing)
    ours = cdt["ahp-tummala-ling"]["result"]
    row(f"AHP, n = {AHP_N} (Tummala-Ling RI)", f"pymcdm {versions['pymcdm']}", stats, "ahp-tummala-ling",
        check_values([(ours["weights"], res["weights"]), ([ours["cr"]], [res["cr"]])], 1e-9,
                     f"weights and CR (CR {ours['cr']:.4f})"), "`ahp`")

    # TOPSIS, entropy
    shape = f"{MCDA_SHAPE[0]} × {MCDA_SHAPE[1]}"
    rows_as = [("", "plain arrays"), ("-typed", "Float64Array rows")]
    for norm in ("vector", "minmax"):
        stats, res = run_pymcdm_topsis(inputs["mcda"], norm, timing)
        for suffix, how in rows_as:
            row(f"TOPSIS {norm}, {shape}", f"pymcdm {versions['pymcdm']}", stats, f"topsis-{norm}{suffix}",
                check_values([(cdt[f"topsis-{norm}{suffix}"]["result"]["closeness"], res["closeness"])], 1e-12,
                             "closeness"), f"`topsis`, {how}")
    stats, res = run_pymcdm_entropy(inputs["mcda"], timing)
    for suffix, how in rows_as:
        row(f"Entropy weights (sum), {shape}", f"pymcdm {versions['pymcdm']}", stats, f"entropy-sum{suffix}",
            check_values([(cdt[f"entropy-sum{suffix}"]["result"]["weights"], res["weights"])], 1e-12, "weights"),
            f"`entropyWeights`, {how}")

    # Decision tables
    zen_out = run_zen(inputs["zen"], timing)
    zv = versions["zen-engine"]
    for policy, z in zen_out.items():
        task = f"Table, {ZEN_RULES} rows, {policy}, {ZEN_FACTS} fact sets"
        one, many, many_trace = f"zen-{policy}", f"zen-{policy}-many", f"zen-{policy}-many-trace"
        check = {k: check_zen(cdt[k]["result"], z["results"], policy) for k in (one, many, many_trace)}
        bcheck = {}
        for k, c in check.items():
            bcheck[k] = dict(c)
            if not z["batchSame"]:
                bcheck[k] = {"pass": False, "abs": math.inf, "what": "evaluate_batch gave other results than evaluate"}
        per_call = "`evaluateTable` per fact set (parse + trace each time)"
        row(task, f"ZEN {zv} evaluate", z["plain"], many, check[many], "`evaluateTableMany`")
        row(task, f"ZEN {zv} evaluate + trace", z["trace"], many_trace, check[many_trace],
            "`evaluateTableMany`, `{ trace: true }`")
        row(task, f"ZEN {zv} evaluate_batch", z["batch"], many, bcheck[many], "`evaluateTableMany`")
        row(task, f"ZEN {zv} evaluate", z["plain"], one, check[one], per_call)
        row(task, f"ZEN {zv} evaluate + trace", z["trace"], one, check[one], per_call)
        row(task, f"ZEN {zv} evaluate_batch", z["batch"], one, bcheck[one], per_call)
        cores = "more than one core" if z["batch"]["cpu"] > 1.2 else "one core"
        notes.append(f"ZEN evaluate_batch ({policy}) ran on {cores} (CPU time / wall time "
                     f"{z['batch']['cpu']:.2f}); crisis-desk runs on one. Per fact set: crisis-desk "
                     f"{fmt_time(cdt[many]['median'] / ZEN_FACTS)} (evaluateTableMany), "
                     f"{fmt_time(cdt[many_trace]['median'] / ZEN_FACTS)} (evaluateTableMany with the trace), "
                     f"{fmt_time(cdt[one]['median'] / ZEN_FACTS)} (evaluateTable, a call each); ZEN "
                     f"{fmt_time(z['plain']['median'] / ZEN_FACTS)} (evaluate), "
                     f"{fmt_time(z['trace']['median'] / ZEN_FACTS)} (evaluate + trace), "
                     f"{fmt_time(z['batch']['median'] / ZEN_FACTS)} (evaluate_batch).")

    # ------------------------------------------------------------- table
    header = ["task", "peer", "crisis-desk call", "peer median", "crisis-desk median", "ratio (peer / crisis-desk)",
              "agreement (max abs diff)", "check"]
    lines = []
    failed = []
    for r in rows:
        ratio = r["peer_stats"]["median"] / r["cd_stats"]["median"]
        ok = r["check"]["pass"]
        if not ok:
            failed.append(r)
        r["ratio"] = ratio
        lines.append([r["task"], r["peer"], r["call"], fmt_time(r["peer_stats"]["median"]),
                      fmt_time(r["cd_stats"]["median"]),
                      fmt_ratio(ratio), fmt_diff(r["check"]["abs"]), "pass" if ok else "FAIL"])
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(header)]
    print()
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    for line in lines:
        print("  ".join(c.ljust(w) for c, w in zip(line, widths)))
    print()
    for r in rows:
        print(f"- {r['task']} / {r['peer']} / {r['call']}: {r['check']['what']} "
              f"(reps: peer {r['peer_stats']['reps']}, crisis-desk {r['cd_stats']['reps']})")
    for n in notes:
        print(f"note: {n}")
    slower = [r for r in rows if r["ratio"] < 1]
    elapsed = time.perf_counter() - started

    # ------------------------------------------------------------- results.md
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    md_lines = [
        "# crisis-desk side by side with its peers",
        "",
        "Produced by `bench/peers/peers.py` (issue 8, item 3); do not edit by hand, rerun it:",
        "",
        "```sh",
        args.command,
        "```",
        "",
        f"- date: {today}",
        f"- machine: {machine_note(load_start)}",
        f"- Python {platform.python_version()}, Node.js {node_version}, crisis-desk {cd['version']} "
        f"(`pkg/`, WebAssembly in Node, through the JS API; {build_note()})",
        "- peers: " + ", ".join(f"{k} {v}" for k, v in versions.items() if v)
        + (f", R {epi['r']} with EpiEstim {epi['version']} (Debian r-cran-epiestim)" if epi else ", R's EpiEstim not run"),
        f"- timing: warm-up, then repeats filling {args.target:g} s per call (at least {args.min_reps}); "
        "the median of single-call times (perf_counter / performance.now() / Sys.time()). "
        "ratio = peer median / crisis-desk median: above 1, crisis-desk is faster.",
        f"- whole run: {elapsed:.0f} s",
    ]
    ncpu = os.cpu_count() or 1
    load_end = os.getloadavg()[0]
    if max(load_start, load_end) > 0.5 * ncpu:
        md_lines.append(f"- **the machine was busy** (load {load_start:.1f} → {load_end:.1f} on {ncpu} cores): "
                        "every tool was slowed by other work, unevenly; rerun on an idle machine before quoting "
                        "these figures.")
    md_lines += [
        "",
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---"] * 3 + ["---:"] * 4 + [":---:"]) + "|",
    ]
    for line in lines:
        md_lines.append("| " + " | ".join(line) + " |")
    md_lines += ["", "What each row compares:", ""]
    for r in rows:
        md_lines.append(f"- {r['task']}, {r['peer']}, {r['call']}: {r['check']['what']}.")
    md_lines += [
        "",
        "Settings that make the tools compute the same thing:",
        "",
        f"- Rt: serial interval = EpiEstim's `discr_si` of mean {SI_MEAN}, sd {SI_SD} on days 0..{SI_DAYS - 1}, "
        "renormalised, given to every tool as the same non-parametric distribution; weekly windows "
        "[t−6, t] for t = 8..T (EpiEstim's default, day 1 counts as imported); prior Gamma(1, 5) (mean 5, sd 5). "
        "epyestim's `estimate_r` rolls its windows from day 1, so its first row is dropped; its mean, sd and "
        "quantiles are computed from its posterior (a, b) with its `gamma_quantiles`, inside the timed call. "
        "epyestim's `covid19.r_covid` (bootstrap, deconvolution, smoothing) is another method: not compared.",
        "- AHP: ahpy's default random index ('dd', Donegan-Dodd) against crisis-desk's `donegan-dodd`; "
        f"ahpy at precision {p} (it rounds weights and CR to that many decimals). pymcdm's AHP has "
        "Tummala-Ling's RI: crisis-desk's `tummala-ling`. crisis-desk's call also finds the judgements to "
        "reconsider (its default), which neither peer does.",
        "- TOPSIS: the same weights (summing to 1) and benefit/cost types; pymcdm's `vector_normalization` "
        "and `minmax_normalization` against crisis-desk's `vector` and `minmax`. crisis-desk is timed twice: "
        "with the matrix's rows as plain JS arrays (each number read across the boundary one by one) and as "
        "`Float64Array` rows (each row copied in one go), both made before timing, as the peer's numpy array is.",
        "- Entropy: pymcdm's `entropy_weights` normalises the raw columns by their sums and has no "
        "benefit/cost types: crisis-desk's `normalization: \"sum\"`. (crisis-desk's default, min-max with "
        "types, has no peer here.) Plain and `Float64Array` rows, as for TOPSIS.",
        "- Decision tables: the same rows as a JDM graph (input → decision table → output). ZEN's graph is "
        "loaded once; only the evaluations are timed (`evaluate`, `evaluate` with `trace`, and "
        "`evaluate_batch` through a static loader). crisis-desk's `evaluateTableMany(table, facts)` parses the "
        "table once per call (inside the timed call) and evaluates every fact set: without the trace against "
        "ZEN's `evaluate` and `evaluate_batch`, with `{ trace: true }` against ZEN's `evaluate` with `trace`; "
        "the rules behind its untraced results come from one untimed traced call whose results must be the "
        "same. The rows marked `evaluateTable` per fact set time the one-at-a-time call, which parses the "
        "200 rows and returns the trace on every call. ZEN's `{}` for no match under `first` counts as "
        "crisis-desk's `null` (the catch-all row makes it rare).",
    ]
    for n in notes:
        md_lines.append(f"- {n}")
    if slower:
        md_lines += ["", "Where crisis-desk is slower than the peer:", ""]
        for r in slower:
            md_lines.append(f"- {r['task']}, {r['peer']}, {r['call']}: crisis-desk takes {1 / r['ratio']:.2f}× "
                            "the peer's time.")
    if failed:
        md_lines += ["", "**Agreement checks that FAILED** (the timings of these rows mean nothing):", ""]
        for r in failed:
            md_lines.append(f"- {r['task']}, {r['peer']}, {r['call']}: {r['check']['what']}")
    with open(args.out, "w") as f:
        f.write("\n".join(md_lines) + "\n")
    print(f"\nwrote {os.path.relpath(args.out, os.getcwd())}; whole run {elapsed:.0f} s")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    if failed:
        print(f"{len(failed)} agreement check(s) FAILED", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
