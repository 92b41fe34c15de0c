"""Timeline lanes: one band per kind of event or per party, marks packed into rows. Pure."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd

from dashboard.datasets.schema import CLAIMANTS
from dashboard.views.timeline.events import KIND_ORDER
from dashboard.wording import kind_label, party_label

LANE_MODES = ("kind", "party")
OTHER_LANE = "other"
#: A mark takes this share of the visible window when rows are packed (so marks do not touch).
MARK_FOOTPRINT = 1 / 32


# --------------------------------------------------------------------------- lanes and rows


@dataclass(frozen=True)
class Lane:
    """One horizontal band of the chart: its id, label and the rows it occupies."""

    key: str
    label: str
    first_row: int
    rows: int

    @property
    def centre(self) -> float:
        """The y value of the lane's middle (rows count from 0 at the top)."""
        return self.first_row + (self.rows - 1) / 2


def lane_keys(event: Mapping[str, Any], by: str) -> tuple[str, ...]:
    """The lanes an event is drawn in: its kind, or each party it concerns."""
    if by == "party":
        return tuple(event["involved"]) or (OTHER_LANE,)
    return (event["kind"],)


def lane_label(key: str, by: str) -> str:
    """Display name of a lane."""
    if key == OTHER_LANE:
        return "No party named"
    return party_label(key) if by == "party" else kind_label(key)


def footprint_days(start: date, end: date) -> int:
    """Whole days a point mark covers at this window's scale (at least one)."""
    return max(1, math.ceil(((end - start).days + 1) * MARK_FOOTPRINT))


def pack_rows(spans: Sequence[tuple[date, date]], footprint: timedelta) -> list[int]:
    """Give each span a row so that spans in one row never touch (greedy, in input order).

    A span occupies at least ``footprint`` from its start (a point mark is wider than a day).
    """
    row_ends: list[date] = []
    rows = []
    for start, end in spans:
        reach = max(end + timedelta(days=1), start + footprint)
        for row, busy_until in enumerate(row_ends):
            if busy_until <= start:
                row_ends[row] = reach
                rows.append(row)
                break
        else:
            row_ends.append(reach)
            rows.append(len(row_ends) - 1)
    return rows


def lane_keys_within(event: Mapping[str, Any], by: str, only: Sequence[str]) -> tuple[str, ...]:
    """The lanes an event is drawn in, keeping only the parties in ``only`` (when given)."""
    keys = lane_keys(event, by)
    if by == "party" and only:
        keys = tuple(key for key in keys if key in only)
    return keys


def strip_of(end: date, strips: Sequence[tuple[str, date, date]]) -> str:
    """The strip a mark ending on ``end`` is drawn in: the last one that began by then.

    An event that runs into the talks from before them belongs to the talks.
    """
    chosen = strips[0][0]
    for key, first, _ in strips:
        if end >= first:
            chosen = key
    return chosen


def lay_out(
    events: pd.DataFrame,
    by: str,
    window: tuple[date, date],
    *,
    only: Sequence[str] = (),
    strips: Sequence[tuple[str, date, date]] = (),
) -> tuple[pd.DataFrame, list[Lane]]:
    """One mark per event and lane, with its row (``y``) and ``strip``, and the lanes in order.

    ``only`` keeps the party lanes to those parties (the party filter), so no lane is drawn
    for a party the reader left out. ``strips`` (key, first, last day) are stretches of time
    drawn each on its own scale; rows are packed in each strip at its own scale, and a lane
    is as tall as its fullest strip. Without strips the window is the one strip.
    """
    if by not in LANE_MODES:
        raise ValueError(f"lanes go by one of {LANE_MODES}, not {by!r}")
    start, end = sorted(window)
    strips = tuple(strips) or (("main", start, end),)
    footprints = {key: timedelta(days=footprint_days(first, last)) for key, first, last in strips}
    marks = [
        {**record, "lane": key, "strip": strip_of(record["end"], strips)}
        for record in events.to_dict("records")
        for key in lane_keys_within(record, by, only)
    ]
    order = list(KIND_ORDER) if by == "kind" else [*CLAIMANTS, OTHER_LANE]
    order += sorted({mark["lane"] for mark in marks} - set(order))
    present = [key for key in order if any(mark["lane"] == key for mark in marks)]
    lanes: list[Lane] = []
    placed: list[dict[str, Any]] = []
    next_row = 0
    for key in present:
        count = 1
        for strip, _, _ in strips:
            in_lane = sorted(
                (mark for mark in marks if mark["lane"] == key and mark["strip"] == strip),
                key=lambda mark: (mark["start"], mark["end"], mark["event_id"]),
            )
            rows = pack_rows([(mark["start"], mark["end"]) for mark in in_lane], footprints[strip])
            for mark, row in zip(in_lane, rows, strict=True):
                placed.append({**mark, "y": next_row + row})
            count = max([count, *(row + 1 for row in rows)])
        lanes.append(Lane(key, lane_label(key, by), next_row, count))
        next_row += count
    columns = [*events.columns, "lane", "strip", "y"]
    return pd.DataFrame.from_records(placed, columns=columns), lanes
