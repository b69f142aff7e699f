#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, from the test fixtures (tests/fixtures/**.json).

Every JSON object in a fixture is classified by its keys (a situation has `region` and
`series`, an Rt request `incidence`, a table `hitPolicy`, a rulebook `schemaVersion`, …) and
written as a seed of the target and selector that reads it. Deterministic: run it again and the
same files come out (names are a hash of the content). `fuzz/run.sh` calls it.
"""
import hashlib
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "seeds"
PER_KIND = 12

# json_entry_points: the first byte picks the call (see fuzz_targets/json_entry_points.rs).
SELECTORS = {
    "situation": [0, 1, 12],
    "situations": [13],
    "batch": [14],
    "rt": [2],
    "seir": [3],
    "ahp": [4],
    "hierarchy": [5],
    "group": [6],
    "entropy": [7],
    "topsis": [8],
    "fuzzy": [9],
    "synergy": [10],
    "allocate": [11],
    "table": [15],
}


def kind(o):
    k = set(o)
    if {"region", "series"} <= k:
        return "situation"
    if {"start", "days", "regions"} <= k:
        return "batch"
    if "incidence" in k:
        return "rt"
    if "reproductionNumber" in k:
        return "seir"
    if "hitPolicy" in k and "rules" in k:
        return "table"
    if "schemaVersion" in k:
        return "rulebook"
    if "experts" in k or "matrices" in k:
        return "group"
    if "criteria" in k and "alternatives" in k:
        return "hierarchy"
    if "membership" in k or "factors" in k:
        return "fuzzy"
    if "subsystems" in k or "base" in k and "current" in k:
        return "synergy"
    if "supply" in k:
        return "allocate"
    if "matrix" in k and "weights" in k:
        return "topsis"
    if "matrix" in k and "types" in k:
        return "entropy"
    if "matrix" in k:
        return "ahp"
    return None


def walk(v, found):
    if isinstance(v, dict):
        k = kind(v)
        if k:
            found.append((k, v))
        for x in v.values():
            walk(x, found)
    elif isinstance(v, list):
        for x in v:
            walk(x, found)


def write(target, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


def main():
    if OUT.exists():
        for f in OUT.rglob("*"):
            if f.is_file():
                f.unlink()
    found = []
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*.json")):
        walk(json.loads(path.read_text(encoding="utf-8")), found)
    found.append(("situation", json.loads((ROOT / "src" / "data" / "example-situation.json").read_text(encoding="utf-8"))))
    rulebook = json.loads((ROOT / "src" / "escalation" / "default-rulebook.json").read_text(encoding="utf-8"))
    found.append(("rulebook", rulebook))
    # The smallest objects of each kind first, at most PER_KIND of them: small seeds mutate
    # fastest, and the corpus stays small enough to commit.
    found.sort(key=lambda kv: (kv[0], len(json.dumps(kv[1], ensure_ascii=False)), json.dumps(kv[1], sort_keys=True)))
    taken = {}
    kept = []
    for k, v in found:
        limit = 2 if k == "rulebook" else PER_KIND
        if taken.get(k, 0) < limit:
            taken[k] = taken.get(k, 0) + 1
            kept.append((k, v))
    found = kept
    counts = {}
    for k, v in found:
        if k == "rulebook":
            write("rulebook", json.dumps(v, ensure_ascii=False).encode())
            counts[k] = counts.get(k, 0) + 1
            continue
        if k == "situation":
            write("json_entry_points", bytes([13]) + json.dumps([v, v], ensure_ascii=False).encode())
        payload = {"table": v, "facts": {}} if k == "table" else v
        for sel in SELECTORS[k]:
            write("json_entry_points", bytes([sel]) + json.dumps(payload, ensure_ascii=False).encode())
        counts[k] = counts.get(k, 0) + 1
    for target in ("structured_situation", "structured_table"):
        (OUT / target).mkdir(parents=True, exist_ok=True)
    print("seeds:", ", ".join(f"{k} {n}" for k, n in sorted(counts.items())))


if __name__ == "__main__":
    main()
