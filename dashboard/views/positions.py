"""Positions page logic: the issue × party matrix, the distance ranking, details. Pure.

Definitions (they follow ``data/METHODOLOGY.md``):

- A party's *effective score* on an issue is the mean of its rows in its own voice; rows
  another party attributes to it (``claimed_by`` set) count only where it has no row in
  its own voice on that issue (then their mean is used).
- An issue's *distance* is the largest minus the smallest effective score over the parties
  with a position on it (0 when only one party is on record, undefined when none is).
- The ranking sorts by distance (largest first), breaks ties by the number of parties on
  record (more first) and then keeps the order of ``issues.csv``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard.datasets.schema import ARTICLE_SOURCE_ID, NEGOTIATING_PARTIES
from dashboard.datasets.sources import article_published
from dashboard.state import Param, one_of
from dashboard.views.labels import distinct
from dashboard.wording import party_label, with_source_type

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


def url_params(issue_ids: list[str] | tuple[str, ...]) -> list[Param]:
    """The page's URL parameters: ``issue``, ``party`` and ``later=1`` (later statements)."""
    return [
        Param("issue", one_of(tuple(issue_ids), "issue")),
        Param("party", one_of(PARTIES, "negotiating party")),
        Param("later", one_of(("1",), "switch for later statements")),
    ]


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


# --------------------------------------------------------------------------- matrix


@dataclass(frozen=True)
class Cell:
    """The positions of one party on one issue (own first, then attributed ones)."""

    issue_id: str
    party: str
    positions: tuple[dict[str, Any], ...] = ()

    @property
    def empty(self) -> bool:
        """No sourced position: the page says so and invents nothing."""
        return not self.positions

    @property
    def own(self) -> tuple[dict[str, Any], ...]:
        """Statements the party made itself."""
        return tuple(p for p in self.positions if not is_attributed(p))

    @property
    def attributed(self) -> tuple[dict[str, Any], ...]:
        """Positions another party attributes to it."""
        return tuple(p for p in self.positions if is_attributed(p))


@dataclass(frozen=True)
class MatrixRow:
    """One issue and its cells, one per party shown."""

    issue: dict[str, Any]
    cells: tuple[Cell, ...] = field(default=())


def build_matrix(
    issues: pd.DataFrame,
    positions: pd.DataFrame,
    issue: str | None = None,
    party: str | None = None,
) -> list[MatrixRow]:
    """Issues × parties, narrowed to one issue and/or one party when selected.

    Every (issue, party) pair gets a cell, empty when no position is sourced.
    """
    shown_issues = issues if issue is None else issues[issues["issue_id"] == issue]
    shown_parties = PARTIES if party is None else (party,)
    rows = []
    for _, issue_row in shown_issues.iterrows():
        on_issue = positions[positions["issue_id"] == issue_row["issue_id"]]
        cells = tuple(
            Cell(
                issue_id=issue_row["issue_id"],
                party=name,
                positions=tuple(
                    order_positions(on_issue[on_issue["party"] == name]).to_dict("records")
                ),
            )
            for name in shown_parties
        )
        rows.append(MatrixRow(issue=issue_row.to_dict(), cells=cells))
    return rows


# --------------------------------------------------------------------------- distance


def effective_scores(positions: pd.DataFrame) -> pd.DataFrame:
    """One score per (issue, party): own statements preferred over attributed ones.

    Columns: ``issue_id``, ``party``, ``score`` (mean of the statements used), ``basis``
    (``own`` or ``attributed``), ``n_positions`` (statements used) and ``claimed_by``
    (the claimants, ``;``-joined, when the basis is attributed; else empty).
    """
    records = []
    if not positions.empty:
        for (issue_id, name), group in positions.groupby(["issue_id", "party"], sort=False):
            attributed = group["claimed_by"].notna() & (group["claimed_by"] != "")
            own = group[~attributed]
            used = own if not own.empty else group[attributed]
            claimants = "" if not own.empty else ";".join(sorted(set(used["claimed_by"])))
            records.append(
                {
                    "issue_id": issue_id,
                    "party": name,
                    "score": float(used["score"].mean()),
                    "basis": OWN if not own.empty else ATTRIBUTED,
                    "n_positions": len(used),
                    "claimed_by": claimants,
                }
            )
    return pd.DataFrame.from_records(records, columns=list(SCORE_COLUMNS))


def rank_sticking_points(issues: pd.DataFrame, positions: pd.DataFrame) -> pd.DataFrame:
    """Rank the issues by how far apart the parties are (see the module docstring).

    One row per issue, in rank order. ``distance`` is NaN and ``rank`` is 0 for an issue
    with no position on record; ``lowest``/``highest`` name the parties at the ends
    (``;``-joined on ties); ``attributed_parties`` those whose score rests on another
    party's claim.
    """
    scores = effective_scores(positions)
    records = []
    for order, (_, issue) in enumerate(issues.iterrows()):
        on_issue = scores[scores["issue_id"] == issue["issue_id"]]
        parties = [p for p in PARTIES if p in set(on_issue["party"])]
        on_issue = on_issue.set_index("party").reindex(parties)
        if on_issue.empty:
            distance, lowest, highest = float("nan"), "", ""
        else:
            low, high = on_issue["score"].min(), on_issue["score"].max()
            distance = float(high - low)
            lowest = ";".join(on_issue.index[on_issue["score"] == low])
            highest = ";".join(on_issue.index[on_issue["score"] == high])
        records.append(
            {
                "issue_id": issue["issue_id"],
                "label": issue["label"],
                "distance": distance,
                "n_parties": len(parties),
                "lowest": lowest,
                "highest": highest,
                "attributed_parties": ";".join(on_issue.index[on_issue["basis"] == ATTRIBUTED]),
                "scale_low": issue["scale_low"],
                "scale_high": issue["scale_high"],
                "sticking_point": bool(issue["sticking_point"]),
                "_order": order,
            }
        )
    ranking = pd.DataFrame.from_records(
        records, columns=[c for c in RANKING_COLUMNS if c != "rank"] + ["_order"]
    )
    ranking = ranking.sort_values(
        ["distance", "n_parties", "_order"], ascending=[False, False, True], na_position="last"
    ).drop(columns="_order")
    measured = ranking["distance"].notna()
    ranking.insert(0, "rank", 0)
    ranking.loc[measured, "rank"] = range(1, int(measured.sum()) + 1)
    return ranking.reset_index(drop=True)


def article_sticking_points(issues: pd.DataFrame) -> pd.DataFrame:
    """The issues the article itself names as remaining sticking points, with its quote."""
    named = issues[issues["sticking_point"].astype(bool)]
    return named[["issue_id", "label", "source_id", "quote"]].reset_index(drop=True)


# --------------------------------------------------------------------------- details


def positions_with_events(positions: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Positions joined with the event each was said at (``event_title``, ``event_date``)."""
    lookup = events.set_index("event_id")
    titles = positions["event_id"].map(lookup["title"]) if not lookup.empty else None
    dates = positions["event_id"].map(lookup["date"]) if not lookup.empty else None
    return positions.assign(event_title=titles, event_date=dates)


def detail_positions(
    positions: pd.DataFrame,
    events: pd.DataFrame,
    issues: pd.DataFrame,
    issue: str | None = None,
    party: str | None = None,
) -> pd.DataFrame:
    """The positions for the selection, with their events, in matrix order.

    Ordered by issue (as in ``issues.csv``), then party (us, russia, ukraine, europe), then
    own before attributed and newest first. Empty when nothing is selected.
    """
    if issue is None and party is None:
        return positions.iloc[0:0]
    chosen = positions
    if issue is not None:
        chosen = chosen[chosen["issue_id"] == issue]
    if party is not None:
        chosen = chosen[chosen["party"] == party]
    issue_order = {issue_id: i for i, issue_id in enumerate(issues["issue_id"])}
    party_order = {name: i for i, name in enumerate(PARTIES)}
    chosen = order_positions(chosen)
    chosen = chosen.assign(
        _issue=chosen["issue_id"].map(issue_order), _party=chosen["party"].map(party_order)
    ).sort_values(["_issue", "_party"], kind="stable")
    return positions_with_events(chosen.drop(columns=["_issue", "_party"]), events)


@dataclass(frozen=True)
class MapLink:
    """A link to the map page for one region or place an issue is about."""

    label: str
    param: str
    value: str

    @property
    def query(self) -> dict[str, str]:
        """Query parameters of the map page."""
        return {self.param: self.value}


def map_links(
    issue: Mapping[str, Any], regions: pd.DataFrame, places: pd.DataFrame
) -> list[MapLink]:
    """Links to the map for the issue's regions and places (names from the tables)."""
    region_names = regions.set_index("region_id")["name_en"] if not regions.empty else {}
    place_names = places.set_index("place_id")["name_en"] if not places.empty else {}
    links = [
        MapLink(str(region_names.get(region_id, region_id)), "region", region_id)
        for region_id in issue.get("region_ids") or ()
    ]
    links += [
        MapLink(str(place_names.get(place_id, place_id)), "place", place_id)
        for place_id in issue.get("place_ids") or ()
    ]
    return links


def is_article(position: Mapping[str, Any]) -> bool:
    """True when the position's source is the article."""
    return position.get("source_id") == ARTICLE_SOURCE_ID


# --------------------------------------------------------------------------- wording


def format_date(day: pd.Timestamp | None, precision: str | None = "day") -> str:
    """A date only as precise as it is known (``15 Dec 2025``, ``week of 15 Dec 2025``)."""
    if day is None or pd.isna(day):
        return "undated"
    if precision == "week":
        return f"week of {day:%-d %b %Y}"
    if precision == "month":
        return f"{day:%B %Y}"
    if precision == "year":
        return f"{day:%Y}"
    return f"{day:%-d %b %Y}"


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
