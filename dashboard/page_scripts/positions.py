"""Positions: what each side wants on each issue, who says so, and how far apart they are."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from dashboard import cached, ui
from dashboard.datasets.sources import article_published
from dashboard.figures.positions import distance_figure
from dashboard.figures.style import CLAIMED_ICON, STANCES_ORDER, party_label, stance_badge
from dashboard.page_scripts import PAGES
from dashboard.views import downloads
from dashboard.views.positions import (
    PARTIES,
    STANCE_MEANINGS,
    Cell,
    article_sticking_points,
    build_matrix,
    detail_positions,
    format_date,
    is_attributed,
    later_note,
    map_links,
    on_record,
    present,
    source_credit,
    source_labels,
    speaker_line,
    url_params,
)
from dashboard.wording import markdown_text

ISSUE_KEY = "positions_issue"
PARTY_KEY = "positions_party"
LATER_KEY = "positions_later"
ALL = ""
LINKED_PAGES = {spec.url_path: spec.path for spec in PAGES}

catalog = cached.catalog()
issues, all_positions = catalog.issues, catalog.positions
published = article_published(catalog.sources)
issue_labels = dict(zip(issues["issue_id"], issues["label"], strict=True))
popover_labels = source_labels(all_positions, issue_labels)
url = ui.UrlSync("positions", url_params(tuple(issue_labels)))


def text(value: Any) -> str:
    """Data text escaped for markdown (so ``$`` or ``*`` in a quote stay literal)."""
    return markdown_text(str(value or ""))


def link_to(page: str, label: str, query: Mapping[str, str], icon: str) -> None:
    """A link to another page with its query, or plain text when that page is not built."""
    path = LINKED_PAGES.get(page)
    if path is None:
        st.caption(f"{text(label)} (the {page} page is not available)")
        return
    st.page_link(path, label=text(label), icon=icon, query_params=dict(query))


def sync_from_url() -> None:
    """Seed the selection from the URL on arrival (first visit, a link, a changed URL)."""
    seeded = all(key in st.session_state for key in (ISSUE_KEY, PARTY_KEY, LATER_KEY))
    link = url.arrived(seeded=seeded)
    if link is not None:
        values, _ = link
        st.session_state[ISSUE_KEY] = values.get("issue", ALL)
        st.session_state[PARTY_KEY] = values.get("party", ALL)
        st.session_state[LATER_KEY] = values.get("later") == "1"


def show_source(position: Mapping[str, Any]) -> None:
    """Quote, speaker, date, source and event of one position."""
    if present(position.get("quote")):
        st.markdown(f"> “{text(position['quote'])}”")
    else:
        st.caption("No verbatim quote stored; the summary paraphrases the source.")
    speaker = speaker_line(position)
    when = format_date(position["date"], position["date_precision"])
    note = position.get("date_note")
    st.markdown(
        f"**{text(speaker)}** · {text(when)}" if speaker else text(when),
        help=f"Date: {text(note)}" if present(note) else None,
    )
    if is_attributed(position):
        claimant = party_label(position["claimed_by"])
        st.markdown(
            f":gray-badge[{CLAIMED_ICON} claimed by {text(claimant)}] "
            f"This is {text(claimant)}’s account of the "
            f"{text(party_label(position['party']))} position, not its own statement."
        )
    credit = source_credit(catalog.sources, position["source_id"])
    title = f", “{text(credit.title)}”" if credit.title else ""
    link = f" ([link]({credit.url}))" if credit.url else ""
    st.caption(f"Source: {text(credit.producer)}{title}{link}")
    event_id = position.get("event_id")
    if present(event_id):
        event = catalog.events.set_index("event_id").loc[event_id]
        link_to(
            "timeline",
            f"{event['title']} ({format_date(event['date'], event['date_precision'])})",
            {"event": event_id},
            ":material/event:",
        )


def later_badge(position: Mapping[str, Any]) -> str:
    """A badge with the date for a statement made after the article (else empty)."""
    if position["date"] <= published:
        return ""
    return f" :violet-badge[:material/update: after the article: {position['date']:%-d %b %Y}]"


def position_badges(position: Mapping[str, Any]) -> str:
    """Stance badge, plus the claim label when another party attributes the position."""
    line = stance_badge(position["stance"]) + later_badge(position)
    if is_attributed(position):
        claimant = text(party_label(position["claimed_by"]))
        line += f" :gray-badge[{CLAIMED_ICON} claimed by {claimant}]"
    return line


def show_position(position: Mapping[str, Any], heading: str = "") -> None:
    """Stance (after ``heading``), the summary in our words and a quote-and-source popover.

    A claim opens with who makes it, in plain text that wraps in a narrow column.
    """
    if is_attributed(position):
        claimant = text(party_label(position["claimed_by"]))
        st.markdown(f"{CLAIMED_ICON} **Claimed by {claimant}**")
    st.markdown(f"{heading} {stance_badge(position['stance'])}{later_badge(position)}".strip())
    st.markdown(text(position["summary"]))
    with st.popover(
        text(popover_labels[position["position_id"]]),
        icon=":material/format_quote:",
        type="tertiary",
        wrap=True,
    ):
        show_source(position)


def show_cell(cell: Cell) -> None:
    """One matrix cell: the party, then every position (claims outlined), or an empty note."""
    name = f"**{text(party_label(cell.party))}**"
    if cell.empty:
        st.markdown(f"{name} :gray[— no sourced position]")
        return
    for index, position in enumerate(cell.positions):
        if is_attributed(position):
            if index == 0:
                st.markdown(name)
            with st.container(border=True):
                show_position(position)
        else:
            show_position(position, heading=name if index == 0 else "")


def show_legend() -> None:
    """Every stance colour and the claim mark, explained."""
    with st.container(border=True):
        st.markdown(
            "**Key** "
            + " ".join(stance_badge(stance) for stance in STANCES_ORDER)
            + f" · {CLAIMED_ICON} **Claimed by …** (outlined) · :gray[— no sourced position]"
        )
        with st.expander("What the stances mean"):
            for stance in STANCES_ORDER:
                st.markdown(f"{stance_badge(stance)} the party {STANCE_MEANINGS[stance]}.")
            st.markdown(
                f"{CLAIMED_ICON} **Claimed by …** in an outlined box: another "
                "party’s account of this party’s position, not its own words. It is shown "
                "beside, never instead of, what the party said itself."
            )
            st.markdown(
                ":gray[— no sourced position]: no source reports one; nothing is filled in."
            )


# --------------------------------------------------------------------------- page

sync_from_url()

st.title("Who wants what")
st.markdown(
    "Where the United States, Russia, Ukraine and Europe stand on the five questions a "
    "deal has to settle, each stance with the words it rests on. What one side says about "
    "another is marked as a claim, not as that side’s own position."
)
url.show_notices()

left, right = st.columns(2)
with left:
    issue = st.selectbox(
        "Issue",
        [ALL, *issue_labels],
        format_func=lambda value: issue_labels.get(value, "All issues"),
        key=ISSUE_KEY,
        on_change=url.forget_notices,
    )
with right:
    party = st.selectbox(
        "Party",
        [ALL, *PARTIES],
        format_func=lambda value: party_label(value) or "All parties",
        key=PARTY_KEY,
        on_change=url.forget_notices,
    )
include_later = st.toggle(
    "Include statements made after the article",
    key=LATER_KEY,
    on_change=url.forget_notices,
    help="By default the page shows only what was on record when the article was published "
    f"({published:%-d %B %Y}). Later statements are marked with their dates.",
)
issue, party = issue or None, party or None
url.write({"issue": issue, "party": party, "later": "1" if include_later else None})
positions = on_record(all_positions, catalog.sources, include_later)
hidden = later_note(all_positions, catalog.sources)
if hidden and not include_later:
    st.caption(
        f"Showing what was on record by {published:%-d %B %Y}, the article's date. "
        f"{hidden[0].upper()}{hidden[1:]} are left out; switch them on above."
    )

show_legend()

sticking = set(issues.loc[issues["sticking_point"], "issue_id"])
for row in build_matrix(issues, positions, issue=issue, party=party):
    with st.container(border=True):
        heading = f"#### {text(row.issue['label'])}"
        if row.issue["issue_id"] in sticking:
            heading += " :orange-badge[:material/warning: sticking point, says the article]"
        st.markdown(heading)
        for column, cell in zip(st.columns(len(row.cells)), row.cells, strict=True):
            with column:
                show_cell(cell)
st.caption(
    "Sources: the article and the other sources named on each position; stances and scores "
    "are our reading (see the Sources page for the methodology)."
)
shown_positions = positions
if issue:
    shown_positions = shown_positions[shown_positions["issue_id"] == issue]
if party:
    shown_positions = shown_positions[shown_positions["party"] == party]
st.download_button(
    "Download these positions (CSV)",
    downloads.to_csv(
        downloads.with_sources(shown_positions, catalog.sources),
        [
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
        ],
    ),
    file_name="positions.csv",
    mime="text/csv",
    icon=":material/download:",
)
st.caption(downloads.ATTRIBUTION)

# --- details of the selection -------------------------------------------------------------
if issue or party:
    title = " on ".join(
        part for part in (party_label(party) if party else "", issue_labels.get(issue, "")) if part
    )
    st.header(f"Every position: {text(title)}", divider="gray")
    if issue:
        issue_row = issues.set_index("issue_id").loc[issue]
        st.markdown(text(issue_row["description"]))
        st.markdown(
            f"**Scale:** −2 = {text(issue_row['scale_low'])}; +2 = {text(issue_row['scale_high'])}"
        )
        links = map_links(issue_row.to_dict(), catalog.regions, catalog.places)
        if links:
            st.markdown("**On the map**")
            with st.container(horizontal=True):
                for link in links:
                    link_to("map", link.label, link.query, ":material/map:")
    detail = detail_positions(positions, catalog.events, issues, issue=issue, party=party)
    if detail.empty and not issue:
        st.info("No sourced position for this selection.", icon=":material/info:")
    for _, position in detail.iterrows():
        record = position.to_dict()
        with st.container(border=True):
            who = party_label(record["party"])
            where = issue_labels[record["issue_id"]]
            st.markdown(f"**{text(who)}** on {text(where)} {position_badges(record)}")
            st.markdown(text(record["summary"]))
            show_source(record)
    silent = [
        party_label(name)
        for name in ((party,) if party else PARTIES)
        if issue and name not in set(detail["party"])
    ]
    if silent:
        st.markdown(
            f":gray[— No sourced position on {text(issue_labels[issue])}: "
            f"{text(', '.join(silent))}.]"
        )
else:
    st.info(
        "Pick an issue or a party above to see every position with its quote, the event it "
        "came from and, where the issue has one, its place on the map.",
        icon=":material/touch_app:",
    )

# --- sticking points ----------------------------------------------------------------------
st.header("How far apart are they?", divider="gray")
ranking = cached.positions_ranking(include_later)
chart_column, article_column = st.columns([3, 2])
with chart_column:
    st.markdown(
        "Each issue ranked by the distance between the sides: every position is scored from "
        "−2 to +2 on that issue’s own scale; the distance is the highest score minus the "
        "lowest. A party’s own statements count before what others claim for it."
    )
    st.plotly_chart(
        distance_figure(ranking, cached.positions_scores(include_later)),
        config={"displayModeBar": False, "scrollZoom": False},
        theme=None,
        key="positions_distance",
        alt="Dot chart: each party's score from −2 to +2 on every issue, issues ranked by "
        "the distance between the highest and lowest score.",
    )
    st.caption(
        "Source: our scores of the positions above (the article and the sources named on each "
        "position). Filled marker: the party’s own statement; open marker: another party’s "
        "claim about it. Each row runs from the outcome Kyiv asks for (left) to Moscow’s "
        "(right), except timing, which runs from no deadline to an offer that expires."
    )
    with st.expander("What −2 and +2 mean on each issue"):
        for _, row in ranking.iterrows():
            st.markdown(
                f"**{text(row['label'])}** — −2: {text(row['scale_low'])}; "
                f"+2: {text(row['scale_high'])}"
            )
with article_column, st.container(border=True):
    st.markdown("**What the article calls the remaining sticking points**")
    named = article_sticking_points(issues)
    if named.empty:
        st.caption("The article names no sticking points.")
    for quote, group in named.groupby("quote", sort=False):
        st.markdown(f"> “{text(quote)}”")
        st.markdown("Issues: " + ", ".join(text(label) for label in group["label"]))
    credit = source_credit(catalog.sources, "article")
    st.caption(f"Source: {text(credit.producer)}, “{text(credit.title)}”")
    measured = ranking[ranking["rank"] > 0]
    if not measured.empty:
        top = measured.iloc[0]
        lowest = ", ".join(party_label(p) for p in top["lowest"].split(";"))
        highest = ", ".join(party_label(p) for p in top["highest"].split(";"))
        named_too = (
            ", one the article names too"
            if top["sticking_point"]
            else ", which the article does not count among the remaining sticking points"
        )
        st.markdown(
            f"By our scores the widest gap is on **{text(top['label'])}**: "
            f"{top['distance']:g} points between {text(lowest)} and {text(highest)}"
            f"{text(named_too)}."
        )
