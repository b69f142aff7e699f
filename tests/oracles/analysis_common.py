"""Helpers shared by the tests/oracles/analysis_*.py scripts (no third-party imports here)."""

import json
import os
import platform

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, "tests", "fixtures", "analysis")


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


def write(name, doc):
    os.makedirs(FIXTURES, exist_ok=True)
    path = os.path.join(FIXTURES, name)
    with open(path, "w") as f:
        f.write(dumps(doc) + "\n")
    print(f"wrote {os.path.relpath(path, ROOT)}")


def python_version():
    return platform.python_version()


def floats(xs):
    """Plain Python floats (numpy scalars do not serialise)."""
    return [float(x) for x in xs]


def matrix(m):
    return [floats(row) for row in m]
