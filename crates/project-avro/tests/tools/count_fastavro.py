#!/usr/bin/env python3
"""Counts the named types of a set of Avro schema files as fastavro sees them.

Usage: count_fastavro.py FILE.avsc ...

The files are parsed with fastavro.schema.parse_schema into one shared set of
named types, a file that uses a type another file defines being retried once
that file is parsed (so the files may come in any order). Prints one JSON
object: the full name of every named type and, for each record, its fields;
for each enum, its symbols; for each fixed, its size. Exits 1 when a file does
not parse, 2 when fastavro is missing.
"""

import json
import sys

try:
    import fastavro
    from fastavro.schema import parse_schema
    from fastavro._schema_common import UnknownType
except ImportError:
    sys.stderr.write(
        "fastavro is not installed: run `pip install fastavro` (scripts/setup does)\n"
    )
    sys.exit(2)


def parse_all(paths):
    """The named types of all files, by full name."""
    named = {}
    pending = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            pending.append((path, json.load(f)))
    while pending:
        left = []
        for path, schema in pending:
            attempt = dict(named)
            try:
                parse_schema(schema, named_schemas=attempt)
            except UnknownType:
                left.append((path, schema))
                continue
            named = attempt
        if len(left) == len(pending):
            raise SystemExit(f"{left[0][0]}: refers to a type no file defines")
        pending = left
    return named


def main(paths):
    if not paths:
        sys.stderr.write(__doc__)
        return 1
    types = {}
    for name, schema in sorted(parse_all(paths).items()):
        kind = schema["type"]
        if kind in ("record", "error"):
            types[name] = {"record": [f["name"] for f in schema["fields"]]}
        elif kind == "enum":
            types[name] = {"enum": list(schema["symbols"])}
        elif kind == "fixed":
            types[name] = {"fixed": schema["size"]}
    print(json.dumps({"fastavro": fastavro.__version__, "types": types}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
