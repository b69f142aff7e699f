#!/usr/bin/env python3
"""Writes tests/fixtures/analysis/allocate.json: reference values for crisis-desk's allocation
of a scarce resource (water-filling within floors and caps, whole units by largest remainder).

An independent implementation below, by another algorithm than the Rust one: the level lambda
is found by bisection (200 halvings: exact to double precision) instead of by sorting the
breakpoints; then Hamilton's largest-remainder rounding, ties in input order. Hand-worked
cases are asserted first (numbers derived in the comments). Generated cases whose deciding
remainders lie within 1e-6 of each other are skipped, so the rounding is not decided by the
last bits of two algorithms. Shares are compared to 1e-9 (absolute); whole units exactly.

Run from the repository root:
    /tmp/oracle/bin/python tests/oracles/analysis_allocate.py   (numpy only)
"""

import math

import numpy as np

from analysis_common import python_version, write


def allocate(supply, needs, priorities=None, floors=None, caps=None):
    n = len(needs)
    priorities = priorities or [1.0] * n
    floors = floors or [0] * n
    caps = caps or [None] * n
    w = [a * b for a, b in zip(needs, priorities)]
    need_units = [math.ceil(x) for x in needs]
    limit = [need_units[i] if caps[i] is None else min(caps[i], need_units[i]) for i in range(n)]
    u = [max(floors[i], limit[i]) if w[i] > 0 else floors[i] for i in range(n)]
    if sum(u) <= supply:
        x = [float(v) for v in u]
        target = sum(u)
    else:
        def g(lam):
            return sum(min(u[i], max(floors[i], lam * w[i])) for i in range(n))
        lo, hi = 0.0, 1.0
        while g(hi) < supply:
            hi *= 2
        for _ in range(200):
            mid = 0.5 * (lo + hi)
            if g(mid) < supply:
                lo = mid
            else:
                hi = mid
        lam = 0.5 * (lo + hi)
        x = [min(u[i], max(floors[i], lam * w[i])) for i in range(n)]
        target = supply
    base = [min(u[i], max(floors[i], math.floor(x[i] + 1e-9))) for i in range(n)]
    rem = [x[i] - base[i] for i in range(n)]
    left = target - sum(base)
    order = sorted(range(n), key=lambda i: -rem[i])  # stable: input order among equals
    eligible = [i for i in order if base[i] < u[i]]
    given = eligible[:left]
    for i in given:
        base[i] += 1
    # The deciding remainders: the last one given and the first one not given.
    margin = math.inf
    if 0 < left < len(eligible):
        margin = rem[eligible[left - 1]] - rem[eligible[left]]
    unmet = [max(0.0, needs[i] - base[i]) for i in range(n)]
    return {"allocation": base, "share": x, "unmet": unmet, "allocated": sum(base),
            "unallocated": supply - sum(base)}, margin


HAND = [
    # 10 units for needs 10, 20, 30: shares 5/3, 10/3, 5; floors 1, 3, 5 (9); the last unit to
    # the largest remainder, 2/3 (recipient 0): 2, 3, 5.
    ("proportional", {"supply": 10, "needs": [10, 20, 30]}, [2, 3, 5]),
    # Recipient 1's cap 30 does not bind at lambda = 100/260: shares 3.846, 19.23, 76.92 ->
    # 3, 19, 76 (98); remainders .923 (2) and .846 (0) take the last two: 4, 19, 77.
    ("cap-not-binding", {"supply": 100, "needs": [10, 50, 200], "caps": [None, 30, None]}, [4, 19, 77]),
    # Cap 10 binds: 100 - 10 = 90 shared 10:200 -> 4.29, 85.71 -> 4, 85 (+1 to 85.71): 4, 10, 86.
    ("cap-binding", {"supply": 100, "needs": [10, 50, 200], "caps": [None, 10, None]}, [4, 10, 86]),
    # Floors: recipient 2 is held up at its floor of 6; 4 units shared 10:20 -> 1.33, 2.67: 1, 3, 6.
    ("floor-binding", {"supply": 10, "needs": [10, 20, 1], "floors": [0, 0, 6]}, [1, 3, 6]),
    # Enough for everyone: ceil(10.5) = 11 and 20; 69 left over.
    ("surplus", {"supply": 100, "needs": [10.5, 20]}, [11, 20]),
    # Priorities double recipient 0's weight: 9 units split 20:10 -> 6, 3.
    ("priorities", {"supply": 9, "needs": [10, 10], "priorities": [2, 1]}, [6, 3]),
    # Priority 0: only its floor (2); the rest 8 to recipient 1 (need 10).
    ("zero-priority", {"supply": 10, "needs": [10, 10], "priorities": [0, 1], "floors": [2, 0]}, [2, 8]),
    # Equal remainders (1/3 each): the extra unit goes in input order.
    ("tie-input-order", {"supply": 10, "needs": [10, 10, 10]}, [4, 3, 3]),
    ("tie-input-order-2", {"supply": 2, "needs": [5, 5, 5]}, [1, 1, 0]),
    # Every need met with one unit to spare.
    ("needs-below-supply", {"supply": 10, "needs": [3, 3, 3]}, [3, 3, 3]),
    # Nothing to give.
    ("no-supply", {"supply": 0, "needs": [5, 5]}, [0, 0]),
]


def run(inp):
    return allocate(inp["supply"], inp["needs"], inp.get("priorities"), inp.get("floors"), inp.get("caps"))


def cases(rng):
    out = []
    for name, inp, want in HAND:
        got, _ = run(inp)
        assert got["allocation"] == want, (name, got["allocation"], want)
        out.append({"name": name, "input": inp, "expect": got})
    k = 0
    while k < 40:
        n = int(rng.integers(1, 9))
        needs = [float(round(rng.uniform(0, 200), 1)) if rng.random() > 0.1 else 0.0 for _ in range(n)]
        inp = {"supply": int(rng.integers(0, int(sum(needs)) + 20)), "needs": needs}
        if rng.random() < 0.5:
            inp["priorities"] = [float(round(rng.uniform(0, 3), 2)) for _ in range(n)]
        if rng.random() < 0.5:
            inp["floors"] = [int(rng.integers(0, 10)) for _ in range(n)]
            if sum(inp["floors"]) > inp["supply"]:
                continue
        if rng.random() < 0.5:
            floors = inp.get("floors", [0] * n)
            inp["caps"] = [None if rng.random() < 0.3 else floors[i] + int(rng.integers(0, 60)) for i in range(n)]
        got, margin = run(inp)
        if margin < 1e-6:
            continue
        out.append({"name": f"generated-{k}", "input": inp, "expect": got})
        k += 1
    return out


INVALID = [
    ("floors-exceed-supply", {"supply": 5, "needs": [10, 10], "floors": [3, 3]}, [("floors-exceed-supply", "floors")]),
    ("negative-need", {"supply": 5, "needs": [10, -1]}, [("negative-value", "needs[1]")]),
    ("negative-priority", {"supply": 5, "needs": [10, 1], "priorities": [1, -2]}, [("negative-value", "priorities[1]")]),
    ("floor-above-cap", {"supply": 50, "needs": [10, 10], "floors": [5, 5], "caps": [4, None]},
     [("floor-above-cap", "floors[0]")]),
    ("lengths", {"supply": 5, "needs": [10, 10], "priorities": [1], "caps": [1, 2, 3]},
     [("length-mismatch", "priorities"), ("length-mismatch", "caps")]),
    ("supply-fractional", {"supply": 5.5, "needs": [10]}, [("fractional-count", "supply")]),
    ("supply-negative", {"supply": -5, "needs": [10]}, [("negative-count", "supply")]),
    ("floor-fractional", {"supply": 5, "needs": [10], "floors": [1.5]}, [("fractional-count", "floors[0]")]),
    ("no-recipients", {"supply": 5, "needs": []}, [("out-of-range", "needs")]),
    ("missing", {"needs": [1]}, [("required", "supply")]),
]


def main():
    rng = np.random.default_rng(20260605)
    write("allocate.json", {
        "description": "Reference values for crisis-desk's allocation (src/analysis/allocate.rs). Generated by tests/oracles/analysis_allocate.py (an independent bisection implementation plus hand-worked cases); do not edit by hand.",
        "provenance": {"script": "tests/oracles/analysis_allocate.py", "numpy": np.__version__, "python": python_version()},
        "tolerance": {"share": {"absolute": 1e-9}, "allocation": "exact"},
        "cases": cases(rng),
        "invalid": [{"name": n, "input": i, "expect": [{"code": c, "path": p} for c, p in e]} for n, i, e in INVALID],
    })


if __name__ == "__main__":
    main()
