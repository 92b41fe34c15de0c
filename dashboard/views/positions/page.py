"""The positions page's view model: issue blocks, position cards, details, the distance notes.

Pure (no streamlit, no plotly). Texts are plain; the page and the static site mark them up
and escape them for their own targets.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.datasets.catalog import Catalog
from dashboard.datasets.sources import article_published
from dashboard.state import Param
from dashboard.views import downloads
from dashboard.views.positions.grid import PositionGrid, position_grid
from dashboard.views.positions.matrix import build_matrix, detail_positions, map_links
from dashboard.views.positions.records import (
    PARTIES,
    Credit,
    format_date,
    is_attributed,
    later_note,
    on_record,
    present,
    source_credit,
    source_labels,
    speaker_line,
    url_params,
)
from dashboard.wording import party_label

TITLE = "Who wants what"
INTRO = (
    "Where the United States, Russia, Ukraine and Europe stand on the five questions a "
    "deal has to settle."
)
MATRIX_SOURCES = (
    "Sources: the article and the other sources named on each position; stances and scores "
    "are our reading (see the Sources page for the methodology)."
)
PICK_HINT = (
    "Pick an issue or a party above to see every position with its quote, the event it "
    "came from and, where the issue has one, its place on the map."
)
NOTHING_SELECTED = "No sourced position for this selection."
DISTANCE_INTRO = (
    "Each issue ranked by the distance between the sides: every position is scored from "
    "−2 to +2 on that issue’s own scale; the distance is the highest score minus the "
    "lowest. A party’s own statements count before what others claim for it."
)
DISTANCE_ALT = (
    "Dot chart: each party's score from −2 to +2 on every issue, issues ranked by "
    "the distance between the highest and lowest score."
)
DISTANCE_SOURCE = (
    "Source: our scores of the positions above (the article and the sources named on each "
    "position). Filled marker: the party’s own statement; open marker: another party’s "
    "claim about it. Each row runs from the outcome Kyiv asks for (left) to Moscow’s "
    "(right), except timing, which runs from no deadline to an offer that expires."
)
#: Columns of the "Download these positions" CSV, in order.
DOWNLOAD_COLUMNS = (
    "position_id",
    "party",
    "issue_id",
    "stance",
    "score",
    "summary",
    "speaker",
    "speaker_role",
    "date",
    "date_precision",
    "date_basis",
    "date_note",
    "claimed_by",
    "event_id",
)


# --------------------------------------------------------------------------- cards


@dataclass(frozen=True)
class EventLink:
    """The timeline event a position was stated at: ``Berlin talks (14 Dec 2025)``."""

    label: str
    event_id: str

    @property
    def query(self) -> dict[str, str]:
        """Query parameters of the timeline page."""
        return {"event": self.event_id}


@dataclass(frozen=True)
class PositionCard:
    """One position, in plain text: who, on what, the stance, our summary and its source.

    ``claimant`` names the party that attributes the position (empty for a party's own
    statement); ``later`` is the date of a statement made after the article (else empty);
    ``source_label`` names the quote-and-source popover, distinct on the page.
    """

    position_id: str
    party: str
    issue: str
    stance: str
    summary: str
    claimant: str
    later: str
    source_label: str
    quote: str
    speaker: str
    when: str
    date_note: str
    credit: Credit
    event: EventLink | None
    #: The territorial proposals this position makes or rejects: (proposal id, its title).
    proposals: tuple[tuple[str, str], ...] = ()


def event_titles(events: pd.DataFrame) -> dict[str, str]:
    """Each event's ``title (date)`` by event id, its date only as precise as it is known."""
    return {
        event_id: f"{row['title']} ({format_date(row['date'], row['date_precision'])})"
        for event_id, row in events.set_index("event_id").iterrows()
    }


def later_date(position: Mapping[str, Any], published: pd.Timestamp) -> str:
    """``23 Dec 2025`` for a statement made after the article, else empty."""
    return f"{position['date']:%-d %b %Y}" if position["date"] > published else ""


# --------------------------------------------------------------------------- the page


@dataclass(frozen=True)
class PositionsSetup:
    """What the page knows before the reader picks anything: the tables and their labels."""

    catalog: Catalog
    published: pd.Timestamp
    issue_labels: Mapping[str, str]
    source_labels: Mapping[str, str]
    event_titles: Mapping[str, str]
    params: tuple[Param, ...]

    @property
    def later_help(self) -> str:
        """What the switch for later statements does."""
        return (
            "By default the page shows only what was on record when the article was "
            f"published ({self.published:%-d %B %Y}). Later statements are marked with their "
            "dates."
        )

    def card(self, position: Mapping[str, Any]) -> PositionCard:
        """A position (a row of ``positions.csv``) as the page shows it."""
        event_id = position.get("event_id")
        title = self.event_titles.get(event_id) if present(event_id) else None
        note = position.get("date_note")
        return PositionCard(
            position_id=position["position_id"],
            party=party_label(position["party"]),
            issue=self.issue_labels.get(position["issue_id"], str(position["issue_id"])),
            stance=position["stance"],
            summary=str(position["summary"] or ""),
            claimant=party_label(position["claimed_by"]) if is_attributed(position) else "",
            later=later_date(position, self.published),
            source_label=self.source_labels.get(position["position_id"], ""),
            quote=str(position["quote"]) if present(position.get("quote")) else "",
            speaker=speaker_line(position),
            when=format_date(position["date"], position["date_precision"]),
            date_note=str(note) if present(note) else "",
            credit=source_credit(self.catalog.sources, position["source_id"]),
            event=EventLink(title, str(event_id)) if title else None,
            proposals=proposals_of(self.catalog.proposals, position["position_id"]),
        )


def proposals_of(proposals: pd.DataFrame, position_id: str) -> tuple[tuple[str, str], ...]:
    """The proposals a position makes or rejects, as (proposal id, title), in file order."""
    return tuple(
        (str(row["proposal_id"]), str(row["title"]))
        for row in proposals.to_dict("records")
        if position_id in (row["position_ids"] or ()) or position_id in (row["rejected_by"] or ())
    )


def positions_setup(catalog: Catalog) -> PositionsSetup:
    """The page's setup from the catalog."""
    issues = catalog.issues
    labels = dict(zip(issues["issue_id"], issues["label"], strict=True))
    return PositionsSetup(
        catalog=catalog,
        published=article_published(catalog.sources),
        issue_labels=labels,
        source_labels=source_labels(catalog.positions, labels),
        event_titles=event_titles(catalog.events),
        params=tuple(url_params(tuple(labels), tuple(catalog.positions["position_id"]))),
    )


@dataclass(frozen=True)
class PartyCell:
    """One party's positions on one issue (own first), or none on record."""

    party: str
    cards: tuple[PositionCard, ...]


@dataclass(frozen=True)
class IssueBlock:
    """One issue of the matrix: its label, whether the article calls it a sticking point."""

    issue_id: str
    label: str
    sticking: bool
    cells: tuple[PartyCell, ...]


@dataclass(frozen=True)
class MapPlace:
    """A region or place an issue is about, with the map page's query for it."""

    label: str
    query: Mapping[str, str]


@dataclass(frozen=True)
class PositionDetails:
    """Every position of the selection, with the issue's description, scale and places.

    ``issue`` is empty when only a party is selected; ``silent`` names the parties with no
    sourced position on the selected issue.
    """

    title: str
    issue: str
    description: str
    scale_low: str
    scale_high: str
    places: tuple[MapPlace, ...]
    cards: tuple[PositionCard, ...]
    nothing_found: bool
    silent: tuple[str, ...]


@dataclass(frozen=True)
class PositionsPage:
    """Everything the positions page shows above its distance chart, for one selection."""

    later_caption: str
    issues: tuple[IssueBlock, ...]
    csv: str
    details: PositionDetails | None
    url: Mapping[str, Any]
    grid: PositionGrid | None = None
    opened: PositionCard | None = None


def later_caption(setup: PositionsSetup, include_later: bool) -> str:
    """Which statements the page leaves out (empty when it shows them all)."""
    hidden = later_note(setup.catalog.positions, setup.catalog.sources)
    if not hidden or include_later:
        return ""
    return (
        f"Showing what was on record by {setup.published:%-d %B %Y}, the article's date. "
        f"{hidden[0].upper()}{hidden[1:]} are left out; switch them on above."
    )


def position_details(
    setup: PositionsSetup, positions: pd.DataFrame, issue: str | None, party: str | None
) -> PositionDetails:
    """The details of a selection (an issue, a party or both)."""
    catalog = setup.catalog
    title = " on ".join(
        part
        for part in (party_label(party) if party else "", setup.issue_labels.get(issue, ""))
        if part
    )
    described: dict[str, Any] = {}
    places: tuple[MapPlace, ...] = ()
    if issue:
        described = catalog.issues.set_index("issue_id").loc[issue].to_dict()
        links = map_links(described, catalog.regions, catalog.places)
        places = tuple(MapPlace(link.label, link.query) for link in links)
    detail = detail_positions(positions, catalog.events, catalog.issues, issue=issue, party=party)
    named = set(detail["party"])
    silent = tuple(
        party_label(name)
        for name in ((party,) if party else PARTIES)
        if issue and name not in named
    )
    return PositionDetails(
        title=title,
        issue=setup.issue_labels.get(issue, "") if issue else "",
        description=str(described.get("description") or ""),
        scale_low=str(described.get("scale_low") or ""),
        scale_high=str(described.get("scale_high") or ""),
        places=places,
        cards=tuple(setup.card(record) for record in detail.to_dict("records")),
        nothing_found=detail.empty and not issue,
        silent=silent,
    )


def opened_card(
    setup: PositionsSetup, positions: pd.DataFrame, position: str | None
) -> PositionCard | None:
    """The card of the position opened from the grid (None when it is not shown)."""
    if not position:
        return None
    chosen = positions[positions["position_id"] == position]
    return setup.card(chosen.iloc[0].to_dict()) if not chosen.empty else None


def positions_page(
    setup: PositionsSetup,
    issue: str | None,
    party: str | None,
    include_later: bool,
    position: str | None = None,
) -> PositionsPage:
    """The page for a selection: the grid (a position opened), the matrix, the details."""
    catalog = setup.catalog
    positions = on_record(catalog.positions, catalog.sources, include_later)
    opened = opened_card(setup, positions, position)
    sticking = set(catalog.issues.loc[catalog.issues["sticking_point"], "issue_id"])
    blocks = tuple(
        IssueBlock(
            issue_id=row.issue["issue_id"],
            label=str(row.issue["label"]),
            sticking=row.issue["issue_id"] in sticking,
            cells=tuple(
                PartyCell(party_label(cell.party), tuple(setup.card(p) for p in cell.positions))
                for cell in row.cells
            ),
        )
        for row in build_matrix(catalog.issues, positions, issue=issue, party=party)
    )
    shown = positions
    if issue:
        shown = shown[shown["issue_id"] == issue]
    if party:
        shown = shown[shown["party"] == party]
    csv = downloads.to_csv(downloads.with_sources(shown, catalog.sources), list(DOWNLOAD_COLUMNS))
    return PositionsPage(
        later_caption=later_caption(setup, include_later),
        issues=blocks,
        csv=csv,
        details=position_details(setup, positions, issue, party) if issue or party else None,
        url={
            "issue": issue,
            "party": party,
            "later": "1" if include_later else None,
            "position": opened.position_id if opened else None,
        },
        grid=position_grid(catalog.issues, positions, setup.published, issue, party),
        opened=opened,
    )
