#!/usr/bin/env python3
"""Writes tests/fixtures/analysis/entropy.json and tests/fixtures/analysis/topsis.json:
reference values for crisis-desk's entropy weights and TOPSIS.

References, each case saying which it carries and at what tolerance:

* "pymcdm": pymcdm 1.4 (PyPI). weights.entropy_weights(matrix) (sum normalisation of the raw
  values; it refuses a matrix holding 0, so it is a reference for positive matrices only); methods.TOPSIS(minmax_normalization) (its
  default) and TOPSIS(vector_normalization).
* "scikit-criteria": scikit-criteria 0.10 (PyPI). preprocessing.weighters.EntropyWeighter
  (scipy.stats.entropy, base m, of the raw columns: sum normalisation, 0*ln 0 = 0);
  agg.topsis.TOPSIS after preprocessing.scalers.VectorScaler or MinMaxScaler (or nothing:
  crisis-desk's "none"), with min objectives for cost criteria.
* "oracle": an independent numpy re-implementation below of the textbook form
  (standards.md 6.2, 6.3): min-max entropy with benefit/cost types, and TOPSIS. Used where no
  package implements the convention (min-max entropy) and to cross-check the packages.
* "published": values printed in the papers the packages' tests cite: Elsayed et al. 2017
  (entropy, pymcdm test/test_weights.py, 6 decimals), Opricovic & Tzeng 2004 (min-max
  TOPSIS, pymcdm test/test_mcdm.py, 3 decimals), Tzeng & Huang 2011 (vector TOPSIS,
  scikit-criteria tests/agg/test_similarity.py, 4 decimals).

Package results at full precision are compared to 1e-9 (absolute); published values to half a
unit in their last printed place.

Run from the repository root:
    python3 -m venv /tmp/oracle && /tmp/oracle/bin/pip install numpy scipy pymcdm scikit-criteria
    /tmp/oracle/bin/python tests/oracles/analysis_mcda.py
"""

import warnings

import numpy as np
import pymcdm
import scipy
import scipy.stats
import skcriteria
from pymcdm import methods as pm_methods
from pymcdm import normalizations as pm_norm
from pymcdm import weights as pm_weights
from skcriteria.agg.topsis import TOPSIS as SkTOPSIS
from skcriteria.preprocessing.scalers import MinMaxScaler, VectorScaler
from skcriteria.preprocessing.weighters import entropy_weights as sk_entropy_weights

from analysis_common import floats, matrix, python_version, write

warnings.filterwarnings("ignore")

TOL = 1e-9
PYMCDM_COMMIT = "2daa0b6029d5ad05550a58eb46ca7c1555fdfe93"  # kotbaton/pymcdm test/test_weights.py
PYMCDM_MCDM_COMMIT = "2d40d4fd131ae4f9222666b69b2df7d77c90658e"  # kotbaton/pymcdm test/test_mcdm.py
SKC_COMMIT = "0173cf76970b88e4169a119afad236a6369c6813"  # quatrope/scikit-criteria tests/agg/test_similarity.py


def versions():
    return {"numpy": np.__version__, "scipy": scipy.__version__, "pymcdm": "1.4.0",
            "scikit-criteria": skcriteria.VERSION, "python": python_version()}

# ------------------------------------------------------------------ entropy


def oracle_entropy(x, types, normalization, shift=0.0):
    """The textbook entropy weight method (standards.md 6.2), written independently."""
    x = np.asarray(x, dtype=float)
    m, n = x.shape
    e = np.ones(n)
    for j in range(n):
        col = x[:, j]
        if col.max() == col.min():
            continue
        if normalization == "minmax":
            if types[j] == "cost":
                col = (col.max() - col) / (col.max() - col.min())
            else:
                col = (col - col.min()) / (col.max() - col.min())
            col = col + shift
        e[j] = scipy.stats.entropy(col, base=m)  # normalises to sum 1; 0 * ln 0 = 0
    d = 1 - e
    return d / d.sum(), e, d


def entropy_refs(x, types=None, with_pymcdm=True):
    x = np.asarray(x, dtype=float)
    types = types or ["benefit"] * x.shape[1]
    refs = []
    w, e, d = oracle_entropy(x, types, "sum")
    refs.append({"source": "oracle", "normalization": "sum", "weights": floats(w), "entropy": floats(e),
                 "divergence": floats(d), "tolerance": {"absolute": TOL}})
    refs.append({"source": "scikit-criteria", "normalization": "sum", "weights": floats(sk_entropy_weights(x)),
                 "tolerance": {"absolute": TOL}})
    if with_pymcdm:
        assert (x > 0).all()
        refs.append({"source": "pymcdm", "normalization": "sum", "weights": floats(pm_weights.entropy_weights(x)),
                     "tolerance": {"absolute": TOL}})
    w, e, d = oracle_entropy(x, types, "minmax")
    refs.append({"source": "oracle", "normalization": "minmax", "weights": floats(w), "entropy": floats(e),
                 "divergence": floats(d), "tolerance": {"absolute": TOL}})
    w, e, d = oracle_entropy(x, types, "minmax", shift=0.0001)
    refs.append({"source": "oracle", "normalization": "minmax", "shift": 0.0001, "weights": floats(w),
                 "entropy": floats(e), "divergence": floats(d), "tolerance": {"absolute": TOL}})
    return refs


ELSAYED = [[7, 312, 1891, 6613, 163], [72, 88, 728, 941804, 1078], [10, 252, 2594, 3466, 117471],
           [10, 145, 980, 2371, 86329], [65, 54, 350, 501, 29897], [29, 48, 380, 912, 34051],
           [7, 476, 3300, 78470, 2212], [70, 87, 650, 733, 819000], [4, 86, 591, 3015, 103],
           [12, 79, 579, 3240, 96098], [21, 45, 261, 1253, 453], [1, 72, 530, 4333, 0.104800]]
ELSAYED_PUBLISHED = [0.104991, 0.069124, 0.071373, 0.449937, 0.304575]


def entropy_cases(rng):
    cases = []
    refs = entropy_refs(ELSAYED)
    refs.append({"source": "published", "normalization": "sum", "weights": ELSAYED_PUBLISHED,
                 "tolerance": {"absolute": 5e-7}})
    cases.append({"name": "elsayed-2017", "provenance": {
        "paper": "Elsayed EA, Dawood AS, Karthikeyan R. Evaluating alternatives through the application of TOPSIS method with entropy weight. Int J Eng Trends Technol 2017;46(2):60-66",
        "test": f"kotbaton/pymcdm test/test_weights.py TestEntropyWeights at {PYMCDM_COMMIT}"},
        "input": {"matrix": matrix(ELSAYED)}, "references": refs})
    # A hand-checkable case: one constant column, a cost column.
    small = [[1, 5, 3], [2, 5, 1], [4, 5, 2]]
    types = ["benefit", "benefit", "cost"]
    cases.append({"name": "constant-column-and-cost", "input": {"matrix": small, "types": types},
                  "constant": [1], "references": entropy_refs(small, types)})
    for k in range(12):
        m, n = int(rng.integers(3, 12)), int(rng.integers(2, 8))
        x = rng.uniform(0.5, 100, (m, n)).round(2)
        types = [["benefit", "cost"][int(b)] for b in rng.integers(0, 2, n)]
        cases.append({"name": f"generated-{k}", "input": {"matrix": matrix(x), "types": types},
                      "references": entropy_refs(x, types)})
    # Zeros: 0 * ln 0 = 0, as scikit-criteria (scipy.stats.entropy). pymcdm 1.4 refuses them.
    x = rng.uniform(0, 10, (6, 4)).round(1)
    x[0, 1] = 0
    x[3, 2] = 0
    try:
        pm_weights.entropy_weights(x)
        raise AssertionError("pymcdm accepted a zero")
    except ValueError:
        pass
    cases.append({"name": "generated-with-zeros", "input": {"matrix": matrix(x)},
                  "references": entropy_refs(x, with_pymcdm=False),
                  "pymcdm": "refuses a matrix holding 0 (sum_normalization raises ValueError)"})
    return cases


ENTROPY_INVALID = [
    ("one-row", {"matrix": [[1, 2]]}, [("out-of-range", "matrix")]),
    ("ragged", {"matrix": [[1, 2], [3]]}, [("length-mismatch", "matrix[1]")]),
    ("negative-sum", {"matrix": [[1, -2], [3, 4]], "normalization": "sum"}, [("negative-value", "matrix[0][1]")]),
    ("all-constant", {"matrix": [[1, 2], [1, 2], [1, 2]]}, [("no-variation", "matrix")]),
    ("types", {"matrix": [[1, 2], [3, 4]], "types": ["benefit", "gain"]}, [("invalid-value", "types[1]")]),
    ("types-length", {"matrix": [[1, 2], [3, 4]], "types": ["cost"]}, [("length-mismatch", "types")]),
    ("shift-with-sum", {"matrix": [[1, 2], [3, 4]], "normalization": "sum", "shift": 0.01},
     [("conflicting-fields", "shift")]),
    ("bad-normalization", {"matrix": [[1, 2], [3, 4]], "normalization": "vector"},
     [("invalid-value", "normalization")]),
]
COMBINE_INVALID = [
    ("lengths", {"subjective": [0.5, 0.5], "objective": [1]}, [("length-mismatch", "objective")]),
    ("negative", {"subjective": [0.5, -0.5], "objective": [0.5, 0.5]}, [("negative-value", "subjective[1]")]),
    ("all-zero", {"subjective": [0, 0], "objective": [0.5, 0.5]}, [("all-zero", "subjective")]),
    ("alpha", {"subjective": [1, 1], "objective": [1, 1], "alpha": 1.5}, [("out-of-range", "alpha")]),
    ("alpha-multiplicative", {"subjective": [1, 1], "objective": [1, 1], "method": "multiplicative", "alpha": 0.3},
     [("conflicting-fields", "alpha")]),
    ("disjoint-product", {"subjective": [1, 0], "objective": [0, 1], "method": "multiplicative"},
     [("all-zero", "objective")]),
]

# ------------------------------------------------------------------ TOPSIS


def oracle_topsis(x, w, types, normalization):
    """Hwang & Yoon (standards.md 6.3), written independently; cost criteria take the min."""
    x = np.asarray(x, dtype=float)
    w = np.asarray(w, dtype=float) / np.sum(w)
    r = np.empty_like(x)
    benefit = np.array([t == "benefit" for t in types])
    for j in range(x.shape[1]):
        col = x[:, j]
        if normalization == "vector":
            nrm = np.sqrt((col ** 2).sum())
            r[:, j] = col / nrm if nrm > 0 else 0
        elif normalization == "minmax":
            rng_ = col.max() - col.min()
            r[:, j] = (col - col.min()) / rng_ if rng_ > 0 else 1
        else:
            r[:, j] = col
    v = r * w
    ideal = np.where(benefit, v.max(axis=0), v.min(axis=0))
    anti = np.where(benefit, v.min(axis=0), v.max(axis=0))
    dp = np.sqrt(((v - ideal) ** 2).sum(axis=1))
    dm = np.sqrt(((v - anti) ** 2).sum(axis=1))
    return dm / (dp + dm)


def pymcdm_topsis(x, w, types, normalization):
    f = {"vector": pm_norm.vector_normalization, "minmax": pm_norm.minmax_normalization}[normalization]
    t = np.array([1 if s == "benefit" else -1 for s in types])
    return pm_methods.TOPSIS(f)(np.asarray(x, dtype=float), np.asarray(w, dtype=float), t)


def skc_topsis(x, w, types, normalization):
    dm = skcriteria.mkdm(matrix=np.asarray(x, dtype=float), objectives=[max if t == "benefit" else min for t in types],
                         weights=np.asarray(w, dtype=float))
    if normalization == "vector":
        dm = VectorScaler(target="matrix").transform(dm)
    elif normalization == "minmax":
        dm = MinMaxScaler(target="matrix").transform(dm)
    return SkTOPSIS().evaluate(dm).e_.similarity


def topsis_refs(x, w, types, normalizations=("vector", "minmax")):
    refs = []
    for norm in normalizations:
        refs.append({"source": "oracle", "normalization": norm, "closeness": floats(oracle_topsis(x, w, types, norm)),
                     "tolerance": {"absolute": TOL}})
        if norm != "none":
            refs.append({"source": "pymcdm", "normalization": norm, "closeness": floats(pymcdm_topsis(x, w, types, norm)),
                         "tolerance": {"absolute": TOL}})
        refs.append({"source": "scikit-criteria", "normalization": norm,
                     "closeness": floats(skc_topsis(x, w, types, norm)), "tolerance": {"absolute": TOL}})
    return refs


OPRICOVIC = [[1, 3000], [2, 3750], [5, 4500]]
TZENG = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]]
SKC_SMALL = [[1, 0, 3], [0, 5, 6]]


def topsis_cases(rng):
    cases = []
    types = ["cost", "benefit"]
    refs = topsis_refs(OPRICOVIC, [0.5, 0.5], types)
    refs.append({"source": "published", "normalization": "minmax", "closeness": [0.500, 0.617, 0.500],
                 "tolerance": {"absolute": 5e-4}})
    cases.append({"name": "opricovic-tzeng-2004", "provenance": {
        "paper": "Opricovic S, Tzeng GH. Compromise solution by MCDM methods: a comparative analysis of VIKOR and TOPSIS. EJOR 2004;156(2):445-455",
        "test": f"kotbaton/pymcdm test/test_mcdm.py TestTOPSIS at {PYMCDM_MCDM_COMMIT}; oracles.md"},
        "input": {"matrix": OPRICOVIC, "weights": [0.5, 0.5], "types": types},
        "ranking": {"minmax": [2, 1, 3]}, "references": refs})
    types = ["benefit"] * 3
    refs = topsis_refs(TZENG, [0.3, 0.4, 0.3], types)
    refs.append({"source": "published", "normalization": "vector", "closeness": [0.5037, 0.6581, 0.7482, 0.3340],
                 "tolerance": {"absolute": 5e-5}})
    cases.append({"name": "tzeng-huang-2011", "provenance": {
        "book": "Tzeng GH, Huang JJ. Multiple Attribute Decision Making: Methods and Applications. CRC Press 2011",
        "test": f"quatrope/scikit-criteria tests/agg/test_similarity.py test_TOPSIS_tzeng2011multiple at {SKC_COMMIT}"},
        "input": {"matrix": TZENG, "weights": [0.3, 0.4, 0.3], "types": types},
        "ranking": {"vector": [3, 2, 1, 4]}, "references": refs})
    refs = topsis_refs(SKC_SMALL, [1, 1, 1], ["benefit"] * 3, normalizations=("none",))
    refs.append({"source": "published", "normalization": "none", "closeness": [0.14639248, 0.85360752],
                 "tolerance": {"absolute": 5e-9}})
    cases.append({"name": "scikit-criteria-unscaled", "provenance": {
        "test": f"quatrope/scikit-criteria tests/agg/test_similarity.py test_TOPSIS at {SKC_COMMIT}"},
        "input": {"matrix": SKC_SMALL, "weights": [1, 1, 1], "normalization": "none"},
        "ranking": {"none": [2, 1]}, "references": refs})
    for k in range(16):
        m, n = int(rng.integers(3, 15)), int(rng.integers(2, 9))
        x = rng.uniform(1, 1000, (m, n)).round(1)
        w = rng.uniform(0.05, 1, n).round(3)
        types = [["benefit", "cost"][int(b)] for b in rng.integers(0, 2, n)]
        cases.append({"name": f"generated-{k}", "input": {"matrix": matrix(x), "weights": floats(w), "types": types},
                      "references": topsis_refs(x, w, types)})
    return cases


TOPSIS_INVALID = [
    ("weights-length", {"matrix": [[1, 2], [3, 4]], "weights": [1]}, [("length-mismatch", "weights")]),
    ("weights-missing", {"matrix": [[1, 2], [3, 4]]}, [("required", "weights")]),
    ("weights-negative", {"matrix": [[1, 2], [3, 4]], "weights": [1, -1]}, [("negative-value", "weights[1]")]),
    ("weights-zero", {"matrix": [[1, 2], [3, 4]], "weights": [0, 0]}, [("all-zero", "weights")]),
    ("one-alternative", {"matrix": [[1, 2]], "weights": [1, 1]}, [("out-of-range", "matrix")]),
    ("types", {"matrix": [[1, 2], [3, 4]], "weights": [1, 1], "types": ["cost", "max"]}, [("invalid-value", "types[1]")]),
    ("normalization", {"matrix": [[1, 2], [3, 4]], "weights": [1, 1], "normalization": "sum"},
     [("invalid-value", "normalization")]),
    ("all-constant", {"matrix": [[1, 2], [1, 2]], "weights": [1, 1]}, [("no-variation", "matrix")]),
    ("ragged-and-text", {"matrix": [[1, 2], [3, "4"], [5]], "weights": [1, 1]},
     [("invalid-type", "matrix[1][1]"), ("length-mismatch", "matrix[2]")]),
]


def invalid(cases):
    return [{"name": n, "input": i, "expect": [{"code": c, "path": p} for c, p in e]} for n, i, e in cases]


def main():
    rng = np.random.default_rng(20260602)
    write("entropy.json", {
        "description": "Reference values for crisis-desk's entropy weights (src/analysis/entropy.rs). Generated by tests/oracles/analysis_mcda.py; do not edit by hand.",
        "provenance": {"script": "tests/oracles/analysis_mcda.py", **versions()},
        "cases": entropy_cases(rng),
        "invalid": invalid(ENTROPY_INVALID),
        "invalidCombine": invalid(COMBINE_INVALID),
    })
    write("topsis.json", {
        "description": "Reference values for crisis-desk's TOPSIS (src/analysis/topsis.rs). Generated by tests/oracles/analysis_mcda.py; do not edit by hand.",
        "provenance": {"script": "tests/oracles/analysis_mcda.py", **versions()},
        "cases": topsis_cases(rng),
        "invalid": invalid(TOPSIS_INVALID),
    })


if __name__ == "__main__":
    main()
