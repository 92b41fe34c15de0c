"""The map's view state: the selection (a region, a place or nothing), the URL and the dates. Pure.

A click on the map arrives as Streamlit's selection event; :func:`selection_from_points`
turns it into the next :class:`Selection` (clicking the selected shape again returns to the
overview). The map figure stays identical across clicks (plotly draws the clicked selection
itself); :func:`needs_redraw` says when a click leaves the chart showing something else, so
the page rebuilds the figure.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from dashboard.datasets.frontline import DEFAULT_ADVANCE_SINCE
from dashboard.state import Notice, Param, date_between, one_of

PAGE = "map"
REGION = "region"
PLACE = "place"
SINCE = "since"

# --------------------------------------------------------------------------- selection


@dataclass(frozen=True)
class Selection:
    """What the detail panel shows: a region (ISO code), a place (place_id) or nothing."""

    kind: str | None = None
    id: str | None = None

    @property
    def empty(self) -> bool:
        """True for the overview (nothing selected)."""
        return self.kind is None or not self.id

    @property
    def region(self) -> str | None:
        """The selected region's ISO code, or None."""
        return self.id if self.kind == REGION else None

    @property
    def place(self) -> str | None:
        """The selected place's id, or None."""
        return self.id if self.kind == PLACE else None

    @property
    def option(self) -> str:
        """The selection as one string (``region:UA-14``; empty for nothing)."""
        return "" if self.empty else f"{self.kind}:{self.id}"

    @classmethod
    def from_option(cls, option: str | None) -> Selection:
        """Inverse of :attr:`option`."""
        kind, _, ident = (option or "").partition(":")
        if kind in (REGION, PLACE) and ident:
            return cls(kind, ident)
        return NOTHING


NOTHING = Selection()


def _point_selection(point: Mapping[str, Any]) -> Selection | None:
    """The region or place a clicked map point stands for (None for anything else)."""
    data = point.get("customdata")
    if isinstance(data, (list, tuple)) and len(data) >= 2 and data[0] in (REGION, PLACE):
        return Selection(str(data[0]), str(data[1]))
    return None


def selection_from_points(
    points: Sequence[Mapping[str, Any]] | None,
    current: Selection,
    region_ids: Collection[str] | None = None,
    place_ids: Collection[str] | None = None,
) -> Selection:
    """The next selection after a map click.

    Parameters
    ----------
    points
        ``event.selection.points`` of the map chart (empty when the chart was deselected).
    current
        What is selected now.
    region_ids, place_ids
        Ids that may be selected (anything else is ignored); None accepts any id.

    Returns
    -------
    Selection
        Nothing when the chart reports no points or the click hit what is already selected
        (click again to deselect); the clicked place when a place marker is among the points
        (markers sit above regions), else the clicked region; ``current`` unchanged when the
        points name nothing selectable.
    """
    if not points:
        return NOTHING
    candidates = [sel for sel in map(_point_selection, points) if sel is not None]
    allowed = {REGION: region_ids, PLACE: place_ids}
    candidates = [
        sel for sel in candidates if allowed[sel.kind] is None or sel.id in allowed[sel.kind]
    ]
    if not candidates:
        return current
    chosen = next((sel for sel in candidates if sel.kind == PLACE), candidates[0])
    return NOTHING if chosen == current else chosen


def chart_shows(points: Sequence[Mapping[str, Any]] | None) -> Selection | None:
    """What the map draws as selected by itself after a click event with these points.

    Plotly outlines the clicked point: nothing for no points, the region or place of a
    single selectable point; None when it is not one of those (several points, or a point
    that names nothing selectable).
    """
    if not points:
        return NOTHING
    if len(points) != 1:
        return None
    return _point_selection(points[0])


def needs_redraw(
    points: Sequence[Mapping[str, Any]] | None, selection: Selection, drawn: Selection
) -> bool:
    """Whether the map figure must be rebuilt after a click to show ``selection`` right.

    A click normally needs no new figure: plotly already outlines what was clicked (or
    nothing, after a second click on the same shape), and that is the new selection. The
    figure must be rebuilt (and the chart remounted, which clears plotly's own outline) when
    a selection is drawn into it (``drawn``: from a link or the details box) or when what
    plotly shows differs from ``selection``, as when a click deselects a region selected
    through a link: plotly then outlines it while the page shows the overview.
    """
    return not drawn.empty or chart_shows(points) != selection


def event_points(event: Any) -> list[Mapping[str, Any]]:
    """The ``selection.points`` of a plotly chart's state (attribute or dict access)."""
    if event is None:
        return []
    inner = event.get("selection") if isinstance(event, Mapping) else None
    if inner is None:
        inner = getattr(event, "selection", None)
    if inner is None:
        return []
    points = inner.get("points") if isinstance(inner, Mapping) else getattr(inner, "points", None)
    return list(points or [])


# --------------------------------------------------------------------------- URL state


def url_params(
    region_ids: Iterable[str], place_ids: Iterable[str], first: date, last: date
) -> list[Param]:
    """The page's URL parameters: ``region``, ``place``, ``date`` and ``since``.

    ``region`` is an ISO 3166-2 code, ``place`` a place_id, ``since`` the earlier date of
    Russia's gains.
    """
    return [
        Param(REGION, one_of(tuple(region_ids), "region on the map")),
        Param(PLACE, one_of(tuple(place_ids), "place on the map")),
        Param("date", date_between(first, last), date.isoformat),
        Param(SINCE, date_between(first, last), date.isoformat),
    ]


def selection_from_url(values: Mapping[str, Any]) -> tuple[Selection, list[Notice]]:
    """The selection a parsed link asks for.

    A link naming both a region and a place keeps the region and says so in a notice.
    """
    region, place = values.get(REGION), values.get(PLACE)
    if region and place:
        notice = Notice(
            PLACE, str(place), "a link selects one region or one place; showing the region"
        )
        return Selection(REGION, region), [notice]
    if region:
        return Selection(REGION, region), []
    if place:
        return Selection(PLACE, place), []
    return NOTHING, []


def url_values(selection: Selection, day: date | None, since: date | None = None) -> dict[str, Any]:
    """The view state as URL values (see :func:`url_params`); the default ``since`` is left out."""
    return {
        REGION: selection.region,
        PLACE: selection.place,
        "date": day,
        SINCE: since if since != DEFAULT_ADVANCE_SINCE else None,
    }


def gains_since_options(days: Sequence[date], day: date | None) -> list[date]:
    """The earlier dates Russia's gains can be measured from: snapshot dates before ``day``."""
    return [earlier for earlier in days if day is not None and earlier < day]


def gains_since(wanted: date | None, days: Sequence[date], day: date | None) -> date | None:
    """The earlier date of the gains: ``wanted`` (else the 28-point draft's day) if offered.

    Falls back to the latest offered date before it, then to the first offered; None when
    no snapshot date comes before ``day``.
    """
    options = gains_since_options(days, day)
    if not options:
        return None
    target = wanted or DEFAULT_ADVANCE_SINCE
    return on_or_before(target, options) or options[0]


# --------------------------------------------------------------------------- dates


def snapshot_days(control: pd.DataFrame) -> list[date]:
    """The dates with control figures, oldest first."""
    if control.empty:
        return []
    return sorted({pd.Timestamp(day).date() for day in control["snapshot_date"].unique()})


def on_or_before(day: date, days: Sequence[date]) -> date | None:
    """The latest of ``days`` on or before ``day``; the first one when all are later."""
    if not days:
        return None
    earlier = [candidate for candidate in days if candidate <= day]
    return max(earlier) if earlier else min(days)
