#!/usr/bin/env python3
"""Writes tests/fixtures/analysis/fuzzy.json: reference values for crisis-desk's fuzzy
comprehensive evaluation.

No maintained package implements the four composition operators of the Chinese textbooks
(standards.md 6.4), so the reference is an independent numpy implementation below, written
from the formulas (Zadeh 1965; 汪培庄 1983; 杜栋等 2008):
    M(.,+)  weighted-average  b_j = min(1, sum_i a_i r_ij)
    M(^,v)  min-max           b_j = max_i min(a_i, r_ij)
    M(.,v)  product-max       b_j = max_i a_i r_ij
    M(^,+)  min-bounded-sum   b_j = min(1, sum_i min(a_i, r_ij))
B is divided by its sum; the grade is the first maximum; the score is B . V. Two levels: each
group's normalised B_k is a row of R for the top level. Hand-worked cases are checked against
numbers worked out in the comments. Compared to 1e-12 (absolute).

Run from the repository root:
    /tmp/oracle/bin/python tests/oracles/analysis_fuzzy.py   (numpy only)
"""

import numpy as np

from analysis_common import floats, matrix, python_version, write

OPERATORS = ["weighted-average", "min-max", "product-max", "min-bounded-sum"]
DEFAULT_VALUES = [95, 85, 75, 65, 55]
TOL = 1e-12


def compose(a, r, op):
    a = np.asarray(a, dtype=float)[:, None]
    r = np.asarray(r, dtype=float)
    if op == "weighted-average":
        return np.minimum(1.0, (a * r).sum(axis=0))
    if op == "min-max":
        return np.minimum(a, r).max(axis=0)
    if op == "product-max":
        return (a * r).max(axis=0)
    return np.minimum(1.0, np.minimum(a, r).sum(axis=0))


def read(raw, values):
    raw = np.asarray(raw, dtype=float)
    b = raw / raw.sum()
    keys = np.round(b * 1e12)
    j = int(np.flatnonzero(keys == keys.max())[0])
    out = {"vector": floats(b), "raw": floats(raw), "grade": j}
    if values is not None:
        out["score"] = float(b @ np.asarray(values, dtype=float))
    return out


def one_level(a, r, op, values=DEFAULT_VALUES):
    a = np.asarray(a, dtype=float)
    return read(compose(a / a.sum(), r, op), values)


def two_level(a, groups, op, values=DEFAULT_VALUES):
    rows, firsts = [], []
    for g in groups:
        w = np.asarray(g["weights"], dtype=float)
        first = read(compose(w / w.sum(), g["membership"], op), values)
        firsts.append(first)
        rows.append(first["vector"])
    a = np.asarray(a, dtype=float)
    top = read(compose(a / a.sum(), rows, op), values)
    top["groups"] = firsts
    return top


# A county's emergency-response evaluation: four factors (subject collaboration, interest
# coordination, information sharing, resource support) judged by 10 experts on five grades.
WEIGHTS = [0.3, 0.25, 0.25, 0.2]
MEMBERSHIP = [[0.2, 0.5, 0.2, 0.1, 0.0],
              [0.1, 0.3, 0.4, 0.2, 0.0],
              [0.3, 0.4, 0.2, 0.1, 0.0],
              [0.0, 0.2, 0.5, 0.2, 0.1]]


def hand_checks():
    # weighted average, grade 2 ("较好", index 1): b = (0.06+0.025+0.075+0, 0.15+0.075+0.1+0.04, ...)
    b = compose(WEIGHTS, MEMBERSHIP, "weighted-average")
    assert np.allclose(b, [0.16, 0.365, 0.31, 0.145, 0.02])
    # min-max: b_1 = max(min(.3,.2), min(.25,.1), min(.25,.3), min(.2,0)) = 0.25
    b = compose(WEIGHTS, MEMBERSHIP, "min-max")
    assert np.allclose(b, [0.25, 0.3, 0.25, 0.2, 0.1])
    # score of the weighted average: 0.16*95 + 0.365*85 + 0.31*75 + 0.145*65 + 0.02*55 = 80.0
    assert abs(one_level(WEIGHTS, MEMBERSHIP, "weighted-average")["score"] - 80.0) < 1e-12


def cases(rng):
    out = []
    for op in OPERATORS:
        out.append({"name": f"county-response-{op}", "input": {"weights": WEIGHTS, "membership": MEMBERSHIP,
                                                                "operator": op},
                    "expect": one_level(WEIGHTS, MEMBERSHIP, op)})
    groups = [
        {"name": "主体协同", "weights": [0.5, 0.3, 0.2],
         "membership": [[0.3, 0.4, 0.2, 0.1, 0.0], [0.1, 0.5, 0.3, 0.1, 0.0], [0.2, 0.2, 0.4, 0.2, 0.0]]},
        {"name": "利益协调", "weights": [0.6, 0.4],
         "membership": [[0.1, 0.3, 0.4, 0.1, 0.1], [0.0, 0.4, 0.4, 0.2, 0.0]]},
        {"name": "信息共享", "weights": [0.4, 0.3, 0.3],
         "membership": [[0.4, 0.4, 0.2, 0.0, 0.0], [0.2, 0.3, 0.3, 0.2, 0.0], [0.1, 0.3, 0.3, 0.2, 0.1]]},
    ]
    for op in OPERATORS:
        out.append({"name": f"two-level-{op}", "input": {"weights": [0.4, 0.35, 0.25], "groups": groups, "operator": op},
                    "expect": two_level([0.4, 0.35, 0.25], groups, op)})
    # Custom grades without values: no score. A tie: grades 0 and 1 share the maximum.
    grades = [{"name": "good"}, {"name": "fair"}, {"name": "poor"}]
    out.append({"name": "tie-no-values", "input": {"weights": [0.5, 0.5], "membership": [[0.4, 0.4, 0.2], [0.4, 0.4, 0.2]],
                                                   "grades": grades},
                "expect": one_level([0.5, 0.5], [[0.4, 0.4, 0.2], [0.4, 0.4, 0.2]], "weighted-average", None)})
    for k in range(12):
        n, m = int(rng.integers(2, 8)), int(rng.integers(3, 7))
        a = rng.dirichlet(np.ones(n))
        r = rng.dirichlet(np.ones(m), size=n).round(3)
        values = floats(np.linspace(100, 20, m))
        op = OPERATORS[k % 4]
        out.append({"name": f"generated-{k}-{op}",
                    "input": {"weights": floats(a), "membership": matrix(r), "operator": op,
                              "grades": [{"name": f"g{j}", "value": v} for j, v in enumerate(values)]},
                    "expect": one_level(a, r, op, values)})
    return out


INVALID = [
    ("weights-sum", {"weights": [0.3, 0.3], "membership": [[0.5, 0.5, 0, 0, 0], [0.5, 0.5, 0, 0, 0]]},
     [("sum-not-one", "weights")]),
    ("membership-rows", {"weights": [1], "membership": [[0.5, 0.5, 0, 0, 0], [0.5, 0.5, 0, 0, 0]]},
     [("length-mismatch", "membership")]),
    ("membership-columns", {"weights": [1], "membership": [[0.5, 0.5]]}, [("length-mismatch", "membership[0]")]),
    ("membership-range", {"weights": [0.5, 0.5], "membership": [[1.5, 0, 0, 0, 0], [0.5, -0.5, 0, 0, 0]]},
     [("out-of-range", "membership[0][0]"), ("out-of-range", "membership[1][1]")]),
    ("operator", {"weights": [1], "membership": [[1, 0, 0, 0, 0]], "operator": "max-min"}, [("invalid-value", "operator")]),
    ("both-levels", {"weights": [1], "membership": [[1, 0, 0, 0, 0]], "groups": []}, [("conflicting-fields", "groups")]),
    ("neither-level", {"weights": [1]}, [("required", "membership")]),
    ("grade-values-partly", {"weights": [1], "membership": [[1, 0]], "grades": [{"name": "a", "value": 1}, {"name": "b"}]},
     [("required", "grades[1].value")]),
    ("all-zero", {"weights": [1], "membership": [[0, 0, 0, 0, 0]]}, [("all-zero", "membership")]),
    ("group-weights", {"weights": [0.5, 0.5], "groups": [{"weights": [1], "membership": [[1, 0, 0, 0, 0]]},
                                                         {"weights": [0.2], "membership": [[1, 0, 0, 0, 0]]}]},
     [("sum-not-one", "groups[1].weights")]),
    ("groups-count", {"weights": [1], "groups": [{"weights": [1], "membership": [[1, 0, 0, 0, 0]]},
                                                 {"weights": [1], "membership": [[1, 0, 0, 0, 0]]}]},
     [("length-mismatch", "groups")]),
    ("negative-weight", {"weights": [1.5, -0.5], "membership": [[1, 0, 0, 0, 0], [1, 0, 0, 0, 0]]},
     [("negative-value", "weights[1]")]),
]


def main():
    hand_checks()
    rng = np.random.default_rng(20260603)
    write("fuzzy.json", {
        "description": "Reference values for crisis-desk's fuzzy comprehensive evaluation (src/analysis/fuzzy.rs). Generated by tests/oracles/analysis_fuzzy.py (an independent numpy implementation); do not edit by hand. grade is the 0-based index of the grade read by maximum membership.",
        "provenance": {"script": "tests/oracles/analysis_fuzzy.py", "numpy": np.__version__, "python": python_version()},
        "tolerance": {"absolute": TOL},
        "cases": cases(rng),
        "invalid": [{"name": n, "input": i, "expect": [{"code": c, "path": p} for c, p in e]} for n, i, e in INVALID],
    })


if __name__ == "__main__":
    main()
