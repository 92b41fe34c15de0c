"""The table schemas, read from the Frictionless Data Package ``data/datapackage.json``.

That file is the one definition of every column: its type, whether it may be empty, its
vocabulary, range, pattern and description. :func:`table_schema` turns one of its resources
into the :class:`~dashboard.datasets.schema.Schema` that :func:`read_table` checks cells
with; :func:`column_notes` gives the descriptions for downloads and docs.

Project extras sit under ``"x-dashboard"`` (see the package's own ``x-dashboard.about``):
on a field ``separator`` with ``itemEnum`` or ``itemPattern`` (a list cell), ``patternMessage``
(the reader's words when a cell breaks ``pattern``), ``maxWords`` and ``quoteFor`` (quotes).

An empty optional cell becomes ``None`` for ids (``*_id``, ``*_by``), vocabulary values,
dates and numbers, ``()`` for a list and ``""`` for free text.

The schemas belong to the code, so they are always read from the repository's
``data/datapackage.json``, whatever ``DASHBOARD_DATA_DIR`` says.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dashboard.datasets import paths
from dashboard.datasets.schema import (
    EMPTY_LIST,
    Column,
    DataError,
    RowCheck,
    Schema,
    decode_utf8,
    display_path,
    in_range,
    one_of,
    parse_date,
    parse_float,
    parse_int,
    parse_text,
)

PACKAGE_FILE = "datapackage.json"
EXTRAS = "x-dashboard"
FIELD_TYPES = ("string", "date", "number", "integer", "boolean")
#: Each field type in a reader's words.
TYPE_NAMES = {
    "string": "text",
    "date": "date",
    "number": "number",
    "integer": "whole number",
    "boolean": "true/false",
}


@dataclass(frozen=True)
class Resource:
    """One table of the package: its file, its columns as the loader checks them, its fields."""

    name: str
    path: str
    columns: dict[str, Column]
    key: str | None
    fields: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Package:
    """The parsed ``datapackage.json``: its descriptor and its tables by name."""

    file: str
    descriptor: dict[str, Any]
    resources: dict[str, Resource]


def package_path() -> Path:
    """The repository's ``data/datapackage.json``."""
    return paths.REPO_ROOT / "data" / PACKAGE_FILE


_LOADED: dict[Path, tuple[tuple[int, int], Package]] = {}


def load_package(path: Path | None = None) -> Package:
    """Read and check ``datapackage.json`` (cached until the file changes).

    Raises
    ------
    DataError
        When the file is missing, is not JSON, or a resource or field is malformed.
    """
    file = (path or package_path()).resolve()
    try:
        status = file.stat()
        stamp = (status.st_mtime_ns, status.st_size)
    except OSError:
        stamp = None
    cached = _LOADED.get(file)
    if stamp is not None and cached is not None and cached[0] == stamp:
        return cached[1]
    package = parse_package(file)
    if stamp is not None:
        _LOADED[file] = (stamp, package)
    return package


def parse_package(path: Path) -> Package:
    """Parse ``path`` into a :class:`Package`; raise a DataError naming it when it is broken."""
    display = display_path(path)
    try:
        descriptor = json.loads(decode_utf8(path))
    except json.JSONDecodeError as error:
        raise DataError(display, f"is not valid JSON ({error.msg})", row=error.lineno) from None
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not resources:
        raise DataError(display, "must be a Data Package with a list of 'resources'")
    parsed: dict[str, Resource] = {}
    for number, resource in enumerate(resources, start=1):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            raise DataError(display, f"resource {number} has no 'name'")
        parsed[resource["name"]] = parse_resource(display, resource)
    return Package(display, descriptor, parsed)


def parse_resource(display: str, resource: dict[str, Any]) -> Resource:
    """Build the columns of one resource; raise a DataError naming the resource and field."""
    name = resource["name"]
    schema = resource.get("schema")
    fields = schema.get("fields") if isinstance(schema, dict) else None
    if not isinstance(resource.get("path"), str) or not isinstance(fields, list) or not fields:
        raise DataError(display, f"resource '{name}' needs a 'path' and a schema with 'fields'")
    columns: dict[str, Column] = {}
    for number, field in enumerate(fields, start=1):
        if not isinstance(field, dict) or not isinstance(field.get("name"), str):
            raise DataError(display, f"resource '{name}': field {number} has no 'name'")
        try:
            columns[field["name"]] = field_column(field)
        except (ValueError, TypeError, re.error) as error:
            raise DataError(display, f"resource '{name}': {error}", column=field["name"]) from None
    key = primary_key(schema)
    if key is not None and key not in columns:
        raise DataError(display, f"resource '{name}': primaryKey '{key}' is not a field")
    return Resource(name, resource["path"], columns, key, tuple(fields))


def field_column(field: dict[str, Any]) -> Column:
    """The :class:`Column` for one Table Schema field (type, constraints and extras)."""
    kind = field.get("type", "string")
    if kind not in FIELD_TYPES:
        raise ValueError(f"type '{kind}' is not one of {', '.join(FIELD_TYPES)}")
    constraints = field.get("constraints", {})
    extras = field.get(EXTRAS, {})
    required = bool(constraints.get("required", False))
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if kind == "boolean":
        parse = boolean(field.get("trueValues", ["true"]), field.get("falseValues", ["false"]))
        return Column(parse, required, None)
    if kind in ("number", "integer"):
        number = parse_int if kind == "integer" else parse_float
        return Column(bounded(number, low, high), required, None)
    if kind == "date":
        return Column(parse_date, required, None)
    message = extras.get("patternMessage")
    if "separator" in extras:
        item = text_parser(extras.get("itemEnum"), extras.get("itemPattern"), message, None)
        return Column(list_parser(extras["separator"], item), required, EMPTY_LIST)
    parse = text_parser(
        constraints.get("enum"), constraints.get("pattern"), message, constraints.get("maxLength")
    )
    is_code = "enum" in constraints or field["name"].endswith(("_id", "_by"))
    return Column(parse, required, None if is_code else "")


def boolean(true_values: Sequence[str], false_values: Sequence[str]) -> Callable[[str], bool]:
    """Return a parser that reads the package's ``trueValues`` and ``falseValues``."""

    def parse(text: str) -> bool:
        if text in true_values or text in false_values:
            return text in true_values
        raise ValueError(f"'{text}' is not true or false")

    return parse


def bounded(
    number: Callable[[str], float], low: float | None, high: float | None
) -> Callable[[str], float]:
    """Return a parser for a number between ``low`` and ``high`` (either may be open)."""
    if low is not None and high is not None:
        return in_range(low, high) if number is parse_float else checked(number, low, high)
    if low is None and high is None:
        return number
    return checked(number, low, high)


def checked(
    number: Callable[[str], float], low: float | None, high: float | None
) -> Callable[[str], float]:
    """Return ``number`` followed by a check of its bounds (``None``: open)."""

    def parse(text: str) -> float:
        value = number(text)
        if low is not None and value < low:
            raise ValueError(f"{value:g} is below {low:g}")
        if high is not None and value > high:
            raise ValueError(f"{value:g} is above {high:g}")
        return value

    return parse


def text_parser(
    choices: Sequence[str] | None,
    pattern: str | None,
    message: str | None,
    max_length: int | None,
) -> Callable[[str], str]:
    """Return a parser for text in ``choices``, matching ``pattern``, at most ``max_length``."""
    if choices is not None:
        return one_of(tuple(choices))
    compiled = re.compile(pattern) if pattern is not None else None
    if compiled is None and max_length is None:
        return parse_text
    said = message or (f"does not match the pattern {pattern}" if pattern else "")

    def parse(text: str) -> str:
        if compiled is not None and not compiled.fullmatch(text):
            raise ValueError(f"'{text}' {said}")
        if max_length is not None and len(text) > max_length:
            raise ValueError(f"has {len(text)} characters; at most {max_length}")
        return text

    return parse


def list_parser(separator: str, item: Callable[[str], str]) -> Callable[[str], tuple[str, ...]]:
    """Return a parser for a ``separator``-separated list whose items ``item`` accepts."""

    def parse(text: str) -> tuple[str, ...]:
        items = tuple(part.strip() for part in text.split(separator))
        if any(not part for part in items):
            raise ValueError(f"'{text}' has an empty item")
        return tuple(item(part) for part in items)

    return parse


def resource(name: str, path: Path | None = None) -> Resource:
    """The resource ``name`` of the package; a DataError when the package lacks it."""
    package = load_package(path)
    if name not in package.resources:
        raise DataError(package.file, f"has no resource '{name}'")
    return package.resources[name]


def table_schema(
    name: str, row_checks: tuple[RowCheck, ...] = (), path: Path | None = None
) -> Schema:
    """The :class:`Schema` of resource ``name`` with the project's own ``row_checks``."""
    table = resource(name, path)
    return Schema(Path(table.path).name, table.columns, table.key, row_checks)


def primary_key(schema: dict[str, Any]) -> str | None:
    """The one column of a Table Schema's ``primaryKey`` (``None`` if none or composite)."""
    key = schema.get("primaryKey")
    if isinstance(key, list):
        return key[0] if len(key) == 1 else None
    return key


def field_type(field: dict[str, Any]) -> str:
    """A field's type in a reader's words (``date, required``, ``list (;)``)."""
    shown = TYPE_NAMES.get(field.get("type", "string"), str(field.get("type")))
    if "separator" in field.get(EXTRAS, {}):
        shown = f"list ({field[EXTRAS]['separator']})"
    if field.get("constraints", {}).get("required"):
        shown += ", required"
    return shown


def field_note(field: dict[str, Any], key: str | None = None) -> str:
    """A field's description followed by its constraints in a reader's words."""
    constraints = field.get("constraints", {})
    extras = field.get(EXTRAS, {})
    parts = [field.get("description", "")]
    if field["name"] == key:
        parts.append("Primary key.")
    values = constraints.get("enum") or extras.get("itemEnum")
    if values:
        parts.append("Values: " + ", ".join(f"`{value}`" for value in values) + ".")
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if low is not None and high is not None:
        parts.append(f"From {low:g} to {high:g}.")
    elif low is not None:
        parts.append(f"At least {low:g}.")
    elif high is not None:
        parts.append(f"At most {high:g}.")
    if "maxWords" in extras:
        parts.append(f"At most {extras['maxWords']} words.")
    if "maxLength" in constraints:
        parts.append(f"At most {constraints['maxLength']} characters.")
    return " ".join(part for part in parts if part)


def column_notes(name: str, path: Path | None = None) -> dict[str, str]:
    """Each column of resource ``name`` mapped to its note, in file order.

    The note is the field's description from ``data/datapackage.json`` followed by what its
    constraints allow (values, range, word limit), as ``data/README.md`` shows it.
    """
    table = resource(name, path)
    return {field["name"]: field_note(field, table.key) for field in table.fields}


def column_types(name: str, path: Path | None = None) -> dict[str, str]:
    """Each column of resource ``name`` mapped to its type in a reader's words."""
    return {field["name"]: field_type(field) for field in resource(name, path).fields}
