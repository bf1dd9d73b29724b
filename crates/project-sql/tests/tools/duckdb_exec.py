#!/usr/bin/env python3
"""Runs SQL against a fresh in-memory DuckDB database, for uda's SQL tests.

    duckdb_exec.py [SQL ...]
        Runs each argument in turn (or, without arguments, the SQL text read
        from stdin). On the first error, prints `<ExceptionClass>: <message>`
        to stderr and exits with status 1.

    duckdb_exec.py --steps
        Reads a JSON object {"setup": [sql, ...], "steps": [sql, ...]} from
        stdin. Every setup script must succeed (else status 1, as above).
        Then runs each step, whether or not the previous ones failed, and
        prints one JSON line per step: {"ok": true}, or {"ok": false,
        "error": <ExceptionClass>, "message": <message>}.

    duckdb_exec.py --query SQL
        Runs one query and prints each row as a JSON array, one per line.

Exits with status 3 when the duckdb module is missing (pip install duckdb).
"""

import json
import sys

try:
    import duckdb
except ImportError as e:
    print(f"the duckdb Python module is missing ({e}): run `pip install duckdb`", file=sys.stderr)
    sys.exit(3)


def fail(error):
    print(f"{type(error).__name__}: {error}", file=sys.stderr)
    sys.exit(1)


def main():
    con = duckdb.connect(":memory:")
    if sys.argv[1:2] == ["--query"] and len(sys.argv) == 3:
        try:
            rows = con.execute(sys.argv[2]).fetchall()
        except duckdb.Error as e:
            fail(e)
        for row in rows:
            print(json.dumps(list(row), default=str))
        return
    if sys.argv[1:] == ["--steps"]:
        plan = json.load(sys.stdin)
        for script in plan.get("setup", []):
            try:
                con.execute(script)
            except duckdb.Error as e:
                fail(e)
        for step in plan.get("steps", []):
            try:
                con.execute(step)
                result = {"ok": True}
            except duckdb.Error as e:
                result = {"ok": False, "error": type(e).__name__, "message": str(e)}
            print(json.dumps(result), flush=True)
        return
    for script in sys.argv[1:] or [sys.stdin.read()]:
        try:
            con.execute(script)
        except duckdb.Error as e:
            fail(e)


if __name__ == "__main__":
    main()
