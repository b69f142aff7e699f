#!/usr/bin/env python3
"""Writes tests/fixtures/growth.json: growth rate and doubling time by log-linear OLS.

For each window (the last 7 and the last 14 days of a series), statsmodels' OLS regresses
ln(count + 0.5) on the day index within the window (0 = the window's first day), over the
reported days only (null = missing, skipped, never filled in), and gives the slope r, its
standard error, the 95 % t interval (conf_int, n - 2 degrees of freedom) and the intercept.
Doubling time ln2/r (halving time ln2/|r| when r < 0) and its interval come from the r
interval; its far bound is null (unbounded) when the interval reaches 0. crisis-desk must
agree to 1e-9 (absolute for values below 1, relative above).

Run from the repository root:
    python3 -m venv /tmp/oracle && /tmp/oracle/bin/pip install numpy statsmodels
    /tmp/oracle/bin/python tests/oracles/growth.py
"""

import json
import math
import os
import sys

import numpy as np
import statsmodels
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "fixtures", "growth.json")
MIN_REPORTED_DAYS = 5
LN2 = math.log(2)


def window(counts, days):
    notes = []
    n = len(counts)
    if n < days:
        return {"days": days, "reportedDays": 0, "fit": None, "notes": ["series-too-short"]}
    part = counts[n - days:]
    xs = [i for i, c in enumerate(part) if c is not None]
    ys = [c for c in part if c is not None]
    if len(xs) < days:
        notes.append("missing-days")
    if len(xs) < MIN_REPORTED_DAYS:
        notes.append("too-few-reported-days")
        return {"days": days, "reportedDays": len(xs), "fit": None, "notes": notes}
    y = np.log(np.array(ys, dtype=float) + 0.5)
    X = sm.add_constant(np.array(xs, dtype=float))
    res = sm.OLS(y, X).fit()
    rate, intercept = float(res.params[1]), float(res.params[0])
    lower, upper = (float(v) for v in res.conf_int(alpha=0.05)[1])
    fit = {
        "rate": rate, "rateLower": lower, "rateUpper": upper, "standardError": float(res.bse[1]),
        "degreesOfFreedom": int(res.df_resid), "intercept": intercept,
    }
    if np.all(y == y[0]):
        # Constant counts: crisis-desk reports a slope of exactly 0 (statsmodels leaves
        # rounding noise of ~1e-17) and no doubling time.
        fit["time"] = None
        notes.append("flat")
    else:
        if rate > 0:
            kind, r, near, far = "doubling", rate, lower, upper
        else:
            kind, r, near, far = "halving", -rate, -upper, -lower
        fit["time"] = {"kind": kind, "days": LN2 / r, "lower": LN2 / far, "upper": LN2 / near if near > 0 else None}
        if near <= 0:
            notes.append("rate-interval-includes-zero")
    return {"days": days, "reportedDays": len(xs), "fit": fit, "notes": notes}


CASES = [
    ("growing", [12, 15, 14, 19, 22, 21, 28, 31, 30, 39, 44, 47, 55, 61],
     "steady growth: both windows have a bounded doubling time"),
    ("declining", [220, 204, 190, 181, 160, 149, 150, 131, 118, 112, 104, 97, 88, 81],
     "steady decline: halving times"),
    ("flat-noisy", [20, 25, 18, 22, 27, 19, 23, 21, 26, 18, 24, 22, 20, 25],
     "no trend: the rate interval includes 0, so the doubling or halving time has no upper bound"),
    ("declining-noisy", [30, 35, 28, 33, 26, 31, 29, 27, 30, 24, 29, 26, 25, 27],
     "a slight decline whose interval includes 0: the halving time has no upper bound"),
    ("longer-series-uses-the-last-days", [400, 300, 200, 100, 50, 1, 2, 3, 5, 4, 7, 9, 12, 11, 16, 19, 23, 30, 34, 41],
     "20 days: only the last 7 and last 14 enter the fits"),
    ("missing-days", [5, 7, None, 9, 12, 11, None, 17, 20, 22, None, 30, 33, 41],
     "nulls are skipped and the other days keep their day index"),
    ("too-few-reported-in-last-7", [30, 28, 33, 35, 31, 38, 40, None, 44, None, None, 51, None, 58],
     "the last 7 days have 3 reports: no 7-day fit; the 14-day fit uses 10 days"),
    ("short-series", [3, 5, 8, 13, 21], "5 days: too short for either window"),
    ("ten-days", [3, 4, 6, 5, 9, 11, 10, 14, 18, 17], "10 days: a 7-day fit only"),
    ("all-zero", [0] * 14, "no cases at all: ln(0.5) every day, a flat line"),
    ("zeros-then-cases", [0, 0, 0, 0, 1, 0, 2, 3, 2, 5, 4, 8, 9, 12], "the 0.5 offset keeps the zero days"),
    ("large-counts", [round(250000 * math.exp(0.035 * t + 0.02 * math.sin(3 * t))) for t in range(14)],
     "hundreds of thousands a day"),
    ("perfectly-constant-nonzero", [7] * 14, "constant counts: slope exactly 0"),
]


def main():
    cases = []
    for name, counts, note in CASES:
        cases.append({
            "name": name,
            "note": note,
            "counts": counts,
            "expect": {"last7Days": window(counts, 7), "last14Days": window(counts, 14)},
        })
    fixture = {
        "description": "Exponential growth rate r (OLS of ln(count + 0.5) on day index, reported days only), its 95 % "
                       "t interval and the doubling/halving time with its interval. Generated by tests/oracles/growth.py "
                       "(statsmodels OLS); do not edit by hand.",
        "provenance": {"script": "tests/oracles/growth.py", "statsmodels": statsmodels.__version__,
                       "numpy": np.__version__, "python": sys.version.split()[0],
                       "call": "sm.OLS(np.log(counts + 0.5), sm.add_constant(day)).fit(): params, bse, conf_int(alpha=0.05), df_resid"},
        "tolerance": {"absolute": 1e-9, "relative": 1e-9,
                      "note": "|got - want| <= 1e-9 * max(1, |want|): absolute for rates, errors and intercepts, relative for times"},
        "cases": cases,
    }
    with open(OUT, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print(f"wrote tests/fixtures/growth.json: {len(cases)} cases")


if __name__ == "__main__":
    main()
