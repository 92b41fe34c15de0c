"""The issues × parties grid: one line per position (stance and gist), claims apart. Pure.

The grid is the page's first picture: who wants what, at a glance. Each entry names one
position (a row of ``positions.csv``) by its stance and its ``gist`` (our own words, at most
eight); a click on an entry opens that position's card.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.views.positions.records import PARTIES, is_attributed, order_positions
from dashboard.wording import party_label, present

#: What an empty cell says: nothing is invented where no source reports a position.
NO_POSITION = "no position on record"
#: The grid's one-line key.
GRID_KEY = (
    "Each cell: the stance and its gist in our words; click it for the quote and source. "
    "A dashed box is one party’s claim about another, not that party’s own statement."
)
GRID_SOURCE = (
    "Sources: the article and the sources named on each position (click a cell); the gists "
    "and stances are our reading."
)
#: Most words a gist may have.
GIST_WORDS = 8


@dataclass(frozen=True)
class GridEntry:
    """One position in a cell: its stance and gist, and who claims it (empty: its own).

    ``label`` is the entry's full name in plain text (party, issue, stance, gist, claimant),
    for the button or link that opens its card.
    """

    position_id: str
    stance: str
    gist: str
    claimant: str
    later: str
    label: str

    @property
    def claim(self) -> bool:
        """True when another party attributes this position (shown apart)."""
        return bool(self.claimant)


@dataclass(frozen=True)
class GridCell:
    """One party on one issue: its own positions first, then the claims about it."""

    party_key: str
    party: str
    entries: tuple[GridEntry, ...]

    @property
    def empty(self) -> bool:
        """No position on record (the cell says so)."""
        return not self.entries


@dataclass(frozen=True)
class GridRow:
    """One issue: its label, whether the article calls it a sticking point, one cell a party."""

    issue_id: str
    label: str
    sticking: bool
    cells: tuple[GridCell, ...]


@dataclass(frozen=True)
class PositionGrid:
    """Issues (rows) × parties (columns); ``parties`` holds each column's key and name."""

    parties: tuple[tuple[str, str], ...]
    rows: tuple[GridRow, ...]
    empty_note: str = NO_POSITION
    key: str = GRID_KEY
    source: str = GRID_SOURCE

    def entry(self, position_id: str) -> GridEntry | None:
        """The entry of ``position_id`` (None when the grid does not show it)."""
        for row in self.rows:
            for cell in row.cells:
                for entry in cell.entries:
                    if entry.position_id == position_id:
                        return entry
        return None


def gist_of(position: Mapping[str, Any]) -> str:
    """The position's gist (our words); the summary's first words stand in when it has none."""
    gist = position.get("gist")
    if present(gist):
        return " ".join(str(gist).split())
    words = str(position.get("summary") or "").split()
    cut = " ".join(words[:GIST_WORDS]).rstrip(".,;:")
    return cut + ("…" if len(words) > GIST_WORDS else "")


def entry_label(position: Mapping[str, Any], issue_label: str, gist: str) -> str:
    """``Russia on NATO membership: demands, Ukraine kept out of NATO`` (plus the claimant)."""
    label = f"{party_label(position['party'])} on {issue_label}: {position['stance']}, {gist}"
    if is_attributed(position):
        label += f" (claimed by {party_label(position['claimed_by'])})"
    return label


def grid_entry(
    position: Mapping[str, Any], issue_label: str, published: pd.Timestamp | None = None
) -> GridEntry:
    """One position as the grid shows it."""
    gist = gist_of(position)
    later = ""
    if published is not None and present(position.get("date")) and position["date"] > published:
        later = f"{position['date']:%-d %b}"
    return GridEntry(
        position_id=str(position["position_id"]),
        stance=str(position["stance"]),
        gist=gist,
        claimant=party_label(position["claimed_by"]) if is_attributed(position) else "",
        later=later,
        label=entry_label(position, issue_label, gist),
    )


def position_grid(
    issues: pd.DataFrame,
    positions: pd.DataFrame,
    published: pd.Timestamp | None = None,
    issue: str | None = None,
    party: str | None = None,
) -> PositionGrid:
    """Issues × parties, each cell its positions (own first), empty cells kept.

    Every issue and party, or only ``issue`` and/or ``party`` when the reader chose one.
    """
    if issue is not None:
        issues = issues[issues["issue_id"] == issue]
    parties = PARTIES if party is None else tuple(p for p in PARTIES if p == party)
    by_cell: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for position in order_positions(positions).to_dict("records"):
        by_cell.setdefault((position["issue_id"], position["party"]), []).append(position)
    rows = []
    for row in issues.to_dict("records"):
        label = str(row["label"])
        cells = tuple(
            GridCell(
                party_key=name,
                party=party_label(name),
                entries=tuple(
                    grid_entry(position, label, published)
                    for position in by_cell.get((row["issue_id"], name), [])
                ),
            )
            for name in parties
        )
        rows.append(
            GridRow(
                issue_id=str(row["issue_id"]),
                label=label,
                sticking=bool(row["sticking_point"]),
                cells=cells,
            )
        )
    return PositionGrid(
        parties=tuple((name, party_label(name)) for name in parties), rows=tuple(rows)
    )
