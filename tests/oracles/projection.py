#!/usr/bin/env python3
"""Writes tests/fixtures/projection.json: renewal projection of cases, beds and ICU beds.

An independent implementation of src/signals/projection.rs from its documented model:

* cases: x[T+k] = R * sum_{s>=1} w[s] * x[T+k-s] over local + imported history, then the
  projected values (future imports 0; days before the series 0), for R = q025, median, q975
  of the latest Rt window;
* beds: admission cohorts. Each projected day's admissions (fraction x cases) are laid into
  the days they occupy, t .. t + LOS - 1 (numpy array slices, not the sum formula);
  patients already in hospital are the latest reported census, leaving linearly,
  census * max(0, 1 - t / LOS), or, with no census, cohorts of fraction x observed cases of
  the last LOS days laid in the same way;
* the first projected day (1-based) whose demand exceeds capacity, or None.

Defaults (admissionFraction 8255/44415, icuFraction 2087/44415, lengthOfStay 14,
icuLengthOfStay 8, horizonDays 21) are applied to absent settings. crisis-desk must agree to
1e-9 relative (absolute below 1); day numbers, codes and nulls exactly.

Run from the repository root:
    python3 -m venv /tmp/oracle && /tmp/oracle/bin/pip install numpy
    /tmp/oracle/bin/python tests/oracles/projection.py
"""

import json
import os
import platform

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "fixtures", "projection.json")
DEFAULTS = {"admissionFraction": 8255 / 44415, "icuFraction": 2087 / 44415, "lengthOfStay": 14,
            "icuLengthOfStay": 8, "horizonDays": 21}
KEYS = list(DEFAULTS)


def renewal(history, w, r, horizon):
    x = list(history)
    for _ in range(horizon):
        t = len(x)
        x.append(r * sum(w[s] * x[t - s] for s in range(1, len(w)) if t - s >= 0))
    return x[len(history):]


def ward(cases, observed, census, capacity, fraction, los, notes, census_key, capacity_key):
    h = len(cases["central"])
    latest = None
    if census is not None:
        known = [i for i, v in enumerate(census) if v is not None]
        if known:
            latest = known[-1]
    if latest is not None:
        current, source, day = census[latest], "reported", latest
        if len(observed) - 1 - latest > 0:
            notes.append("census-not-last-day")
        carried = np.array([current * max(0.0, 1 - t / los) for t in range(1, h + 1)])
    else:
        recent = observed[max(0, len(observed) - los):]
        notes.append("census-estimated")
        if any(v is None for v in recent):
            notes.append("census-estimate-missing-days")
        # Cohort admitted on observed day -j (j = 0 is the last day) occupies days -j .. -j + los - 1.
        grid = np.zeros(los + h + 1)  # index = projected day + los
        for j, v in enumerate(reversed(recent)):
            grid[los - j: los - j + los] += (v or 0) * fraction
        current, source, day = grid[los], "estimated", None
        carried = grid[los + 1: los + 1 + h]
    demand = {}
    for key, c in cases.items():
        grid = np.zeros(h + los)
        for t, x in enumerate(c):  # day t + 1
            grid[t: t + los] += x * fraction
        demand[key] = (grid[:h] + carried).tolist()
    if capacity is None:
        notes.append("no-capacity")
        over = {k: None for k in demand}
    else:
        over = {k: next((i + 1 for i, d in enumerate(v) if d > capacity), None) for k, v in demand.items()}
    return {"capacity": capacity, "currentPatients": float(current), "currentPatientsSource": source,
            "censusDayIndex": day, "demand": demand, "firstDayOverCapacity": over}


def project(inp):
    settings = dict(DEFAULTS)
    settings.update(inp.get("settings", {}))
    settings["defaultsUsed"] = [k for k in KEYS if k not in inp.get("settings", {})]
    h = settings["horizonDays"]
    assumptions = ["r-constant", "no-future-imports", "same-day-admission", "fixed-length-of-stay", "linear-discharge"]
    assumptions += ["default-setting"] * len(settings["defaultsUsed"])
    out = {"horizonDays": h, "reproductionNumber": None, "cases": None, "beds": None, "icu": None,
           "settings": settings, "assumptions": assumptions, "notes": []}
    rt = inp.get("rt")
    if rt is None:
        out["notes"].append("no-rt")
        return out
    out["reproductionNumber"] = {"lower": rt["q025"], "central": rt["median"], "upper": rt["q975"],
                                 "tStart": rt["tStart"], "tEnd": rt["tEnd"]}
    local, imported = inp["local"], inp.get("imported")
    total = [l if imported is None else (None if l is None or imported[i] is None else l + imported[i])
             for i, l in enumerate(local)]
    w = inp["si"]
    reach = max([s for s, v in enumerate(w) if v > 0], default=0)
    if any(v is None for v in total[max(0, len(total) - reach):]):
        out["notes"].append("missing-days")
        return out
    cases = {k: renewal(total, w, r, h) for k, r in [("lower", rt["q025"]), ("central", rt["median"]), ("upper", rt["q975"])]}
    out["cases"] = cases
    cap = inp.get("capacity", {})
    out["beds"] = ward(cases, total, inp.get("bedsOccupied"), cap.get("beds"), settings["admissionFraction"],
                       settings["lengthOfStay"], out["notes"], "bedsOccupied", "capacity.beds")
    out["icu"] = ward(cases, total, inp.get("icuOccupied"), cap.get("icuBeds"), settings["icuFraction"],
                      settings["icuLengthOfStay"], out["notes"], "icuOccupied", "capacity.icuBeds")
    return out


SI = [0, 0.233, 0.359, 0.198, 0.103, 0.053, 0.027, 0.014, 0.007, 0.003, 0.002, 0.001]  # EpiEstim Flu2009
GROWING = [3, 4, 4, 6, 5, 8, 9, 11, 10, 14, 16, 15, 19, 22, 24, 23, 29, 33, 35, 41, 44, 50, 55, 61, 66, 74, 80, 88]
RT = {"tStart": 22, "tEnd": 28, "q025": 1.18, "median": 1.31, "q975": 1.45}

CASES = [
    ("growing-with-census", "census known; ICU census last reported two days before the end; beds run out",
     {"local": GROWING, "imported": [1, 0, 0, 1] + [0] * 24,
      "bedsOccupied": [None] * 27 + [150], "icuOccupied": [None] * 25 + [30, None, None],
      "capacity": {"beds": 400, "icuBeds": 60}, "si": SI, "rt": RT}),
    ("declining-no-census", "no census columns (estimated from recent cases); no ICU capacity",
     {"local": list(reversed(GROWING)), "si": SI, "capacity": {"beds": 150},
      "rt": {"tStart": 22, "tEnd": 28, "q025": 0.62, "median": 0.74, "q975": 0.87}}),
    ("custom-settings", "every setting given; a missing import day outside the serial interval's reach",
     {"local": GROWING, "imported": [None] + [0] * 27, "bedsOccupied": [None] * 27 + [40],
      "capacity": {"beds": 90, "icuBeds": 25}, "si": [0, 0.5, 0.3, 0.2],
      "rt": RT, "settings": {"admissionFraction": 0.3, "icuFraction": 0.1, "lengthOfStay": 5,
                             "icuLengthOfStay": 3, "horizonDays": 28}}),
    ("estimate-with-missing-day", "no census: estimated from the last 14 days, one of which is missing (outside the SI's reach)",
     {"local": GROWING[:22] + [None] + GROWING[23:], "si": [0, 0.5, 0.3, 0.2], "rt": RT,
      "capacity": {"beds": 160, "icuBeds": 40}}),
    ("missing-day-in-reach", "a missing day within the serial interval's reach: nothing projected",
     {"local": GROWING[:-3] + [None, 80, 88], "si": SI, "rt": RT}),
    ("short-series-long-si", "the serial interval reaches past the first day (days before count as 0)",
     {"local": [2, 5, 9], "si": SI, "capacity": {"beds": 6, "icuBeds": 2},
      "rt": {"tStart": 2, "tEnd": 3, "q025": 0.9, "median": 2.1, "q975": 3.8}, "settings": {"horizonDays": 7}}),
    ("already-over-capacity", "the census already exceeds capacity: day 1 for every R",
     {"local": GROWING, "bedsOccupied": [None] * 27 + [500], "icuOccupied": [None] * 27 + [70],
      "capacity": {"beds": 400, "icuBeds": 60}, "si": SI, "rt": RT, "settings": {"horizonDays": 14}}),
    ("no-rt", "no Rt window: nothing projected", {"local": GROWING, "si": SI, "rt": None}),
    ("missing-last-day", "the last day has no count: nothing projected",
     {"local": GROWING[:-1] + [None], "si": SI, "rt": RT}),
]


def dumps(value, indent=0):
    """JSON with one key per line but each array of numbers on one line (a smaller diff)."""
    pad, inner = " " * indent, " " * (indent + 1)
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(k)}: {dumps(v, indent + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}" if items else "{}"
    if isinstance(value, list) and not all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))
                                           for v in value):
        items = [inner + dumps(v, indent + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]" if items else "[]"
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def main():
    cases = []
    for name, note, inp in CASES:
        out = project(inp)
        for band in [out["cases"]] + [out[k]["demand"] for k in ("beds", "icu") if out[k]]:
            if band:
                assert all(a <= b <= c for a, b, c in zip(band["lower"], band["central"], band["upper"])), name
        cases.append({"name": name, "note": note, "input": inp, "expect": out})
    # Hand-worked check of the oracle itself: R = 2, w = [0, 1] doubles every day.
    assert renewal([1, 3], [0, 1], 2, 3) == [6, 12, 24]
    doc = {
        "description": "Renewal projection of cases (R at the latest window's q025, median, q975), bed and ICU demand, first day over capacity. Generated by tests/oracles/projection.py (an independent cohort-based implementation); do not edit by hand. Notes and assumptions are listed by code.",
        "provenance": {"script": "tests/oracles/projection.py", "numpy": np.__version__,
                       "python": platform.python_version()},
        "tolerance": {"relative": 1e-9, "note": "|got - want| <= 1e-9 * max(1, |want|); integers, codes and nulls exactly"},
        "cases": cases,
    }
    with open(OUT, "w") as f:
        f.write(dumps(doc) + "\n")
    print(f"wrote {OUT}: {len(cases)} cases")


if __name__ == "__main__":
    main()
