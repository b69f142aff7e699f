#!/usr/bin/env python3
"""Writes tests/fixtures/escalation/zen-differential.json: decision tables and facts run through
GoRules ZEN (PyPI `zen-engine`), for tests/escalation_zen.rs to replay through crisis-desk.

Each table is a JDM graph inputNode -> decisionTableNode -> outputNode, evaluated with
`zen.ZenEngine().create_decision(json).evaluate(facts, {"trace": True})`. The fixture keeps,
per case, ZEN's `result` and the `_id`s of the rules its trace names (the matched rule under
`first`, every matched rule under `collect`).

The tables are generated (fixed seed) from every cell form that both ZEN and FEEL accept and read
the same way:
- input cells: empty; `<`, `<=`, `>`, `>=` with a number (with and without a space, negative);
  bare numbers (whole, negative, decimal, `-0`, a leading zero); ranges `[a..b]`, `(a..b)`,
  `[a..b)`, `(a..b]` (spaces inside too, and empty ones such as `[5..1]`); lists mixing these;
  double-quoted strings (Chinese, spaces) and lists of them; `true`, `false`, `true, false`;
  `null`; `!=` with a number, string or boolean;
- output cells: double-quoted strings, numbers (whole, negative, decimal), `true`, `false`,
  `null` (on nested fields, or under collect: ZEN drops a top-level null under first), empty
  (the field is left out);
- fields: dotted paths of one to three identifiers; outputs sharing a prefix build one object;
- hit policies `first` and `collect`;
- facts: numbers at, beside and between the cells' numbers, listed and unlisted strings,
  booleans, null, absent fields, and values of another type (not for columns with `!=`, where
  FEEL gives null and ZEN true).
The forms where ZEN and FEEL part ways (`= 5`, `-`, `not(...)`, `]1..5[`, `.5`, escapes) are
listed by crisis-desk's `zen_differences` and are not generated here.

Run from the repository root (tests/oracles/run-zen-differential.sh does all of it):
    python3 -m venv /tmp/zen && /tmp/zen/bin/pip install zen-engine==2.1.3
    /tmp/zen/bin/python tests/oracles/escalation_zen.py [--out PATH]
"""

import argparse
import importlib.metadata
import json
import random
import sys

import zen

SEED = 20260505
TABLES = 80
FACTS_PER_TABLE = 24

FIELDS = [
    "level",
    "events.clustersLast14Days",
    "events.countiesAffected",
    "events.diseaseClass",
    "events.newOrImportedDisease",
    "frameworks.cdcTransmission.level",
    "frameworks.who.situationalLevel",
    "signals.incidence7dPer100k",
    "signals.rt.mean",
    "verdict.recommended",
    "capacity.responseCapacity",
]
STRINGS = ["I", "II", "III", "IV", "low", "high", "张家港市", "a b", "B"]
OUTPUT_FIELDS = ["response.level", "response.lead", "response.notify", "score", "note", "flags.urgent", "plan.tier"]


def number_text(x):
    """The cell text of a number (whole numbers without a decimal point)."""
    if float(x).is_integer():
        return str(int(x))
    return repr(float(x))


def num_cell(rng, pool):
    a = rng.choice(pool)
    b = rng.choice(pool)
    lo, hi = min(a, b), max(a, b)
    if rng.random() < 0.05:
        lo, hi = hi + 1, lo  # an empty range: both engines never match it
    kind = rng.randrange(12)
    if kind == 0:
        return ""
    if kind in (1, 2):
        op = rng.choice(["<", "<=", ">", ">="])
        sep = rng.choice([" ", ""])
        return f"{op}{sep}{number_text(a)}"
    if kind == 3:
        text = number_text(a)
        if text == "0" and rng.random() < 0.5:
            text = "-0"
        elif text.isdigit() and len(text) == 1 and rng.random() < 0.3:
            text = "0" + text
        return text
    if kind in (4, 5, 6):
        l, r = rng.choice([("[", "]"), ("(", ")"), ("[", ")"), ("(", "]")])
        dots = rng.choice(["..", " .. "])
        return f"{l}{number_text(lo)}{dots}{number_text(hi)}{r}"
    if kind in (7, 8):
        parts = []
        for _ in range(rng.randint(2, 3)):
            part = num_cell(rng, pool)
            while part in ("", "null") or part.startswith("!=") or "," in part:
                part = num_cell(rng, pool)
            parts.append(part)
        return rng.choice([", ", ","]).join(parts)
    if kind == 9:
        return "null"
    if kind == 10:
        return f"!= {number_text(a)}"
    return ""


def str_cell(rng, pool):
    kind = rng.randrange(7)
    if kind == 0:
        return ""
    if kind in (1, 2):
        return json.dumps(rng.choice(pool), ensure_ascii=False)
    if kind in (3, 4):
        picks = rng.sample(pool, rng.randint(2, min(3, len(pool))))
        return rng.choice([", ", ","]).join(json.dumps(p, ensure_ascii=False) for p in picks)
    if kind == 5:
        return "null"
    return f"!= {json.dumps(rng.choice(pool), ensure_ascii=False)}"


def bool_cell(rng):
    return rng.choice(["", "true", "false", "true, false", "null", "!= true", "!= false"])


def out_cell(rng, field, hit_policy):
    nested = "." in field
    kinds = ["str", "str", "int", "neg", "dec", "true", "false", "empty"]
    if nested or hit_policy == "collect":
        kinds.append("null")
    kind = rng.choice(kinds)
    if kind == "str":
        return json.dumps(rng.choice(STRINGS + ["Ⅱ级响应", "notify 苏州市卫健委", ""]), ensure_ascii=False)
    if kind == "int":
        return str(rng.randint(0, 100))
    if kind == "neg":
        return str(-rng.randint(1, 50))
    if kind == "dec":
        return repr(rng.randint(1, 999) / 10)
    if kind in ("true", "false", "null"):
        return kind
    return ""


def fact_value(rng, col):
    r = rng.random()
    if r < 0.08:
        return ("null", None)
    if r < 0.16:
        return ("absent", None)
    if r < 0.22 and not col["ne"]:
        return ("value", rng.choice(["x", 3, True, [1], {"k": 1}]) if col["type"] != "number" else rng.choice(["5", True, [5]]))
    if col["type"] == "number":
        base = rng.choice(col["pool"])
        return ("value", base + rng.choice([0, 0, 0, 0.5, -0.5, 1, -1, 0.25]))
    if col["type"] == "string":
        return ("value", rng.choice(col["pool"] + ["V", "other", "i"]))
    return ("value", rng.choice([True, False]))


def set_path(obj, path, value):
    segs = path.split(".")
    for s in segs[:-1]:
        obj = obj.setdefault(s, {})
    obj[segs[-1]] = value


def gen_table(rng, n):
    hit_policy = rng.choice(["first", "collect"])
    fields = rng.sample(FIELDS, rng.randint(1, 3))
    cols = []
    for i, field in enumerate(fields):
        typ = rng.choice(["number", "number", "string", "bool"])
        pool = (
            sorted({rng.choice([-5, -1, 0, 1, 2, 3, 5, 8, 10, 14, 20, 2.5, 0.5, 100]) for _ in range(4)})
            if typ == "number"
            else rng.sample(STRINGS, 4)
            if typ == "string"
            else []
        )
        cols.append({"id": f"in{i + 1}", "field": field, "type": typ, "pool": pool, "ne": False})
    # Outputs: one to three fields that do not write inside one another.
    outs = []
    for field in rng.sample(OUTPUT_FIELDS, rng.randint(1, 3)):
        if all(not (f == field or f.startswith(field + ".") or field.startswith(f + ".")) for f in outs):
            outs.append(field)
    rules = []
    for r in range(rng.randint(2, 8)):
        rule = {"_id": f"r{r + 1}"}
        for col in cols:
            if col["type"] == "number":
                cell = num_cell(rng, col["pool"])
            elif col["type"] == "string":
                cell = str_cell(rng, col["pool"])
            else:
                cell = bool_cell(rng)
            if "!=" in cell:
                col["ne"] = True
            rule[col["id"]] = cell
        for j, field in enumerate(outs):
            rule[f"out{j + 1}"] = out_cell(rng, field, hit_policy)
        rules.append(rule)
    if rng.random() < 0.3:
        rule = {"_id": f"r{len(rules) + 1}", **{c["id"]: "" for c in cols}}
        for j, field in enumerate(outs):
            rule[f"out{j + 1}"] = out_cell(rng, field, hit_policy)
        rules.append(rule)
    table = {
        "id": f"t{n + 1}",
        "name": f"generated table {n + 1}",
        "hitPolicy": hit_policy,
        "inputs": [{"id": c["id"], "name": c["field"], "field": c["field"]} for c in cols],
        "outputs": [{"id": f"out{j + 1}", "name": f, "field": f} for j, f in enumerate(outs)],
        "rules": rules,
    }
    return table, cols


def jdm(table):
    content = {k: table[k] for k in ("hitPolicy", "inputs", "outputs", "rules")}
    return {
        "nodes": [
            {"id": "in", "name": "Request", "type": "inputNode", "position": {"x": 0, "y": 0}},
            {"id": "table", "name": table["name"], "type": "decisionTableNode", "position": {"x": 200, "y": 0}, "content": content},
            {"id": "out", "name": "Response", "type": "outputNode", "position": {"x": 400, "y": 0}},
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "table", "type": "edge"},
            {"id": "e2", "sourceId": "table", "targetId": "out", "type": "edge"},
        ],
    }


def matched_ids(trace, hit_policy):
    data = trace.get("table", {}).get("traceData")
    if data is None:
        return []
    if hit_policy == "first":
        return [data["rule"]["_id"]]
    return [d["rule"]["_id"] for d in data]


def dump(fixture):
    """JSON with one table and one case per line: reviewable diffs, a third of indent's size."""
    one = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731
    lines = ["{"]
    for key in ("about", "provenance", "counts"):
        lines.append(f" {one(key)}: {one(fixture[key])},")
    lines.append(' "tables": [')
    tables = fixture["tables"]
    for i, entry in enumerate(tables):
        lines.append(f'  {{"table": {one(entry["table"])}, "cases": [')
        cases = entry["cases"]
        for j, case in enumerate(cases):
            lines.append(f"   {one(case)}" + ("," if j + 1 < len(cases) else ""))
        lines.append("  ]}" + ("," if i + 1 < len(tables) else ""))
    lines.append(" ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="tests/fixtures/escalation/zen-differential.json")
    args = ap.parse_args()
    rng = random.Random(SEED)
    engine = zen.ZenEngine()
    tables = []
    cases_total = 0
    for n in range(TABLES):
        table, cols = gen_table(rng, n)
        decision = engine.create_decision(json.dumps(jdm(table), ensure_ascii=False))
        cases = []
        seen = set()
        for _ in range(FACTS_PER_TABLE):
            facts = {}
            for col in cols:
                how, value = fact_value(rng, col)
                if how != "absent":
                    set_path(facts, col["field"], value)
            key = json.dumps(facts, sort_keys=True)
            if key in seen:
                continue
            seen.add(key)
            out = decision.evaluate(facts, {"trace": True})
            cases.append({"facts": facts, "zen": {"result": out["result"], "matched": matched_ids(out["trace"], table["hitPolicy"])}})
        cases_total += len(cases)
        tables.append({"table": table, "cases": cases})
    fixture = {
        "about": "GoRules ZEN's results for generated decision tables; replayed by tests/escalation_zen.rs. "
        "Regenerate with tests/oracles/run-zen-differential.sh (or escalation_zen.py) and commit.",
        "provenance": {
            "package": "zen-engine (PyPI)",
            "version": importlib.metadata.version("zen-engine"),
            "call": "zen.ZenEngine().create_decision(jdm).evaluate(facts, {'trace': True}); "
            "jdm = inputNode -> decisionTableNode -> outputNode",
            "generator": "tests/oracles/escalation_zen.py",
            "seed": SEED,
        },
        "counts": {"tables": len(tables), "cases": cases_total},
        "tables": tables,
    }
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(dump(fixture))
    print(f"wrote {args.out}: {len(tables)} tables, {cases_total} cases, zen-engine {fixture['provenance']['version']}", file=sys.stderr)


if __name__ == "__main__":
    main()
