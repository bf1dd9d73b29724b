"""Python jsonschema (Draft 2020-12) over a job written by the Rust tests:
{"schemas": [document...], "cases": [{"schema": "$id", "instance": ...}]}.
Prints {"meta": [{"id", "errors"}], "compile": [...], "cases": [{"valid", "errors"}]}:
each document checked against the meta-schema, resolved with every other
document registered (so references resolve), and each instance validated."""
import json
import sys

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

job = json.load(open(sys.argv[1], encoding="utf-8"))
registry = Registry().with_resources(
    (s["$id"], Resource.from_contents(s, default_specification=DRAFT202012)) for s in job["schemas"]
)
by_id = {s["$id"]: s for s in job["schemas"]}
out = {"meta": [], "compile": [], "cases": []}
for schema in job["schemas"]:
    try:
        Draft202012Validator.check_schema(schema)
        out["meta"].append({"id": schema["$id"], "errors": ""})
    except SchemaError as e:
        out["meta"].append({"id": schema["$id"], "errors": e.message})
for schema in job["schemas"]:
    # Resolving every reference of the document is what compiling it is here.
    resolver = registry.resolver(base_uri=schema["$id"])
    errors = []
    def refs(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    yield value
                else:
                    yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)
    for ref in refs(schema):
        try:
            resolver.lookup(ref)
        except Exception as e:  # noqa: BLE001 - every unresolvable reference is reported
            errors.append(f"{ref}: {e}")
    out["compile"].append({"id": schema["$id"], "errors": "; ".join(errors)})
for case in job["cases"]:
    validator = Draft202012Validator(
        by_id[case["schema"]], registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(case["instance"])]
    out["cases"].append({"valid": not errors, "errors": "; ".join(errors)})
json.dump(out, sys.stdout)
