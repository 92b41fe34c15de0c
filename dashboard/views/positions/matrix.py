"""Positions matrix (issues × parties) and the details of a selection. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard.views.positions.records import PARTIES, is_attributed, order_positions

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
