#!/usr/bin/env python3
"""Writes tests/fixtures/analysis/ahp.json: reference values for crisis-desk's AHP.

Three references, each case saying which it carries and at what tolerance:

* "numpy": numpy.linalg.eig of the matrix (the principal eigenpair, the eigenvector scaled
  to sum 1), CI = (lambda_max - n)/(n - 1), CR = CI/RI with each random-index table as
  crisis-desk tabulates it (re-typed below from the sources the Rust doc comments cite).
  Compared to 1e-9 (weights, lambda_max, CI, CR: absolute).
* "ahpy": ahpy 2.1 (PyPI), Compare(..., precision=p, random_index='saaty' | 'dd'), whose
  'saaty' is crisis-desk's "saaty-2005" and whose 'dd' is "donegan-dodd". ahpy rounds its
  weights and CR to p decimals (its "precision"), so they are compared to 10^-p.
* "pymcdm": pymcdm 1.4 weights.subjective.AHP(matrix=...)() and .get_cr(), whose RI_M is
  crisis-desk's "tummala-ling". pymcdm uses numpy.linalg.eig: compared to 1e-9.

Published examples: Saaty 2008 (Int J Services Sciences 1(1):83-98) "drinks", as in ahpy's
tests/test_ahp.py (weights to 3 decimals and CR 0.022 with Saaty's RI); Saaty 2005 (Theory
and Applications of the ANP) "cities" hierarchy, as in ahpy's tests/test_ahp.py (target
weights at precision 3 with 'saaty', 4 with 'dd'). Generated matrices: reciprocal matrices on
the 1-9 scale, n = 3 .. 15 (and 16 .. 30 for "donegan-dodd"), from numpy's default_rng with a
fixed seed, some random and some near-consistent.

Run from the repository root:
    python3 -m venv /tmp/oracle && /tmp/oracle/bin/pip install numpy scipy ahpy pymcdm
    /tmp/oracle/bin/python tests/oracles/analysis_ahp.py
"""

import warnings

import ahpy
import numpy as np
import pymcdm
from pymcdm.weights.subjective import AHP as PymcdmAHP

from analysis_common import floats, matrix, python_version, write

warnings.filterwarnings("ignore")

# ------------------------------------------------------------------ random-index tables

SAATY_1980 = [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59]
SAATY_2005 = [0, 0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59]
TUMMALA_LING = [0, 0, 0.5799, 0.8921, 1.1159, 1.2358, 1.3322, 1.3952, 1.4537, 1.4882, 1.5117, 1.5356,
                1.5571, 1.5714, 1.5831]
DONEGAN_DODD = {3: 0.4914, 4: 0.8286, 5: 1.0591, 6: 1.1797, 7: 1.2519, 8: 1.3171, 9: 1.3733, 10: 1.4055,
                11: 1.4213, 12: 1.4497, 13: 1.4643, 14: 1.4822, 15: 1.4969, 16: 1.5078, 17: 1.5153,
                18: 1.5262, 19: 1.5313, 20: 1.5371, 25: 1.5619, 30: 1.5772, 40: 1.5976, 50: 1.6102,
                60: 1.6178, 70: 1.6237, 80: 1.6277, 90: 1.6213, 100: 1.6339}

# The tables must be the packages' own: check against their source.
assert TUMMALA_LING == list(PymcdmAHP.RI_M)


def ri(table, n):
    if n <= 2:
        return 0.0
    if table == "saaty":
        return SAATY_1980[n - 1] if n <= 15 else None
    if table == "saaty-2005":
        return SAATY_2005[n - 1] if n <= 15 else None
    if table == "tummala-ling":
        return TUMMALA_LING[n - 1] if n <= 15 else None
    if n > 100:
        return None
    if n in DONEGAN_DODD:
        return DONEGAN_DODD[n]
    keys = sorted(DONEGAN_DODD)
    lo = max(k for k in keys if k < n)
    hi = min(k for k in keys if k > n)
    return DONEGAN_DODD[lo] + (DONEGAN_DODD[hi] - DONEGAN_DODD[lo]) / (hi - lo) * (n - lo)


TABLES = ["saaty", "saaty-2005", "donegan-dodd", "tummala-ling"]
THRESHOLD = 0.1
NUMPY_TOL = 1e-9

# ------------------------------------------------------------------ references


def numpy_eig(a):
    a = np.asarray(a, dtype=float)
    values, vectors = np.linalg.eig(a)
    k = int(np.argmax(values.real))
    w = np.abs(vectors[:, k].real)
    return w / w.sum(), float(values[k].real)


def numpy_reference(a):
    n = len(a)
    w, lam = numpy_eig(a)
    tables = {}
    for t in TABLES:
        r = ri(t, n)
        if r is None:
            continue
        ci = 0.0 if n <= 2 else max(0.0, (lam - n) / (n - 1))
        cr = ci / r if r > 0 else 0.0
        tables[t] = {"ri": r, "ci": ci, "cr": cr, "consistent": bool(n <= 2 or cr < THRESHOLD)}
    return {"weights": floats(w), "lambdaMax": lam, "tables": tables,
            "tolerance": {"absolute": NUMPY_TOL}}


def ahpy_reference(a, table, precision):
    n = len(a)
    names = [f"e{i:02d}" for i in range(n)]
    comparisons = {(names[i], names[j]): float(a[i][j]) for i in range(n) for j in range(i + 1, n)}
    c = ahpy.Compare("m", comparisons, precision=precision, random_index={"saaty-2005": "saaty", "donegan-dodd": "dd"}[table])
    assert c._elements == names
    return {"randomIndex": table, "precision": precision,
            "weights": [float(c.local_weights[e]) for e in names], "cr": float(c.consistency_ratio),
            "tolerance": {"absolute": 10.0 ** -precision}}


def pymcdm_reference(a):
    m = PymcdmAHP(matrix=np.asarray(a, dtype=float))
    return {"randomIndex": "tummala-ling", "weights": floats(m()), "cr": float(m.get_cr()),
            "tolerance": {"absolute": NUMPY_TOL}}


def references(a, ahpy_precision=4):
    n = len(a)
    out = {"numpy": numpy_reference(a), "ahpy": [], "pymcdm": []}
    for t in ("saaty-2005", "donegan-dodd"):
        if ri(t, n) is not None and n >= 3:
            out["ahpy"].append(ahpy_reference(a, t, ahpy_precision))
    if n <= 15:
        out["pymcdm"].append(pymcdm_reference(a))
    return out

# ------------------------------------------------------------------ matrices


def from_pairs(names, pairs):
    n = len(names)
    a = np.ones((n, n))
    for (x, y), v in pairs.items():
        i, j = names.index(x), names.index(y)
        a[i, j] = v
        a[j, i] = 1.0 / v
    return a


SCALE = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]


def nearest_scale(x):
    return min(SCALE, key=lambda s: abs(np.log(s) - np.log(x)))


def random_matrix(rng, n):
    a = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j] = SCALE[rng.integers(len(SCALE))]
            a[j, i] = 1.0 / a[i, j]
    return a


def near_consistent(rng, n):
    """w_i / w_j rounded to the 1-9 scale: consistent up to the scale's coarseness."""
    w = rng.uniform(1, 9, n)
    a = np.ones((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            a[i, j] = nearest_scale(w[i] / w[j])
            a[j, i] = 1.0 / a[i, j]
    return a


# Saaty 2008 "drinks", in ahpy's tests/test_ahp.py (relative consumption of drinks in the US).
DRINK_NAMES = ["coffee", "wine", "tea", "beer", "soda", "milk", "water"]
DRINKS = {("coffee", "wine"): 9, ("coffee", "tea"): 5, ("coffee", "beer"): 2, ("coffee", "soda"): 1,
          ("coffee", "milk"): 1, ("water", "coffee"): 2, ("water", "wine"): 9, ("water", "tea"): 9,
          ("water", "beer"): 3, ("water", "soda"): 2, ("water", "milk"): 3, ("tea", "wine"): 3,
          ("beer", "wine"): 9, ("beer", "tea"): 3, ("beer", "milk"): 1, ("soda", "wine"): 9,
          ("soda", "tea"): 4, ("soda", "beer"): 2, ("soda", "milk"): 2, ("milk", "wine"): 9,
          ("milk", "tea"): 3}
# Saaty 2008, as printed (and as ahpy's test asserts at precision 3).
DRINKS_PUBLISHED = {"water": 0.327, "soda": 0.190, "coffee": 0.177, "milk": 0.129, "beer": 0.116,
                    "tea": 0.042, "wine": 0.019}

# Saaty 2005 "cities", in ahpy's tests/test_ahp.py.
CRITERIA = {("Culture", "Housing"): 3, ("Culture", "Transportation"): 5, ("Family", "Culture"): 5,
            ("Family", "Housing"): 7, ("Family", "Transportation"): 7, ("Housing", "Transportation"): 3,
            ("Jobs", "Culture"): 2, ("Jobs", "Housing"): 4, ("Jobs", "Transportation"): 7, ("Family", "Jobs"): 1}
CITY_CHILDREN = {
    "Culture": {("Bethesda", "Pittsburgh"): 1, ("Boston", "Bethesda"): 2, ("Boston", "Pittsburgh"): 2.5,
                ("Boston", "Santa Fe"): 1, ("Pittsburgh", "Bethesda"): 1, ("Santa Fe", "Bethesda"): 2,
                ("Santa Fe", "Pittsburgh"): 2.5},
    "Family": {("Bethesda", "Boston"): 2, ("Bethesda", "Santa Fe"): 4, ("Boston", "Santa Fe"): 2,
               ("Pittsburgh", "Bethesda"): 3, ("Pittsburgh", "Boston"): 8, ("Pittsburgh", "Santa Fe"): 9},
    "Housing": {("Bethesda", "Boston"): 5, ("Bethesda", "Santa Fe"): 2.5, ("Pittsburgh", "Bethesda"): 2,
                ("Pittsburgh", "Boston"): 9, ("Pittsburgh", "Santa Fe"): 7, ("Santa Fe", "Boston"): 4},
    "Jobs": {("Bethesda", "Pittsburgh"): 3, ("Bethesda", "Santa Fe"): 4, ("Boston", "Bethesda"): 2,
             ("Boston", "Pittsburgh"): 6, ("Boston", "Santa Fe"): 8, ("Pittsburgh", "Santa Fe"): 1},
    "Transportation": {("Bethesda", "Boston"): 1.5, ("Bethesda", "Santa Fe"): 4, ("Boston", "Santa Fe"): 2.5,
                       ("Pittsburgh", "Bethesda"): 2, ("Pittsburgh", "Boston"): 3.5,
                       ("Pittsburgh", "Santa Fe"): 9},
}
CITIES_AHPY = {"saaty-2005": (3, {"Bethesda": 0.229, "Boston": 0.275, "Pittsburgh": 0.385, "Santa Fe": 0.111}),
               "donegan-dodd": (4, {"Bethesda": 0.2291, "Boston": 0.2748, "Pittsburgh": 0.3852,
                                    "Santa Fe": 0.1110})}
CITY_ORDER = ["Bethesda", "Boston", "Pittsburgh", "Santa Fe"]

AHPY_COMMIT = "4be50e8433cfa32c71ede83437eccfb32b959157"


def elements(pairs):
    """ahpy's element order: first appearance in the keys."""
    out = []
    for key in pairs:
        for e in key:
            if e not in out:
                out.append(e)
    return out


def drinks_case():
    a = from_pairs(DRINK_NAMES, DRINKS)
    refs = references(a, ahpy_precision=3)
    # ahpy's own test asserts precision 4 with 'dd' as well.
    refs["ahpy"] = [ahpy_reference(a, "saaty-2005", 3), ahpy_reference(a, "donegan-dodd", 4)]
    assert refs["ahpy"][0]["cr"] == 0.022 and refs["ahpy"][1]["cr"] == 0.0235
    published = {"weights": [DRINKS_PUBLISHED[n] for n in DRINK_NAMES], "cr": 0.022,
                 "randomIndex": ["saaty", "saaty-2005"], "tolerance": {"absolute": 0.0005}}
    return {"name": "saaty-2008-drinks", "source": "published",
            "provenance": {"paper": "Saaty TL, Decision making with the analytic hierarchy process, Int J Services Sciences 2008;1(1):83-98",
                           "matrix": f"PhilipGriffith/AHPy tests/test_ahp.py at {AHPY_COMMIT}"},
            "input": {"matrix": matrix(a), "labels": DRINK_NAMES}, "published": published, **refs}


def cities_case():
    crit_names = elements(CRITERIA)
    top = from_pairs(crit_names, CRITERIA)
    children = []
    numpy_global = {c: 0.0 for c in CITY_ORDER}
    wt, _ = numpy_eig(top)
    ci_sum = {t: 0.0 for t in TABLES}
    ri_sum = {t: 0.0 for t in TABLES}
    for k, name in enumerate(crit_names):
        pairs = CITY_CHILDREN[name]
        names = elements(pairs)
        a = from_pairs(names, pairs)
        children.append({"matrix": matrix(a), "labels": names})
        w, lam = numpy_eig(a)
        for city, x in zip(names, w):
            numpy_global[city] += wt[k] * x
        n = len(names)
        for t in TABLES:
            ci_sum[t] += wt[k] * max(0.0, (lam - n) / (n - 1))
            ri_sum[t] += wt[k] * ri(t, n)
    ahpy_refs = []
    for table, (precision, expected) in CITIES_AHPY.items():
        kids = [ahpy.Compare(n, CITY_CHILDREN[n], precision=precision,
                             random_index={"saaty-2005": "Saaty", "donegan-dodd": "dd"}[table]) for n in crit_names]
        goal = ahpy.Compare("Goal", CRITERIA, precision=precision,
                            random_index={"saaty-2005": "Saaty", "donegan-dodd": "dd"}[table])
        goal.add_children(kids)
        got = {k: float(v) for k, v in goal.target_weights.items()}
        assert got == expected, (got, expected)
        # ahpy rounds each level before multiplying: allow one unit in the last place per level.
        ahpy_refs.append({"randomIndex": table, "precision": precision,
                          "synthesis": [got[c] for c in CITY_ORDER],
                          "tolerance": {"absolute": 2 * 10.0 ** -precision}})
    hierarchy_cr = {t: ci_sum[t] / ri_sum[t] for t in TABLES}
    return {"name": "saaty-2005-cities", "source": "published",
            "provenance": {"book": "Saaty TL, Theory and Applications of the Analytic Network Process, RWS 2005",
                           "matrices": f"PhilipGriffith/AHPy tests/test_ahp.py at {AHPY_COMMIT}"},
            "input": {"matrix": matrix(top), "labels": crit_names, "children": children},
            "synthesisOrder": CITY_ORDER,
            "numpy": {"synthesis": [float(numpy_global[c]) for c in CITY_ORDER], "criteriaWeights": floats(wt),
                      "hierarchyCr": hierarchy_cr, "tolerance": {"absolute": NUMPY_TOL}},
            "ahpy": ahpy_refs}


def group_case(rng):
    n = 5
    experts = [random_matrix(rng, n), near_consistent(rng, n), near_consistent(rng, n)]
    weights = [0.5, 0.3, 0.2]
    logs = sum(w * np.log(m) for w, m in zip(weights, experts))
    g = np.exp(logs)
    wg, lam = numpy_eig(g)
    per = [numpy_eig(m) for m in experts]
    return {"name": "group-of-three", "source": "numpy",
            "input": {"matrices": [matrix(m) for m in experts], "expertWeights": weights},
            "numpy": {"aggregateMatrix": matrix(g), "weights": floats(wg), "lambdaMax": lam,
                      "experts": [{"weights": floats(w), "lambdaMax": l} for w, l in per],
                      "tolerance": {"absolute": NUMPY_TOL}}}


def generated_cases(rng):
    cases = []
    for n in range(3, 16):
        for kind, make in (("random", random_matrix), ("near-consistent", near_consistent)):
            a = make(rng, n)
            cases.append({"name": f"generated-{kind}-n{n}", "source": "generated",
                          "input": {"matrix": matrix(a)}, **references(a)})
    for n in (16, 20, 21, 24, 30):
        a = near_consistent(rng, n)
        cases.append({"name": f"generated-near-consistent-n{n}", "source": "generated",
                      "input": {"matrix": matrix(a)}, **references(a)})
    return cases


# ------------------------------------------------------------------ invalid requests

ONE_THIRD = 1 / 3
INVALID = [
    ("not-square", {"matrix": [[1, 2, 3], [0.5, 1, 2]]},
     [("not-square", "matrix[0]"), ("not-square", "matrix[1]")]),
    ("ragged-row", {"matrix": [[1, 2], [0.5, 1, 3]]}, [("not-square", "matrix[1]")]),
    ("zero-and-negative", {"matrix": [[1, 0, 3], [2, 1, -2], [ONE_THIRD, 0.5, 1]]},
     [("not-positive", "matrix[0][1]"), ("not-positive", "matrix[1][2]")]),
    ("not-reciprocal", {"matrix": [[1, 3, 5], [ONE_THIRD, 1, 2], [0.25, 0.5, 1]]},
     [("not-reciprocal", "matrix[2][0]")]),
    ("diagonal-not-one", {"matrix": [[2, 3], [ONE_THIRD, 1]]}, [("not-reciprocal", "matrix[0][0]")]),
    ("pair-missing", {"matrix": [[1, None, 2], [None, 1, 3], [0.5, None, 1]]}, [("required", "matrix[0][1]")]),
    ("saaty-too-large", {"matrix": [[1] * 16 for _ in range(16)]}, [("matrix-too-large", "matrix")]),
    ("tummala-ling-too-large", {"matrix": [[1] * 16 for _ in range(16)], "randomIndex": "tummala-ling"},
     [("matrix-too-large", "matrix")]),
    ("donegan-dodd-too-large", {"matrix": [[1] * 101 for _ in range(101)], "randomIndex": "donegan-dodd"},
     [("matrix-too-large", "matrix")]),
    ("empty", {"matrix": []}, [("out-of-range", "matrix")]),
    ("wrong-types", {"matrix": [[1, "3"], [ONE_THIRD, 1]], "randomIndex": "saaty-1980", "threshold": 2},
     [("invalid-value", "randomIndex"), ("out-of-range", "threshold"), ("invalid-type", "matrix[0][1]")]),
    ("missing-matrix", {"labels": ["a"]}, [("required", "matrix")]),
    ("unknown-key", {"matrix": [[1]], "randomindex": "saaty"}, [("unknown-key", "randomindex")]),
    ("labels-length", {"matrix": [[1, 2], [0.5, 1]], "labels": ["a"]}, [("length-mismatch", "labels")]),
]
INVALID_HIERARCHY = [
    ("children-length", {"matrix": [[1, 2], [0.5, 1]], "children": [None]}, [("length-mismatch", "children")]),
    ("child-not-reciprocal", {"matrix": [[1, 2], [0.5, 1]], "children": [None, {"matrix": [[1, 4], [0.5, 1]]}]},
     [("not-reciprocal", "children[1].matrix[1][0]")]),
    ("children-required", {"matrix": [[1, 2], [0.5, 1]]}, [("required", "children")]),
]
INVALID_GROUP = [
    ("sizes-differ", {"matrices": [[[1, 2], [0.5, 1]], [[1, 2, 3], [0.5, 1, 1], [ONE_THIRD, 1, 1]]]},
     [("length-mismatch", "matrices[1]")]),
    ("expert-weights", {"matrices": [[[1, 2], [0.5, 1]], [[1, 3], [ONE_THIRD, 1]]], "expertWeights": [1, -1]},
     [("negative-value", "expertWeights[1]")]),
    ("expert-weights-length", {"matrices": [[[1, 2], [0.5, 1]]], "expertWeights": [0.5, 0.5]},
     [("length-mismatch", "expertWeights")]),
    ("expert-matrix-bad", {"matrices": [[[1, 2], [0.5, 1]], [[1, 0], [1, 1]]]},
     [("not-positive", "matrices[1][0][1]")]),
    ("no-experts", {"matrices": []}, [("out-of-range", "matrices")]),
]


def invalid(cases):
    return [{"name": n, "input": i, "expect": [{"code": c, "path": p} for c, p in e]} for n, i, e in cases]


def main():
    rng = np.random.default_rng(20260601)
    doc = {
        "description": "Reference values for crisis-desk's AHP (src/analysis/ahp.rs). Generated by tests/oracles/analysis_ahp.py; do not edit by hand.",
        "provenance": {"script": "tests/oracles/analysis_ahp.py", "numpy": np.__version__, "ahpy": ahpy.__version__,
                       "pymcdm": pymcdm.__version__ if hasattr(pymcdm, "__version__") else "1.4.0",
                       "python": python_version(),
                       "tables": {"saaty": "Saaty 1980 (standards.md 6.1)", "saaty-2005": "ahpy 2.1 random_index='saaty'",
                                  "donegan-dodd": "ahpy 2.1 random_index='dd'", "tummala-ling": "pymcdm 1.4 AHP.RI_M"}},
        "threshold": THRESHOLD,
        "cases": [drinks_case()] + generated_cases(rng),
        "hierarchy": [cities_case()],
        "group": [group_case(rng)],
        "invalid": invalid(INVALID),
        "invalidHierarchy": invalid(INVALID_HIERARCHY),
        "invalidGroup": invalid(INVALID_GROUP),
    }
    write("ahp.json", doc)


if __name__ == "__main__":
    main()
