"""Positions: what is on record by the article's date, and how a position is worded. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.datasets.schema import ARTICLE_SOURCE_ID, NEGOTIATING_PARTIES
from dashboard.datasets.sources import article_published
from dashboard.state import Param, one_of
from dashboard.views.labels import distinct
from dashboard.wording import format_when, party_label, with_source_type

PAGE = "positions"
PARTIES: tuple[str, ...] = NEGOTIATING_PARTIES
OWN = "own"
ATTRIBUTED = "attributed"
RANKING_COLUMNS = (
    "rank",
    "issue_id",
    "label",
    "distance",
    "n_parties",
    "lowest",
    "highest",
    "attributed_parties",
    "scale_low",
    "scale_high",
    "sticking_point",
)
SCORE_COLUMNS = ("issue_id", "party", "score", "basis", "n_positions", "claimed_by")


# --------------------------------------------------------------------------- URL state


def url_params(
    issue_ids: list[str] | tuple[str, ...], position_ids: list[str] | tuple[str, ...] = ()
) -> list[Param]:
    """The page's URL parameters: ``issue``, ``party``, ``later=1``, and ``position``.

    ``later=1`` shows later statements; ``position`` (only given ``position_ids``) names the
    position whose card is open.
    """
    params = [
        Param("issue", one_of(tuple(issue_ids), "issue")),
        Param("party", one_of(PARTIES, "negotiating party")),
        Param("later", one_of(("1",), "switch for later statements")),
    ]
    if position_ids:
        params.append(Param("position", one_of(tuple(position_ids), "position")))
    return params


# --------------------------------------------------------------------------- on record


def is_later(positions: pd.DataFrame, day: pd.Timestamp) -> pd.Series:
    """True for positions stated after ``day`` (unknown when the article was written)."""
    return positions["date"] > day


def on_record(
    positions: pd.DataFrame, sources: pd.DataFrame, include_later: bool = False
) -> pd.DataFrame:
    """The positions on record by the article's date, or all of them with ``include_later``."""
    if include_later or positions.empty:
        return positions
    return positions[~is_later(positions, article_published(sources))]


def later_note(positions: pd.DataFrame, sources: pd.DataFrame) -> str:
    """``3 statements made after the article (23–24 Dec 2025)``, or empty when there are none."""
    later = positions[is_later(positions, article_published(sources))]
    if later.empty:
        return ""
    first, last = later["date"].min(), later["date"].max()
    if first == last:
        span = f"{first:%-d %b %Y}"
    elif (first.year, first.month) == (last.year, last.month):
        span = f"{first:%-d}–{last:%-d %b %Y}"
    else:
        span = f"{first:%-d %b} – {last:%-d %b %Y}"
    noun = "statement" if len(later) == 1 else "statements"
    return f"{len(later)} {noun} made after the article ({span})"


# --------------------------------------------------------------------------- helpers


def present(value: Any) -> bool:
    """True for a filled cell (not None, NaN or empty text)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return False
    return value != ""


def is_attributed(position: Mapping[str, Any]) -> bool:
    """True when another party attributes this position to its subject."""
    return present(position.get("claimed_by"))


def order_positions(positions: pd.DataFrame) -> pd.DataFrame:
    """Own statements first, then attributed ones; each group newest first."""
    if positions.empty:
        return positions
    attributed = positions["claimed_by"].notna() & (positions["claimed_by"] != "")
    return (
        positions.assign(_attributed=attributed)
        .sort_values(["_attributed", "date", "position_id"], ascending=[True, False, True])
        .drop(columns="_attributed")
    )


def is_article(position: Mapping[str, Any]) -> bool:
    """True when the position's source is the article."""
    return position.get("source_id") == ARTICLE_SOURCE_ID


# --------------------------------------------------------------------------- wording


def format_date(day: pd.Timestamp | None, precision: str | None = "day") -> str:
    """A date only as precise as it is known (``15 Dec 2025``, ``week of 15 Dec 2025``)."""
    return format_when(day, None, precision) or "undated"


@dataclass(frozen=True)
class Credit:
    """Who published a source, its title and link (empty when unknown)."""

    producer: str
    title: str
    url: str


def source_credit(sources: pd.DataFrame, source_id: str) -> Credit:
    """The credit of ``source_id`` from ``sources.yml``: its short ``credit`` (else producer).

    The id itself stands in for an unknown source; a link that is not plain https is dropped.
    """
    if source_id not in sources.index:
        return Credit(source_id, "", "")
    entry = sources.loc[source_id]
    url = str(entry.get("url") or "")
    safe_url = url if url.startswith("https://") and not any(c in url for c in " ()<>") else ""
    credit = entry.get("credit")
    name = str((credit if present(credit) else entry.get("producer")) or source_id)
    return Credit(
        with_source_type(name, sources, source_id), str(entry.get("title") or ""), safe_url
    )


def speaker_line(position: Mapping[str, Any]) -> str:
    """``Sergei Lavrov, Russian foreign minister``, or just the name."""
    speaker = position.get("speaker") or ""
    role = position.get("speaker_role") or ""
    return ", ".join(part for part in (speaker, role) if part)


def source_label(position: Mapping[str, Any], issue_label: str, *more: str) -> str:
    """``Quote & source: Russia on NATO membership`` (plain text), for one position's popover.

    A claim adds who makes it (``, claimed by Russia``); ``more`` (a speaker, a date) is
    appended after a dash.
    """
    label = f"Quote & source: {party_label(position['party'])} on {issue_label}"
    if is_attributed(position):
        label += f", claimed by {party_label(position['claimed_by'])}"
    extra = ", ".join(part for part in more if part)
    return f"{label} — {extra}" if extra else label


def source_labels(positions: pd.DataFrame, issue_labels: Mapping[str, str]) -> dict[str, str]:
    """Each position's "Quote & source" label by position id, distinct for every position.

    Party and issue (and the claimant) name most; where a party has two positions on an
    issue, the speaker tells them apart, then the date (then a number).
    """
    records = {record["position_id"]: record for record in positions.to_dict("records")}

    def label(position_id: str, *more: str) -> str:
        record = records[position_id]
        issue = issue_labels.get(record["issue_id"], str(record["issue_id"]))
        return source_label(record, issue, *more)

    def speaker(position_id: str) -> str:
        value = records[position_id].get("speaker")
        return str(value) if present(value) else ""

    def when(position_id: str) -> str:
        record = records[position_id]
        return format_date(record.get("date"), record.get("date_precision"))

    return distinct(
        {position_id: label(position_id) for position_id in records},
        lambda position_id: label(position_id, speaker(position_id)),
        lambda position_id: label(position_id, speaker(position_id), when(position_id)),
    )


#: What each stance word means (as defined in data/METHODOLOGY.md, "Stances").
STANCE_MEANINGS: dict[str, str] = {
    "demands": "insists on this outcome as a condition of a deal",
    "rejects": "refuses an outcome another side proposed",
    "offers": "proposes this outcome, usually in return for something",
    "accepts": "agrees to an outcome another side proposed or demanded",
    "open": "signals flexibility or leaves the decision to others",
}


def said_later(positions: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """The statements made after the article, own before attributed, newest first."""
    return order_positions(positions[is_later(positions, article_published(sources))])
