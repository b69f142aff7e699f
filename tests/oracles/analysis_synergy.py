#!/usr/bin/env python3
"""Writes tests/fixtures/analysis/synergy.json: reference values for crisis-desk's composite-
system synergy degree (孟庆松、韩文秀 2000) and coupling-coordination degree.

No reference implementation of the synergy model was found (oracles.md), so this script is an
independent implementation written from the formulas of standards.md 6.5, plus hand-worked
cases whose numbers are derived in the comments and asserted before the fixture is written:
    order degree  u = (e - beta)/(alpha - beta) (positive) or (alpha - e)/(alpha - beta)
                  (negative), clamped to [0, 1]
    subsystem     geometric mean of u, or sum lambda_i u_i
    synergy       C = theta * (prod |du_j|)^(1/k), theta = +1 iff every du_j > 0, else -1;
                  C = 0 when some du_j = 0
    coupling      C = (prod U)^(1/k) / mean(U), T = sum alpha_i U_i, D = sqrt(C T)
Compared to 1e-12 (absolute).

Run from the repository root:
    /tmp/oracle/bin/python tests/oracles/analysis_synergy.py   (numpy only)
"""

import json
import math
import os

import numpy as np

from analysis_common import ROOT, floats, python_version, write

TOL = 1e-12
ZERO = 1e-12

# The example parameters of src/analysis/synergy.rs default_subsystems(): (direction, lower,
# upper) per parameter, per subsystem. The Rust test checks that the two agree.
DEFAULTS = [
    ("government", [("negative", 0, 72), ("positive", 0, 14), ("positive", 0, 100)]),
    ("medical", [("positive", 0, 30), ("positive", 0, 2000), ("negative", 0, 72)]),
    ("information", [("negative", 0, 48), ("positive", 0, 100), ("positive", 0, 30)]),
    ("publicity", [("positive", 0, 14), ("negative", 0, 48), ("positive", 0, 100)]),
]
DEFAULT_GRADING = [0.0, 0.3, 0.6, 1.0]


def order(e, direction, lower, upper):
    u = (e - lower) / (upper - lower) if direction == "positive" else (upper - e) / (upper - lower)
    return min(1.0, max(0.0, u))


def subsystem(us, aggregation, weights):
    if aggregation == "geometric":
        return 0.0 if min(us) <= 0 else math.exp(sum(math.log(u) for u in us) / len(us))
    return sum(u * w for u, w in zip(us, weights))


def synergy(base, current):
    d = [c - b for b, c in zip(base, current)]
    moved = [x for x in d if abs(x) > ZERO]
    theta = 0 if not moved else (1 if min(moved) > 0 else -1)
    if len(moved) < len(d):
        return 0.0, theta
    return theta * math.exp(sum(math.log(abs(x)) for x in d) / len(d)), theta


def coupling(us, alpha):
    k = len(us)
    mean = sum(us) / k
    c = 0.0 if mean <= 0 or min(us) <= 0 else math.exp(sum(math.log(u) for u in us) / k) / mean
    t = sum(u * a for u, a in zip(us, alpha))
    return {"c": c, "t": t, "d": math.sqrt(c * t)}


def evaluate(subsystems, base, current, aggregation="geometric", cuts=DEFAULT_GRADING):
    ob, oc, per = [], [], []
    k = len(subsystems)
    given = [s.get("weight") for s in subsystems]
    alpha = [1 / k] * k if all(w is None for w in given) else [w / sum(given) for w in given]
    for j, s in enumerate(subsystems):
        params = s["parameters"]
        lam = [p.get("weight") for p in params]
        lam = [1 / len(params)] * len(params) if all(w is None for w in lam) else [w / sum(lam) for w in lam]
        ub = [order(base[j][i], p["direction"], p["lower"], p["upper"]) for i, p in enumerate(params)]
        uc = [order(current[j][i], p["direction"], p["lower"], p["upper"]) for i, p in enumerate(params)]
        ob.append(subsystem(ub, aggregation, lam))
        oc.append(subsystem(uc, aggregation, lam))
        per.append({"orderBase": ob[-1], "orderCurrent": oc[-1], "parameterBase": floats(ub), "parameterCurrent": floats(uc)})
    c, theta = synergy(ob, oc)
    grade = next(i for i, up in enumerate(cuts) if c <= up)
    return {"synergy": c, "theta": theta, "grade": grade, "subsystems": per,
            "coupling": {"base": coupling(ob, alpha), "current": coupling(oc, alpha)}}


def params(*specs):
    return [{"id": f"p{i}", "direction": d, "lower": lo, "upper": hi} for i, (d, lo, hi) in enumerate(specs)]


# Hand-worked. S1: p0 positive [0, 10], 2 -> 0.2, 6 -> 0.6; p1 negative [0, 100], 80 -> 0.2,
# 20 -> 0.8; U1 = sqrt(0.04) = 0.2 -> sqrt(0.48). S2: p0 positive [0, 1], 0.5 -> 0.9;
# p1 positive [10, 20], 15 -> 0.5, 17.5 -> 0.75; U2 = 0.5 -> sqrt(0.675).
# C = sqrt((sqrt(0.48) - 0.2) (sqrt(0.675) - 0.5)) = 0.398099..., moderate (0.3, 0.6].
HAND = [{"id": "s1", "parameters": params(("positive", 0, 10), ("negative", 0, 100))},
        {"id": "s2", "parameters": params(("positive", 0, 1), ("positive", 10, 20))}]
HAND_BASE = [[2, 80], [0.5, 15]]
HAND_CURRENT = [[6, 20], [0.9, 17.5]]


def hand_checks():
    out = evaluate(HAND, HAND_BASE, HAND_CURRENT)
    c = math.sqrt((math.sqrt(0.48) - 0.2) * (math.sqrt(0.675) - 0.5))
    assert abs(out["synergy"] - c) < 1e-15 and abs(c - 0.398099) < 1e-6 and out["grade"] == 2
    swapped = evaluate(HAND, HAND_CURRENT, HAND_BASE)
    assert abs(swapped["synergy"] + c) < 1e-15 and swapped["theta"] == -1


def cases(rng):
    out = []
    out.append({"name": "hand-worked", "input": {"subsystems": HAND, "base": HAND_BASE, "current": HAND_CURRENT},
                "expect": evaluate(HAND, HAND_BASE, HAND_CURRENT)})
    out.append({"name": "hand-worked-swapped", "input": {"subsystems": HAND, "base": HAND_CURRENT, "current": HAND_BASE},
                "expect": evaluate(HAND, HAND_CURRENT, HAND_BASE)})
    # Mixed: s1 improves, s2 worsens: theta = -1 both ways, C the same both ways.
    mixed_current = [[6, 20], [0.2, 12]]
    out.append({"name": "mixed-signs", "input": {"subsystems": HAND, "base": HAND_BASE, "current": mixed_current},
                "expect": evaluate(HAND, HAND_BASE, mixed_current)})
    out.append({"name": "mixed-signs-swapped", "input": {"subsystems": HAND, "base": mixed_current, "current": HAND_BASE},
                "expect": evaluate(HAND, mixed_current, HAND_BASE)})
    # No change in s2: C = 0, theta +1 from s1 alone.
    still = [[6, 20], [0.5, 15]]
    out.append({"name": "one-subsystem-unchanged", "input": {"subsystems": HAND, "base": HAND_BASE, "current": still},
                "expect": evaluate(HAND, HAND_BASE, still)})
    # Values outside their bounds are clamped (s1 p0 = 14 > 10; s2 p1 = 5 < 10).
    clamped = [[14, 20], [0.9, 5]]
    out.append({"name": "clamped", "input": {"subsystems": HAND, "base": HAND_BASE, "current": clamped},
                "expect": evaluate(HAND, HAND_BASE, clamped), "notes": ["clamped"]})
    # Weighted aggregation with parameter weights, subsystem weights for T, and custom grading.
    weighted = [{"id": "s1", "weight": 0.7, "parameters": [dict(p, weight=w) for p, w in zip(HAND[0]["parameters"], [0.6, 0.4])]},
                {"id": "s2", "weight": 0.3, "parameters": [dict(p, weight=w) for p, w in zip(HAND[1]["parameters"], [0.5, 0.5])]}]
    grading = [{"upTo": 0, "name": "none"}, {"upTo": 0.2, "name": "weak"}, {"upTo": 0.5, "name": "fair"},
               {"upTo": 0.8, "name": "good"}, {"upTo": 1, "name": "excellent"}]
    out.append({"name": "weighted-custom-grading",
                "input": {"subsystems": weighted, "base": HAND_BASE, "current": HAND_CURRENT, "aggregation": "weighted",
                          "grading": grading},
                "expect": evaluate(weighted, HAND_BASE, HAND_CURRENT, "weighted", [g["upTo"] for g in grading])})
    # The bundled example with the default subsystems.
    with open(os.path.join(ROOT, "src", "analysis", "example-synergy.json")) as f:
        example = json.load(f)
    default = [{"id": sid, "parameters": params(*ps)} for sid, ps in DEFAULTS]
    out.append({"name": "bundled-example", "input": example,
                "expect": evaluate(default, example["base"], example["current"])})
    for k in range(10):
        subs, base, cur = [], [], []
        for j in range(int(rng.integers(2, 6))):
            n = int(rng.integers(1, 5))
            ps = []
            for i in range(n):
                lo = round(float(rng.uniform(-50, 50)), 1)
                ps.append(("positive" if rng.integers(2) else "negative", lo, lo + round(float(rng.uniform(1, 100)), 1)))
            subs.append({"id": f"s{j}", "parameters": params(*ps)})
            base.append([round(float(rng.uniform(lo - 5, hi + 5)), 2) for _, lo, hi in ps])
            cur.append([round(float(rng.uniform(lo - 5, hi + 5)), 2) for _, lo, hi in ps])
        agg = "geometric" if k % 2 == 0 else "weighted"
        out.append({"name": f"generated-{k}-{agg}",
                    "input": {"subsystems": subs, "base": base, "current": cur, "aggregation": agg},
                    "expect": evaluate(subs, base, cur, agg)})
    return out


INVALID = [
    ("rows", {"subsystems": HAND, "base": [[2, 80]], "current": HAND_CURRENT}, [("length-mismatch", "base")]),
    ("values", {"subsystems": HAND, "base": HAND_BASE, "current": [[6, 20], [0.9]]}, [("length-mismatch", "current[1]")]),
    ("bounds", {"subsystems": [{"id": "s", "parameters": [{"id": "p", "direction": "positive", "lower": 5, "upper": 5}]}],
                "base": [[1]], "current": [[2]]}, [("out-of-range", "subsystems[0].parameters[0].upper")]),
    ("direction", {"subsystems": [{"id": "s", "parameters": [{"id": "p", "direction": "up", "lower": 0, "upper": 5}]}],
                   "base": [[1]], "current": [[2]]}, [("invalid-value", "subsystems[0].parameters[0].direction")]),
    ("weights-with-geometric",
     {"subsystems": [{"id": "s", "parameters": [{"id": "p", "direction": "positive", "lower": 0, "upper": 5, "weight": 1}]}],
      "base": [[1]], "current": [[2]]}, [("conflicting-fields", "subsystems[0].parameters[0].weight")]),
    ("weights-sum", {"subsystems": [{"id": "s", "weight": 0.5, "parameters": params(("positive", 0, 1))},
                                    {"id": "t", "weight": 0.2, "parameters": params(("positive", 0, 1))}],
                     "base": [[0.1], [0.1]], "current": [[0.2], [0.2]]}, [("sum-not-one", "subsystems")]),
    ("duplicate-id", {"subsystems": [{"id": "s", "parameters": params(("positive", 0, 1))},
                                     {"id": "s", "parameters": params(("positive", 0, 1))}],
                      "base": [[0.1], [0.1]], "current": [[0.2], [0.2]]}, [("duplicate-key", "subsystems[1].id")]),
    ("grading", {"subsystems": HAND, "base": HAND_BASE, "current": HAND_CURRENT,
                 "grading": [{"upTo": 0.5, "name": "a"}, {"upTo": 0.4, "name": "b"}]},
     [("out-of-range", "grading[1].upTo"), ("out-of-range", "grading[1].upTo")]),
    ("aggregation", {"subsystems": HAND, "base": HAND_BASE, "current": HAND_CURRENT, "aggregation": "mean"},
     [("invalid-value", "aggregation")]),
    ("default-subsystems-need-12-values", {"base": [[1, 2, 3]], "current": [[1, 2, 3]]},
     [("length-mismatch", "base"), ("length-mismatch", "current")]),
    ("missing", {"subsystems": HAND}, [("required", "base"), ("required", "current")]),
]


def main():
    hand_checks()
    rng = np.random.default_rng(20260604)
    write("synergy.json", {
        "description": "Reference values for crisis-desk's synergy degree and coupling coordination (src/analysis/synergy.rs). Generated by tests/oracles/analysis_synergy.py (an independent implementation plus hand-worked cases); do not edit by hand. grade is the 0-based band index.",
        "provenance": {"script": "tests/oracles/analysis_synergy.py", "numpy": np.__version__, "python": python_version(),
                       "model": "孟庆松、韩文秀《复合系统协调度模型研究》天津大学学报 2000, 33(4) (standards.md 6.5)"},
        "tolerance": {"absolute": TOL},
        "defaults": [{"id": sid, "parameters": [{"direction": d, "lower": lo, "upper": hi} for d, lo, hi in ps]}
                     for sid, ps in DEFAULTS],
        "cases": cases(rng),
        "invalid": [{"name": n, "input": i, "expect": [{"code": c, "path": p} for c, p in e]} for n, i, e in INVALID],
    })


if __name__ == "__main__":
    main()
