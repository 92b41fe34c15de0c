"""Table schemas and the validating CSV reader every dataset module uses.

A schema says, per column, what a cell may hold; the curated tables' schemas are built
from ``data/datapackage.json`` (:mod:`dashboard.datasets.package`). :func:`read_table` reads
one CSV file, checks every cell and returns a typed DataFrame, or raises one
:class:`DataError` that names the file, the row and the column at fault.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

ARTICLE_SOURCE_ID = "article"
MAX_QUOTE_WORDS = 30

# Vocabularies in the order the pages show them; tests/unit/test_datapackage.py checks that
# they equal the enums of data/datapackage.json, which the loaders check cells against.
NEGOTIATING_PARTIES = ("us", "russia", "ukraine", "europe")
CLAIMANTS = (*NEGOTIATING_PARTIES, "ukrainian_media", "analysts")
DATE_PRECISIONS = ("day", "week", "month", "year")
EVENT_KINDS = ("talks", "statement", "battlefield", "strike", "visit", "political")
STANCES = ("demands", "offers", "accepts", "rejects", "open")
VERDICTS = ("confirmed", "incorrect", "inconsistent", "imprecise", "unverified")
#: Verdicts that say the article is wrong: such a fact check quotes the source that shows it.
CRITICAL_VERDICTS = ("incorrect", "inconsistent", "imprecise")
SOURCE_TYPES = ("official", "wire", "outlet", "state_media", "reference", "data")


class DataError(ValueError):
    """A data file breaks its schema; the message names file, row and column."""

    def __init__(
        self,
        file: str | Path,
        problem: str,
        *,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file = str(file)
        self.row = row
        self.column = column
        self.problem = problem
        where = [self.file]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(f"{', '.join(where)}: {problem}")


# ---------------------------------------------------------------------------------------
# Cell parsers: each takes the stripped cell text and returns a value or raises ValueError
# with a reader-friendly reason.


def parse_text(text: str) -> str:
    """Keep text as it is."""
    return text


def parse_date(text: str) -> pd.Timestamp:
    """Parse an ISO-8601 calendar date (YYYY-MM-DD)."""
    try:
        return pd.Timestamp(date.fromisoformat(text))
    except ValueError:
        raise ValueError(f"'{text}' is not an ISO date (YYYY-MM-DD)") from None


def parse_float(text: str) -> float:
    """Parse a plain finite number."""
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a plain number") from None
    if not math.isfinite(value):
        raise ValueError(f"'{text}' is not a finite number")
    return value


def parse_int(text: str) -> int:
    """Parse a whole number (``703656`` or ``703656.0``)."""
    value = parse_float(text)
    if value != int(value):
        raise ValueError(f"'{text}' is not a whole number")
    return int(value)


def one_of(choices: Sequence[str]) -> Callable[[str], str]:
    """Return a parser that accepts only ``choices``."""

    def parse(text: str) -> str:
        if text not in choices:
            raise ValueError(f"'{text}' is not one of {', '.join(choices)}")
        return text

    return parse


def in_range(low: float, high: float) -> Callable[[str], float]:
    """Return a parser for a number between ``low`` and ``high`` inclusive."""

    def parse(text: str) -> float:
        value = parse_float(text)
        if not low <= value <= high:
            raise ValueError(f"{value:g} is outside {low:g} … {high:g}")
        return value

    return parse


EMPTY_LIST: tuple[str, ...] = ()


@dataclass(frozen=True)
class Column:
    """One column: its parser, whether a cell may be empty, and the value used if so."""

    parse: Callable[[str], Any] = parse_text
    required: bool = True
    empty: Any = None


#: A check across the cells of one parsed row: ``"column: problem"``, or ``None`` when it holds.
RowCheck = Callable[[dict[str, Any]], str | None]


@dataclass(frozen=True)
class Schema:
    """The columns of one table and its primary key."""

    file_name: str
    columns: dict[str, Column]
    key: str | None = None
    row_checks: tuple[RowCheck, ...] = field(default=())


class TableSpec(Protocol):
    """What :func:`read_table` needs of a schema (a :class:`Schema` or a lazy stand-in)."""

    @property
    def file_name(self) -> str:
        """The table's file name."""

    @property
    def columns(self) -> dict[str, Column]:
        """The columns by name, in file order."""

    @property
    def key(self) -> str | None:
        """The primary-key column, if any."""

    @property
    def row_checks(self) -> tuple[RowCheck, ...]:
        """The checks across the cells of one row."""


def decode_utf8(path: Path) -> str:
    """Read ``path`` as UTF-8 text, or raise a DataError saying where it is not."""
    display = display_path(path)
    if not path.is_file():
        raise DataError(display, "file is missing")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(
            display, f"is not UTF-8 text (bad byte at line {line}); save it as UTF-8"
        ) from None
    return text.removeprefix("\ufeff")


def display_path(path: Path) -> str:
    """Show ``path`` relative to the working directory when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_table(path: Path, schema: TableSpec) -> pd.DataFrame:
    """Read and validate one CSV table; raise a DataError naming file, row and column."""
    display = display_path(path)
    text = decode_utf8(path)
    # Resolved once: a lazy schema reads data/datapackage.json here, and may raise a DataError.
    columns, key, row_checks = schema.columns, schema.key, schema.row_checks
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise DataError(display, "file is empty (no header row)") from None
    header = [name.strip() for name in header]
    missing = [name for name in columns if name not in header]
    if missing:
        raise DataError(display, "required column is missing", column=missing[0])
    duplicated = sorted({name for name in header if header.count(name) > 1})
    if duplicated:
        raise DataError(display, "column appears twice in the header", column=duplicated[0])

    records: list[dict[str, Any]] = []
    seen_keys: dict[str, int] = {}
    for row_number, cells in enumerate(reader, start=1):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise DataError(
                display,
                f"has {len(cells)} cells but the header has {len(header)} "
                "(check commas and quotes)",
                row=row_number,
            )
        raw = dict(zip(header, (cell.strip() for cell in cells), strict=True))
        record = {"_row": row_number}
        for name, column in columns.items():
            cell = raw[name]
            if not cell:
                if column.required:
                    raise DataError(display, "is empty", row=row_number, column=name)
                record[name] = column.empty
                continue
            try:
                record[name] = column.parse(cell)
            except ValueError as error:
                raise DataError(display, str(error), row=row_number, column=name) from None
        if key is not None:
            key_value = record[key]
            if key_value in seen_keys:
                raise DataError(
                    display,
                    f"duplicate id '{key_value}' (first used in row {seen_keys[key_value]})",
                    row=row_number,
                    column=key,
                )
            seen_keys[key_value] = row_number
        for check in row_checks:
            problem = check(record)
            if problem:
                column_name, _, message = problem.partition(": ")
                raise DataError(display, message, row=row_number, column=column_name)
        records.append(record)

    frame = pd.DataFrame.from_records(records, columns=["_row", *columns])
    frame.attrs["file"] = display
    return frame


def check_references(
    frame: pd.DataFrame,
    column: str,
    known: Iterable[str],
    what: str,
) -> None:
    """Raise a DataError for the first cell of ``column`` that is not in ``known``.

    Cells may hold one id, a tuple of ids, or nothing.
    """
    known_set = set(known)
    for _, record in frame.iterrows():
        value = record[column]
        values = value if isinstance(value, tuple) else (value,)
        for item in values:
            if item is None or (isinstance(item, float) and math.isnan(item)):
                continue
            if item not in known_set:
                raise DataError(
                    frame.attrs.get("file", "?"),
                    f"unknown {what} '{item}'",
                    row=int(record["_row"]),
                    column=column,
                )
