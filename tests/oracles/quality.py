#!/usr/bin/env python3
"""Writes tests/fixtures/quality.json: data-quality flags on hand-made daily series.

Each case carries the flags expected by hand (code, first day, days), written below beside
the series, and the values an independent implementation of the documented rules gives for
them (observed count, expected level). The script fails unless the two agree.

Rules (src/signals/quality.rs):
* reporting spike, Hampel identifier: 7-day window (the day and 3 each side, shifted inside
  the series at its ends), missing days skipped, >= 4 reported neighbours; m = median of the
  window, S = scipy.stats.median_abs_deviation(window, scale="normal"); flagged when
  x - m > 3 S and x > 2 m and x - m >= 5;
* zero run: >= 2 consecutive zeros right after a day with cases; lambda = mean of the
  reported days among the 7 before; flagged when scipy.stats.poisson.pmf(0, lambda) < 0.001;
* bedsOccupied / icuOccupied (stocks) are never flagged.

crisis-desk must give the same flags; observed and expected to 1e-12.

Run from the repository root:
    python3 -m venv /tmp/oracle && /tmp/oracle/bin/pip install numpy scipy
    /tmp/oracle/bin/python tests/oracles/quality.py
"""

import json
import os
import platform

import numpy as np
import scipy
from scipy.stats import median_abs_deviation, poisson

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "fixtures", "quality.json")
SETTINGS = {"halfWindow": 3, "minNeighbours": 4, "hampelThreshold": 3.0, "spikeRatio": 2.0, "spikeMinExcess": 5.0,
            "zeroRunMinDays": 2, "zeroRunLevelDays": 7, "zeroProbability": 0.001}
STOCKS = {"bedsOccupied", "icuOccupied"}


def spikes(values):
    n, k = len(values), SETTINGS["halfWindow"]
    out = []
    for i, x in enumerate(values):
        if x is None:
            continue
        lo = max(0, min(i - k, n - (2 * k + 1)))
        hi = min(n, lo + 2 * k + 1)
        neigh = [values[j] for j in range(lo, hi) if j != i and values[j] is not None]
        if len(neigh) < SETTINGS["minNeighbours"]:
            continue
        win = np.array(neigh + [x], dtype=float)
        m = float(np.median(win))
        s = float(median_abs_deviation(win, scale="normal"))
        if x - m > SETTINGS["hampelThreshold"] * s and x > SETTINGS["spikeRatio"] * m and x - m >= SETTINGS["spikeMinExcess"]:
            out.append({"code": "reporting-spike", "dayIndex": i, "days": 1, "observed": x, "expected": m})
    return out


def zero_runs(values):
    out, i = [], 0
    while i < len(values):
        if values[i] != 0:
            i += 1
            continue
        start = i
        while i < len(values) and values[i] == 0:
            i += 1
        if i - start < SETTINGS["zeroRunMinDays"] or start == 0 or not (values[start - 1] or 0) > 0:
            continue
        before = [v for v in values[max(0, start - SETTINGS["zeroRunLevelDays"]):start] if v is not None]
        lam = float(np.mean(before))
        if poisson.pmf(0, lam) < SETTINGS["zeroProbability"]:
            out.append({"code": "zero-run", "dayIndex": start, "days": i - start, "observed": 0, "expected": lam})
    return out


def flags(column, values):
    if column in STOCKS:
        return []
    return sorted(spikes(values) + zero_runs(values), key=lambda f: f["dayIndex"])


# (name, note, column, series, hand-expected flags as (code, first day index, days))
CASES = [
    ("clear-spike", "one day at four times its neighbours", "localCases",
     [20, 22, 19, 21, 85, 23, 20, 22, 18, 21], [("reporting-spike", 4, 1)]),
    ("normal-fluctuation", "Poisson-like scatter around 22: nothing", "localCases",
     [20, 25, 18, 22, 27, 19, 23, 21, 26, 18, 24, 22, 20, 25], []),
    ("weekend-zero-run", "two zeros after about 31 a day; the catch-up day of 40 is no spike (not above 2 x 31)",
     "localCases", [30, 32, 28, 35, 31, 0, 0, 40, 33, 29, 31], [("zero-run", 5, 2)]),
    ("low-period-zeros", "zeros while cases are genuinely rare: nothing", "localCases",
     [1, 0, 2, 0, 0, 1, 0, 0, 0, 3, 1, 0, 0, 2], []),
    ("zeros-then-backlog", "three zeros after about 13 a day, then 48: the run is flagged; the zeros widen the MAD so the 48 is not",
     "localCases", [12, 15, 11, 0, 0, 0, 48, 14, 13], [("zero-run", 3, 3)]),
    ("spike-on-the-last-day", "the window shifts back at the end of the series", "localCases",
     [40, 42, 38, 41, 39, 43, 40, 120], [("reporting-spike", 7, 1)]),
    ("missing-days-skipped", "nulls are skipped in the window, not read as 0", "localCases",
     [20, None, 19, 21, 80, None, 20, 22, 18], [("reporting-spike", 4, 1)]),
    ("too-few-neighbours", "a day with fewer than 4 reported neighbours is not judged", "localCases",
     [None, None, None, 50, None, None, None, 5], []),
    ("flat-small-counts", "MAD 0 but an excess of 1: nothing", "localCases", [0, 0, 0, 1, 0, 0, 0], []),
    ("single-zero", "one zero day is not a run", "localCases", [30, 31, 0, 29, 33, 30], []),
    ("run-at-the-end", "the last two days 0 after about 30: perhaps not yet reported", "localCases",
     [28, 31, 30, 33, 29, 0, 0], [("zero-run", 5, 2)]),
    ("deaths-spike", "any daily flow is checked", "deaths", [2, 3, 1, 2, 2, 14, 3, 2, 1], [("reporting-spike", 5, 1)]),
    ("tests-weekend", "tests performed with weekend zeros", "testsPerformed",
     [900, 950, 880, 910, 930, 0, 0, 920, 940], [("zero-run", 5, 2)]),
    ("census-is-a-stock", "bed censuses are not flagged, whatever they do", "bedsOccupied",
     [100, 102, 101, 300, 103, 0, 0, 104], []),
]

# A whole situation: flags carry dates; missing days list the signals they affect.
SITUATION = {
    "region": {"name": "Example", "population": 100000, "kind": "county"},
    "asOf": "2026-11-16",
    "series": {
        "date": [f"2026-11-{d:02d}" for d in range(1, 17)],
        "localCases": [20, None, 19, 21, 22, 20, 85, 23, 20, 22, 18, 21, 24, 22, None, 20],
        "importedCases": [1, 0, 0, None, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        "deaths": [0, 0, 1, 0, None, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
        "bedsOccupied": [None] * 15 + [None],
        "testsPerformed": [900, 950, 880, 910, 930, 0, 0, 920, 940, 905, 915, 925, 935, 945, 955, 965],
    },
}
# Signals each column's missing days affect (codes), worked out by hand from the rules:
# localCases days 1 and 14: Rt, projection; day 14 is within the last 7 and last 14 days.
SITUATION_MISSING = {
    "localCases": ([1, 14], ["rt", "projection", "incidence-7d", "week-on-week", "growth"]),
    "importedCases": ([3], ["rt", "projection"]),
    "deaths": ([4], []),
    "bedsOccupied": (list(range(16)), ["projection"]),
}
SITUATION_FLAGS = [("reporting-spike", "localCases", 6), ("zero-run", "testsPerformed", 5)]


def dumps(value, indent=0):
    """JSON with one key per line but each array of scalars on one line (a smaller diff)."""
    pad, inner = " " * indent, " " * (indent + 1)
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(k)}: {dumps(v, indent + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}" if items else "{}"
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        items = [inner + dumps(v, indent + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]" if items else "[]"
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def main():
    cases = []
    for name, note, column, values, hand in CASES:
        got = flags(column, values)
        assert [(f["code"], f["dayIndex"], f["days"]) for f in got] == hand, (name, got)
        missing = [i for i, v in enumerate(values) if v is None]
        cases.append({"name": name, "note": note, "column": column, "values": values,
                      "expect": {"flags": got, "missingDayIndices": missing}})
    series = SITUATION["series"]
    sit_flags = []
    for column, values in series.items():
        if column == "date":
            continue
        for f in flags(column, values):
            sit_flags.append(dict(f, column=column, date=series["date"][f["dayIndex"]]))
    order = ["localCases", "importedCases", "asymptomatic", "deaths", "admissions", "testsPerformed", "testsPositive",
             "bedsOccupied", "icuOccupied"]
    sit_flags.sort(key=lambda f: order.index(f["column"]))
    assert [(f["code"], f["column"], f["dayIndex"]) for f in sit_flags] == SITUATION_FLAGS, sit_flags
    missing = []
    for column in order:
        if column in SITUATION_MISSING:
            days, affects = SITUATION_MISSING[column]
            assert days == [i for i, v in enumerate(series[column]) if v is None], column
            missing.append({"column": column, "dayIndices": days, "dates": [series["date"][i] for i in days],
                            "affects": affects})
    doc = {
        "description": "Data-quality flags (reporting spikes by a Hampel filter, implausible zero runs by a Poisson bound) and missing days on hand-made series. Expected flags are written by hand in tests/oracles/quality.py and checked there against an independent implementation (numpy/scipy), which supplies observed and expected values; do not edit by hand.",
        "provenance": {"script": "tests/oracles/quality.py", "scipy": scipy.__version__, "numpy": np.__version__,
                       "python": platform.python_version(),
                       "call": "scipy.stats.median_abs_deviation(window, scale='normal'), scipy.stats.poisson.pmf(0, lambda)"},
        "tolerance": {"absolute": 1e-12, "note": "observed and expected to 1e-12; codes, days and indices exactly"},
        "settings": SETTINGS,
        "cases": cases,
        "situation": {"input": SITUATION, "expect": {"flags": sit_flags, "missingDays": missing}},
    }
    with open(OUT, "w") as f:
        f.write(dumps(doc) + "\n")
    print(f"wrote {OUT}: {len(cases)} cases and one situation")


if __name__ == "__main__":
    main()
