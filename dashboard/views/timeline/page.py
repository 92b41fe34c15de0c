"""The timeline page's view model: event cards, the chart's inputs, captions and labels. Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from urllib.parse import quote as url_quote

import pandas as pd

from dashboard.views.labels import distinct, shortened

#: A "Show details" button names its event by date and title, cut to this many characters.
DETAILS_TITLE_LENGTH = 64


def map_link(event: Mapping[str, Any], snapshot_dates: Sequence[date]) -> dict[str, str] | None:
    """Query parameters that open the Map page on this event, or None without a location.

    The place is preferred to the region; the date is added only when the map has control
    snapshots around it (it ignores other dates with a notice).
    """
    if event.get("place_id"):
        query = {"place": str(event["place_id"])}
    elif event.get("region_id"):
        query = {"region": str(event["region_id"])}
    else:
        return None
    day = event.get("day")
    if day is not None and snapshot_dates and min(snapshot_dates) <= day <= max(snapshot_dates):
        query["date"] = day.isoformat()
    return query


def markdown_link(text: str, url: str) -> str:
    """A markdown link whose URL cannot break out of the link (``text`` must be escaped)."""
    if not url.startswith(("https://", "http://")):
        return text
    safe = url_quote(url, safe=":/?#[]@!$&'*+,;=%~-._")
    safe = safe.replace("(", "%28").replace(")", "%29").replace("[", "%5B").replace("]", "%5D")
    return f"[{text}]({safe})"


def details_label(title: str, when: str, limit: int | None = DETAILS_TITLE_LENGTH) -> str:
    """``Show details: Zelenskyy visits the Kupyansk front (12 Dec 2025)`` (plain text)."""
    shown = " ".join(title.split()) if limit is None else shortened(title, limit)
    return f"Show details: {shown} ({when})"


def details_labels(events: pd.DataFrame) -> dict[str, str]:
    """Each event's "Show details" label by event id, distinct for every event (plain text).

    The title is shortened; where two events would share a label, their full titles are used
    (then a number).
    """
    titles = dict(zip(events["event_id"], events["title"], strict=True))
    dates = dict(zip(events["event_id"], events["date_label"], strict=True))
    short = {event_id: details_label(titles[event_id], dates[event_id]) for event_id in titles}
    return distinct(short, lambda event_id: details_label(titles[event_id], dates[event_id], None))
