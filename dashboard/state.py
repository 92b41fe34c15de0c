"""URL query parameters <-> view state: parse, validate, serialise. Pure; no streamlit.

Every page declares its parameters as :class:`Param` objects and reads them with
:func:`parse_params`, the one validated path from the URL into the app. A value that does
not parse is dropped and reported as a :class:`Notice`; the page falls back to its default.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

MAX_VALUE_LENGTH = 200
SHOWN_VALUE_LENGTH = 60
MAX_LIST_ITEMS = 20


class InvalidValue(ValueError):
    """A URL value that cannot be used; the message says why, for the reader."""


@dataclass(frozen=True)
class Notice:
    """A URL value that was ignored, and why (the value is shortened, never trusted)."""

    param: str
    value: str
    reason: str

    @property
    def message(self) -> str:
        """Plain-text sentence for the reader (escape it before rendering as markdown)."""
        return f"Ignored the link's “{self.param}” value “{self.value}”: {self.reason}."


@dataclass(frozen=True)
class Param:
    """One URL parameter: its name, how to parse one value, and how to write it back."""

    name: str
    parse: Callable[[str], Any]
    serialise: Callable[[Any], str] = str
    many: bool = False


def shorten(value: str) -> str:
    """Make a hostile value safe to show: control characters removed, length capped."""
    visible = "".join(" " if unicodedata.category(char).startswith("C") else char for char in value)
    if len(visible) > SHOWN_VALUE_LENGTH:
        visible = visible[: SHOWN_VALUE_LENGTH - 1] + "…"
    return visible


def clean(value: str) -> str:
    """Reject values that are too long or carry control or formatting characters."""
    if len(value) > MAX_VALUE_LENGTH:
        raise InvalidValue(f"longer than {MAX_VALUE_LENGTH} characters")
    if any(unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn") for char in value):
        raise InvalidValue("it contains control or invisible characters")
    return value.strip()


def one_of(choices: Collection[str], what: str) -> Callable[[str], str]:
    """Parser for one id out of ``choices`` (exact match)."""

    def parse(value: str) -> str:
        value = clean(value)
        if value not in choices:
            raise InvalidValue(f"no {what} has that id")
        return value

    return parse


def date_between(first: date, last: date) -> Callable[[str], date]:
    """Parser for an ISO date inside ``first`` … ``last``."""

    def parse(value: str) -> date:
        value = clean(value)
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise InvalidValue("not a date in the form YYYY-MM-DD") from None
        if len(value) != len("YYYY-MM-DD"):
            raise InvalidValue("not a date in the form YYYY-MM-DD")
        if not first <= day <= last:
            raise InvalidValue(f"outside {first:%-d %b %Y} – {last:%-d %b %Y}")
        return day

    return parse


def search_text(value: str) -> str:
    """Parser for free search text: printable, bounded, stripped."""
    value = clean(value)
    if not value:
        raise InvalidValue("empty")
    return value


def parse_params(
    query: Mapping[str, Sequence[str]], params: Iterable[Param]
) -> tuple[dict[str, Any], list[Notice]]:
    """Parse the declared parameters out of ``query`` (every value of every key, as lists).

    Returns the values that parsed (a list for ``many`` parameters) and a notice for each
    value that did not. Unknown keys are reported too, so a mangled link is never silent.
    """
    values: dict[str, Any] = {}
    notices: list[Notice] = []
    declared = {param.name: param for param in params}
    for key, raw_values in query.items():
        param = declared.get(key)
        if param is None:
            notices.append(Notice(shorten(key), shorten(",".join(raw_values)), "unknown setting"))
            continue
        raw_list = list(raw_values)
        if param.many:
            raw_list = [part for raw in raw_list for part in raw.split(",") if part != ""]
            if len(raw_list) > MAX_LIST_ITEMS:
                notices.append(Notice(key, shorten(",".join(raw_list)), "too many values"))
                continue
        elif len(raw_list) > 1:
            notices.append(Notice(key, shorten(" & ".join(raw_list)), "given more than once"))
            continue
        parsed = []
        for raw in raw_list:
            try:
                parsed.append(param.parse(raw))
            except InvalidValue as reason:
                notices.append(Notice(key, shorten(raw), str(reason)))
        if param.many:
            if parsed:
                values[key] = list(dict.fromkeys(parsed))
        elif parsed:
            values[key] = parsed[0]
    return values, notices


def serialise_params(values: Mapping[str, Any], params: Iterable[Param]) -> dict[str, str]:
    """Write view state back as query parameters; empty and default values are left out."""
    query: dict[str, str] = {}
    for param in params:
        value = values.get(param.name)
        if value is None or value == [] or value == "":
            continue
        if param.many:
            query[param.name] = ",".join(param.serialise(item) for item in value)
        else:
            query[param.name] = param.serialise(value)
    return query
