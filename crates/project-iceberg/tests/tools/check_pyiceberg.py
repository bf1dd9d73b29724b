"""Checks uda's Iceberg table schemas with pyiceberg, the Python Iceberg library.

    check_pyiceberg.py create WAREHOUSE [--no-data] FILE...
    check_pyiceberg.py evolve WAREHOUSE FILE...

Each FILE is one table's schema JSON, named NAMESPACE.TABLE.json. The catalog
is pyiceberg's SqlCatalog on SQLite (WAREHOUSE/catalog.db), its data files
under WAREHOUSE.

create: parses each schema (Schema.model_validate_json), creates the table
and checks that the table's schema is uda's, field ids and identifier fields
included (pyiceberg assigns fresh ids at creation, in the order uda gives
them); unless --no-data, appends one row (a value for every field) and reads
it back.

evolve: each FILE is the next version of a table created before. Evolves the
table's schema with pyiceberg's update_schema (no data rewritten): deletes the
fields whose ids are gone, adds the new ones in the order of their ids,
promotes types, loosens required fields, renames and updates docs, then
moves fields into uda's order, then checks that the table's schema is uda's
new one, every field id included; appends one more row and reads both back.

Exits 1 with every problem on stderr.
"""

import datetime
import decimal
import os
import sys
import uuid

import pyarrow as pa
from pyiceberg.catalog.sql import SqlCatalog
from pyiceberg.schema import Schema
from pyiceberg.types import (
    BinaryType,
    BooleanType,
    DateType,
    DecimalType,
    DoubleType,
    FixedType,
    FloatType,
    IntegerType,
    ListType,
    LongType,
    MapType,
    StringType,
    StructType,
    TimestampType,
    TimestamptzType,
    TimeType,
    UUIDType,
)


def catalog(warehouse):
    os.makedirs(warehouse, exist_ok=True)
    return SqlCatalog(
        "uda",
        uri=f"sqlite:///{warehouse}/catalog.db",
        warehouse=f"file://{warehouse}",
    )


def identifier(path):
    name = os.path.basename(path)
    if not name.endswith(".json") or name.count(".") != 2:
        raise ValueError(f"{path}: not named NAMESPACE.TABLE.json")
    namespace, table, _ = name.split(".")
    return namespace, table


def read_schema(path):
    with open(path, encoding="utf-8") as f:
        return Schema.model_validate_json(f.read())


def value(ty):
    """One valid value of type `ty`, as pyarrow takes it."""
    if isinstance(ty, BooleanType):
        return True
    if isinstance(ty, (IntegerType, LongType)):
        return 7
    if isinstance(ty, (FloatType, DoubleType)):
        return 1.5
    if isinstance(ty, DecimalType):
        return decimal.Decimal(0).scaleb(-ty.scale)
    if isinstance(ty, DateType):
        return datetime.date(2024, 2, 29)
    if isinstance(ty, TimeType):
        return datetime.time(12, 30, 5)
    if isinstance(ty, TimestamptzType):
        return datetime.datetime(2024, 2, 29, 12, 30, tzinfo=datetime.timezone.utc)
    if isinstance(ty, TimestampType):
        return datetime.datetime(2024, 2, 29, 12, 30)
    if isinstance(ty, StringType):
        return "x"
    if isinstance(ty, BinaryType):
        return b"x"
    if isinstance(ty, UUIDType):
        return uuid.UUID(int=1).bytes
    if isinstance(ty, FixedType):
        return b"x" * len(ty)
    if isinstance(ty, StructType):
        return {f.name: value(f.field_type) for f in ty.fields}
    if isinstance(ty, ListType):
        return [value(ty.element_type)]
    if isinstance(ty, MapType):
        return []
    raise ValueError(f"no sample value for {ty}")


def append_row(table):
    schema = table.schema()
    row = {f.name: value(f.field_type) for f in schema.fields}
    table.append(pa.Table.from_pylist([row], schema=schema.as_arrow()))


def same_schema(label, actual, expected, problems):
    if actual.as_struct() != expected.as_struct():
        problems.append(f"{label}: the table's schema is not uda's:\n  table: {actual}\n  uda:   {expected}")
    if sorted(actual.identifier_field_ids) != sorted(expected.identifier_field_ids):
        problems.append(
            f"{label}: identifier fields {actual.identifier_field_ids}, uda's {expected.identifier_field_ids}"
        )


def create(warehouse, paths, data):
    cat = catalog(warehouse)
    problems = []
    for path in paths:
        try:
            namespace, name = identifier(path)
            schema = read_schema(path)
            cat.create_namespace_if_not_exists(namespace)
            table = cat.create_table((namespace, name), schema=schema)
            same_schema(path, table.schema(), schema, problems)
            if data:
                append_row(table)
                rows = table.scan().to_arrow().num_rows
                if rows != 1:
                    problems.append(f"{path}: read back {rows} rows, wrote 1")
        except Exception as e:  # every file is checked; each failure is reported
            problems.append(f"{path}: {type(e).__name__}: {e}")
    return problems


def top_new(schema, new_ids, field_id):
    """Whether `field_id` is new and its parent is not (it is added alone)."""
    parent = schema._lazy_id_to_parent.get(field_id)
    return field_id in new_ids and (parent is None or parent not in new_ids)


def structs(schema):
    """Every struct of `schema` as (fields, path of its parent field)."""
    found = [(schema.fields, ())]
    for field_id in sorted(schema._lazy_id_to_field):
        ty = schema.find_field(field_id).field_type
        if isinstance(ty, StructType):
            found.append((ty.fields, tuple(schema.find_column_name(field_id).split("."))))
    return found


def evolve(warehouse, paths):
    cat = catalog(warehouse)
    problems = []
    for path in paths:
        try:
            namespace, name = identifier(path)
            new = read_schema(path)
            table = cat.load_table((namespace, name))
            old = table.schema()
            old_ids = set(old._lazy_id_to_field)
            new_ids = set(new._lazy_id_to_field)
            with table.update_schema() as update:
                gone = old_ids - new_ids
                for field_id in sorted(gone):
                    parent = old._lazy_id_to_parent.get(field_id)
                    if parent is None or parent not in gone:
                        update.delete_column(old.find_column_name(field_id))
                for field_id in sorted(old_ids & new_ids):
                    before, after = old.find_field(field_id), new.find_field(field_id)
                    column = tuple(old.find_column_name(field_id).split("."))
                    if before.field_type != after.field_type and after.field_type.is_primitive:
                        update.update_column(column, field_type=after.field_type)
                    if before.required and not after.required:
                        update.make_column_optional(column)
                    if before.doc != after.doc:
                        update.update_column(column, doc=after.doc)
                    if before.name != after.name:
                        update.rename_column(column, after.name)
                added = sorted(i for i in new_ids - old_ids if top_new(new, new_ids - old_ids, i))
                for field_id in added:
                    field = new.find_field(field_id)
                    # The parent's path in the old schema: a struct that stays.
                    column = tuple(new.find_column_name(field_id).split("."))
                    parent = new._lazy_id_to_parent.get(field_id)
                    path_to = tuple(old.find_column_name(parent).split(".")) if parent else ()
                    update.add_column(path_to + column[-1:], field.field_type, doc=field.doc, required=field.required)
                if set(new.identifier_field_ids) != set(old.identifier_field_ids):
                    update.set_identifier_fields(*[new.find_column_name(i) for i in new.identifier_field_ids])
            # Iceberg appends new fields; uda orders them by property: move
            # every field of every struct after the one uda puts before it.
            with table.update_schema() as update:
                for fields, prefix in structs(new):
                    for i, field in enumerate(fields):
                        column = prefix + (field.name,)
                        if i == 0:
                            update.move_first(column)
                        else:
                            update.move_after(column, prefix + (fields[i - 1].name,))
            same_schema(path, table.schema(), new, problems)
            append_row(table)
            rows = table.scan().to_arrow().num_rows
            if rows != 2:
                problems.append(f"{path}: read back {rows} rows, wrote 2")
        except Exception as e:
            problems.append(f"{path}: {type(e).__name__}: {e}")
    return problems


def main(args):
    if len(args) < 3 or args[0] not in ("create", "evolve"):
        print(__doc__, file=sys.stderr)
        return 2
    command, warehouse, rest = args[0], os.path.abspath(args[1]), args[2:]
    paths = [p for p in rest if p != "--no-data"]
    if command == "create":
        problems = create(warehouse, paths, data="--no-data" not in rest)
    else:
        problems = evolve(warehouse, paths)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(paths)} schemas, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
