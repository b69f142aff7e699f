#!/usr/bin/env python3
"""Writes tests/fixtures/seir.json: SEIR scenarios integrated by SciPy, for crisis-desk's RK4.

An independent implementation of the model in src/signals/seir.rs, from its wire input
(defaults applied here: latentPeriod 3.69, infectiousPeriod 3.47, horizonDays 90,
initial.removed 0; E0 = dailyCases x latentPeriod, I0 = dailyCases x infectiousPeriod):

    dS/dt = -b S I / N, dE/dt = b S I / N - s E, dI/dt = s E - g I, dR/dt = g I, dC/dt = s E
    s = 1 / latentPeriod, g = 1 / infectiousPeriod, b = R0 g, times (1 - c) from t = fromDay - 1

integrated by scipy.integrate.solve_ivp (RK45, rtol 1e-12, atol 1e-9 persons) in two pieces
split where the intervention starts, evaluated at whole days. Day k (1-based) is (k-1, k]:
newInfections = S(k-1) - S(k), newInfectious = C(k) - C(k-1). crisis-desk (RK4, 24 steps a
day) must agree to 1e-8 relative plus 1e-7 persons; peaks and day numbers exactly.

Run from the repository root:
    python3 -m venv /tmp/oracle && /tmp/oracle/bin/pip install numpy scipy
    /tmp/oracle/bin/python tests/oracles/seir.py
"""

import json
import math
import os
import platform

import numpy as np
import scipy
from scipy.integrate import solve_ivp

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "fixtures", "seir.json")
RTOL, ATOL = 1e-12, 1e-9


def rhs(beta, sigma, gamma, n):
    def f(_t, y):
        s, e, i, _r, _c = y
        inf = beta * s * i / n
        return [-inf, inf - sigma * e, sigma * e - gamma * i, gamma * i, sigma * e]
    return f


def run(inp, with_action):
    n = inp["population"]
    latent = inp.get("latentPeriod", 3.69)
    infectious = inp.get("infectiousPeriod", 3.47)
    horizon = inp.get("horizonDays", 90)
    init = inp["initial"]
    removed = init.get("removed", 0.0)
    if "dailyCases" in init:
        e0, i0 = init["dailyCases"] * latent, init["dailyCases"] * infectious
    else:
        e0, i0 = init["exposed"], init["infectious"]
    sigma, gamma = 1.0 / latent, 1.0 / infectious
    beta0 = inp["reproductionNumber"] * gamma
    y = np.array([n - e0 - i0 - removed, e0, i0, removed, 0.0])
    act = inp.get("intervention") if with_action else None
    switch = act["fromDay"] - 1 if act else horizon
    states = [y]
    for (t0, t1, beta) in [(0, switch, beta0), (switch, horizon, beta0 * (1 - act["contactReduction"]) if act else beta0)]:
        if t1 <= t0:
            continue
        sol = solve_ivp(rhs(beta, sigma, gamma, n), (t0, t1), states[-1], method="RK45", rtol=RTOL, atol=ATOL,
                        t_eval=np.arange(t0, t1 + 1, dtype=float))
        assert sol.success, sol.message
        states.extend(sol.y.T[1:])
    states = np.array(states)
    assert len(states) == horizon + 1
    new_inf = states[:-1, 0] - states[1:, 0]
    new_onset = states[1:, 4] - states[:-1, 4]
    c = act["contactReduction"] if act else 0.0
    peak = lambda v: {"day": int(np.argmax(v)) + 1, "value": float(np.max(v))}
    return {
        "newInfections": new_inf.tolist(),
        "newInfectious": new_onset.tolist(),
        "susceptible": states[1:, 0].tolist(),
        "exposed": states[1:, 1].tolist(),
        "prevalence": states[1:, 2].tolist(),
        "removed": states[1:, 3].tolist(),
        "cumulativeInfections": (states[0, 0] - states[1:, 0]).tolist(),
        "totalInfections": float(states[0, 0] - states[-1, 0]),
        "peakIncidence": peak(new_inf),
        "peakPrevalence": peak(states[1:, 2]),
        "peakWithinHorizon": bool(len(new_inf) < 2 or new_inf[-1] <= new_inf[-2]),
        "finalEffectiveReproductionNumber": inp["reproductionNumber"] * (1 - c) * states[-1, 0] / n,
    }


CASES = [
    ("county-acts-on-day-4", "1.44 million people, R0 2.5, 20 cases a day; contacts cut by 60 % from day 4",
     {"population": 1439800, "reproductionNumber": 2.5, "initial": {"dailyCases": 20}, "horizonDays": 120,
      "intervention": {"contactReduction": 0.6, "fromDay": 4}}),
    ("explicit-initial-late-mild-action", "given E, I and R; 25 % from day 30, longer periods",
     {"population": 100000, "reproductionNumber": 1.8, "latentPeriod": 5.5, "infectiousPeriod": 4,
      "initial": {"exposed": 10, "infectious": 5, "removed": 1000}, "horizonDays": 200,
      "intervention": {"contactReduction": 0.25, "fromDay": 30}}),
    ("act-now", "R0 3, 80 % from day 1: incidence falls at once",
     {"population": 500000, "reproductionNumber": 3, "initial": {"dailyCases": 50}, "horizonDays": 60,
      "intervention": {"contactReduction": 0.8, "fromDay": 1}}),
    ("baseline-only-long", "no intervention; a year, past the end of the epidemic",
     {"population": 1000000, "reproductionNumber": 2, "initial": {"exposed": 1, "infectious": 1}, "horizonDays": 365}),
]


def dumps(value, indent=0):
    """JSON with one key per line but each array of numbers on one line (a smaller diff)."""
    pad, inner = " " * indent, " " * (indent + 1)
    if isinstance(value, dict):
        items = [f"{inner}{json.dumps(k)}: {dumps(v, indent + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}" if items else "{}"
    if isinstance(value, list) and not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
        items = [inner + dumps(v, indent + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]" if items else "[]"
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def main():
    cases = []
    for name, note, inp in CASES:
        base = run(inp, False)
        expect = {"baseline": base, "scenario": None, "comparison": None}
        if "intervention" in inp:
            scen = run(inp, True)
            averted = base["totalInfections"] - scen["totalInfections"]
            expect["scenario"] = scen
            expect["comparison"] = {
                "infectionsAverted": averted,
                "fractionAverted": averted / base["totalInfections"] if base["totalInfections"] > 0 else None,
                "peakDelayDays": scen["peakIncidence"]["day"] - base["peakIncidence"]["day"],
                "peakReduction": base["peakIncidence"]["value"] - scen["peakIncidence"]["value"],
            }
        cases.append({"name": name, "note": note, "input": inp, "expect": expect})
    doc = {
        "description": "SEIR baseline and intervention scenario, daily values for days 1..H. Generated by tests/oracles/seir.py (scipy.integrate.solve_ivp); do not edit by hand.",
        "provenance": {
            "script": "tests/oracles/seir.py",
            "scipy": scipy.__version__,
            "numpy": np.__version__,
            "python": platform.python_version(),
            "call": f"solve_ivp(rhs, (t0, t1), y0, method='RK45', rtol={RTOL}, atol={ATOL}, t_eval=whole days), split at fromDay - 1",
        },
        "tolerance": {"relative": 1e-8, "absolute": 1e-7,
                      "note": "|got - want| <= 1e-8 |want| + 1e-7 (persons); day numbers and booleans exactly"},
        "cases": cases,
    }
    with open(OUT, "w") as f:
        f.write(dumps(doc) + "\n")
    print(f"wrote {OUT}: {len(cases)} cases")


if __name__ == "__main__":
    main()
