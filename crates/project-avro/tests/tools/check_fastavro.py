#!/usr/bin/env python3
"""Checks Avro schemas with fastavro, the Python Avro library.

Usage: check_fastavro.py FILE.avsc|FILE.json ...

Each file is parsed with fastavro.schema.parse_schema (a JSON array is parsed
as a union, each named type defined once). For every record schema (each
top-level schema, or each record of an array) a sample record is generated
from the schema, every field filled with a value of its type (the first
non-null branch of a union, one item in an array, until recursive types
stop), written to an Avro object
container file with fastavro.writer, read back with fastavro.reader, and
compared. Exits 1 with a message on the first failure, 2 when fastavro is
missing.
"""

import datetime
import decimal
import io
import json
import sys

try:
    import fastavro
    from fastavro.schema import parse_schema
except ImportError:
    sys.stderr.write(
        "fastavro is not installed: run `pip install fastavro` (scripts/setup does)\n"
    )
    sys.exit(2)

UTC = datetime.timezone.utc


def sample(schema, named, depth=0):
    """A value of `schema` (a parsed fastavro schema); `named` maps full names
    to parsed named schemas."""
    if isinstance(schema, str):
        if schema in named:
            return sample(named[schema], named, depth)
        return primitive(schema)
    deep = depth > 6  # recursive types stop here: empty arrays, null
    if isinstance(schema, list):
        branches = [b for b in schema if b != "null"]
        if deep and "null" in schema:
            return None
        return sample(branches[0], named, depth + 1) if branches else None
    kind = schema["type"]
    logical = schema.get("logicalType")
    if logical == "decimal":
        scale = schema.get("scale", 0)
        return decimal.Decimal(1).scaleb(-scale)
    if logical == "date":
        return datetime.date(2024, 2, 29)
    if logical == "time-micros":
        return datetime.time(12, 34, 56, 789012)
    if logical == "time-millis":
        return datetime.time(12, 34, 56, 789000)
    if logical == "timestamp-micros":
        return datetime.datetime(2024, 2, 29, 12, 34, 56, 789012, tzinfo=UTC)
    if logical == "timestamp-millis":
        return datetime.datetime(2024, 2, 29, 12, 34, 56, 789000, tzinfo=UTC)
    if kind == "record":
        return {f["name"]: sample(f["type"], named, depth + 1) for f in schema["fields"]}
    if kind == "enum":
        return schema["symbols"][-1]
    if kind == "array":
        return [] if deep else [sample(schema["items"], named, depth + 1)]
    if kind == "map":
        return {"k": sample(schema["values"], named, depth + 1)}
    if kind == "fixed":
        return b"\x01" * schema["size"]
    return primitive(kind)


def definitions(schema, named):
    """Collects the named types defined in a parsed schema, by full name."""
    if isinstance(schema, list):
        for branch in schema:
            definitions(branch, named)
    elif isinstance(schema, dict):
        kind = schema.get("type")
        if kind in ("record", "error", "enum", "fixed"):
            named[schema["name"]] = schema
        for field in schema.get("fields", []):
            definitions(field["type"], named)
        for key in ("items", "values"):
            if key in schema:
                definitions(schema[key], named)
    return named


def primitive(kind):
    return {
        "null": None,
        "boolean": True,
        "int": -42,
        "long": 2**40,
        "float": 1.5,
        "double": 2.25,
        "bytes": b"\x00\xffuda",
        "string": "sample \u00e9",
    }[kind]


def round_trip(path, parsed, name, datum, value):
    """Writes `datum` with `parsed`, reads it back, and compares with `value`."""
    buffer = io.BytesIO()
    fastavro.writer(buffer, parsed, [datum], validator=True)
    buffer.seek(0)
    back = list(fastavro.reader(buffer))
    if back != [value]:
        raise AssertionError(f"{path}: {name} read back as {back!r}, wrote {value!r}")


def check(path):
    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    parsed = parse_schema(schema, named_schemas={})
    named = definitions(parsed, {})
    if isinstance(parsed, list):
        # A union: write each record through the whole union, naming its branch.
        records = [b for b in parsed if isinstance(b, dict) and b.get("type") == "record"]
        for branch in records:
            value = sample(branch, named)
            round_trip(path, parsed, branch["name"], (branch["name"], value), value)
        return len(records)
    value = sample(parsed, named)
    round_trip(path, parsed, parsed["name"], value, value)
    return 1


def main(paths):
    if not paths:
        sys.stderr.write(__doc__)
        return 1
    records = 0
    for path in paths:
        try:
            records += check(path)
        except Exception as e:  # report which file, then fail
            sys.stderr.write(f"{path}: {type(e).__name__}: {e}\n")
            return 1
    print(f"fastavro {fastavro.__version__}: {len(paths)} files, {records} records round-tripped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
