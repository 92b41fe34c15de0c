"""Timeline URL parameters and chart clicks: link in, state out, state back into the link. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from dashboard.state import (
    InvalidValue,
    Notice,
    Param,
    clean,
    date_between,
    one_of,
    search_text,
)
from dashboard.views.timeline.events import TimelineFilter, kind_options, party_options
from dashboard.views.timeline.layout import LANE_MODES

# --------------------------------------------------------------------------- URL parameters


def parse_flag(value: str) -> bool:
    """Parser for an on/off switch: ``1`` is on, ``0`` is off."""
    value = clean(value)
    if value not in ("0", "1"):
        raise InvalidValue("use 1 to switch it on")
    return value == "1"


def url_params(events: pd.DataFrame, bounds: tuple[date, date]) -> list[Param]:
    """The page's URL parameters, validated against the data (parties and kinds it holds)."""
    in_bounds = date_between(*bounds)
    return [
        Param("from", in_bounds, date.isoformat),
        Param("to", in_bounds, date.isoformat),
        Param("party", one_of(set(party_options(events)), "party"), many=True),
        Param("kind", one_of(set(kind_options(events)), "event kind"), many=True),
        Param("q", search_text),
        Param("event", one_of(set(events["event_id"]), "event")),
        Param("all", parse_flag, lambda on: "1" if on else "0"),
        Param("lanes", one_of(set(LANE_MODES), "lane layout")),
    ]


def check_date_order(values: Mapping[str, Any]) -> tuple[dict[str, Any], list[Notice]]:
    """Drop ``from``/``to`` when ``from`` comes after ``to``, with a notice."""
    values = dict(values)
    first, last = values.get("from"), values.get("to")
    if first is not None and last is not None and first > last:
        del values["from"], values["to"]
        shown = f"{first.isoformat()} > {last.isoformat()}"
        return values, [Notice("from/to", shown, "the start comes after the end")]
    return values, []


def initial_range(
    values: Mapping[str, Any], default: tuple[date, date], bounds: tuple[date, date]
) -> tuple[date, date]:
    """The date range a link asks for: everything, ``from``/``to`` (either alone), or the default.

    A lone ``from`` after the default end runs to the last day; a lone ``to`` before the
    default start runs from the first.
    """
    if values.get("all"):
        return bounds
    start, end = values.get("from", default[0]), values.get("to", default[1])
    if start > end:
        if "from" in values and "to" not in values:
            end = bounds[1]
        else:
            start = bounds[0]
    return start, end


def url_values(
    wanted: TimelineFilter,
    *,
    default: tuple[date, date],
    show_all: bool,
    event_id: str | None,
    lanes: str,
) -> dict[str, Any]:
    """The state to write back into the URL; defaults are left out so links stay short."""
    values: dict[str, Any] = {
        "party": list(wanted.parties),
        "kind": list(wanted.kinds),
        "q": wanted.text.strip(),
        "event": event_id,
        "all": True if show_all else None,
        "lanes": lanes if lanes != LANE_MODES[0] else None,
    }
    if not show_all:
        values["from"] = wanted.start if wanted.start != default[0] else None
        values["to"] = wanted.end if wanted.end != default[1] else None
    return values


# --------------------------------------------------------------------------- selection and links


def event_from_selection(selection: Any, known: Iterable[str]) -> str | None:
    """The event id a plotly click selected (from the points' ``customdata``), else None."""
    known = set(known)
    points = _points(selection)
    for point in points:
        custom = point.get("customdata") if isinstance(point, Mapping) else None
        if isinstance(custom, list | tuple):
            custom = custom[0] if custom else None
        if isinstance(custom, str) and custom in known:
            return custom
    return None


def _points(selection: Any) -> list[Any]:
    """The selected points of a Streamlit plotly selection state (dict or attribute style)."""
    if selection is None:
        return []
    inner = selection.get("selection") if isinstance(selection, Mapping) else None
    if inner is None:
        inner = getattr(selection, "selection", selection)
    points = inner.get("points") if isinstance(inner, Mapping) else getattr(inner, "points", None)
    return list(points or [])


# --------------------------------------------------------------------------- the reader's state


@dataclass(frozen=True)
class TimelineState:
    """What the reader set on the page (``start`` may come after ``end``; the page swaps)."""

    start: date
    end: date
    show_all: bool = False
    parties: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    text: str = ""
    lanes: str = LANE_MODES[0]
    event: str | None = None


def state_from_link(
    values: Mapping[str, Any], default: tuple[date, date], bounds: tuple[date, date]
) -> tuple[TimelineState, list[Notice]]:
    """The state a link's parsed ``values`` ask for, with a notice for dates in wrong order."""
    values, notices = check_date_order(values)
    start, end = initial_range(values, default, bounds)
    state = TimelineState(
        start=start,
        end=end,
        show_all=bool(values.get("all")),
        parties=tuple(values.get("party", [])),
        kinds=tuple(values.get("kind", [])),
        text=values.get("q", ""),
        lanes=values.get("lanes", LANE_MODES[0]),
        event=values.get("event"),
    )
    return state, notices


def reset_filters(state: TimelineState, default: tuple[date, date]) -> TimelineState:
    """The default view, keeping the lane layout and the selected event."""
    return TimelineState(*default, lanes=state.lanes, event=state.event)


def background_window(
    show_all: bool, default: tuple[date, date], bounds: tuple[date, date]
) -> tuple[date, date]:
    """The dates the background switch sets: everything, or back to the weeks of the talks."""
    return bounds if show_all else default
