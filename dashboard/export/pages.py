"""HTML of the exported pages: plain data for the Jinja2 templates in ``templates/``. Pure.

Each ``*_page`` function gathers what its page shows as plain text, numbers and lists, and
renders the page's template (:func:`render_page`). The environment autoescapes every value;
only embedded JSON, built by :mod:`dashboard.export.embed`, is marked safe. Links to sources
are written only for plain ``https://`` addresses (the ``https_url`` filter of the
templates). Scripts and styles are local files next to the pages; nothing is loaded from
another host.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd

from dashboard.datasets.schema import ARTICLE_SOURCE_ID
from dashboard.export import map_content
from dashboard.export.content import (
    Inputs,
    PositionsContent,
    TimelineContent,
    https_url,
    score_cell,
    site_credits,
)
from dashboard.export.embed import figure_json, json_script, to_json
from dashboard.export.map_content import MapContent
from dashboard.figures.style import STANCES_ORDER, kind_label, party_label
from dashboard.summary import article_figures, control_figures
from dashboard.views import deal as deal_view
from dashboard.views import positions as positions_view
from dashboard.views import timeline as timeline_view
from dashboard.views.deal import DealPage
from dashboard.wording import LONG_DATE, SHORT_DATE, STATUS_SENTENCES, quoted

TEMPLATES = Path(__file__).resolve().parent / "templates"
SITE_TITLE = "Russia, Ukraine and the US peace talks, December 2025"
PLOTLY_FILE = "plotly.min.js"
CSS_FILE = "site.css"
JS_FILE = "site.js"
#: The pages: key (its template is ``<key>.html.j2``), file name, label in the navigation.
PAGES: tuple[tuple[str, str, str], ...] = (
    ("index", "index.html", "Overview"),
    ("map", "map.html", "Map"),
    ("deal", "deal.html", "What a deal would cost"),
    ("timeline", "timeline.html", "Timeline"),
    ("positions", "positions.html", "Positions"),
)
#: Only local scripts, no connections at all; plotly needs inline styles, the map library
#: a worker from a blob and images from data: URLs.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; worker-src blob:; child-src blob:; connect-src 'self'; "
    "font-src 'none'; base-uri 'none'; form-action 'none'"
)
STANCE_MEANINGS = positions_view.STANCE_MEANINGS
OUTLINE_WORDS = {"annexed_2022": "Black", "annexed_2014": "Purple"}


# --------------------------------------------------------------------------- rendering


def empty_for_none(value: Any) -> Any:
    """What a template prints for ``value``: nothing for None, the value otherwise."""
    return "" if value is None else value


@cache
def environment() -> jinja2.Environment:
    """The templates' environment: autoescaped, strict about undefined names.

    Every printed value is HTML-escaped by Jinja2 (``'`` as ``&#39;``); None prints as
    nothing, as it did before the templates.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=empty_for_none,
    )
    env.filters["https_url"] = https_url
    env.filters["quoted"] = quoted
    return env


def render_page(
    inputs: Inputs,
    slug: str,
    title: str,
    *,
    figures: bool,
    data: Mapping[str, str] | None = None,
    **context: Any,
) -> str:
    """A whole page: its template inside the shell (head, navigation, credits, data).

    Parameters
    ----------
    inputs
        The export's inputs (for the credits).
    slug
        The page's key in :data:`PAGES`, also its template's name.
    title
        The page's heading (plain text).
    figures
        Load plotly.js (pages with charts).
    data
        Embedded JSON elements: element id → JSON text from :mod:`~dashboard.export.embed`.
    **context
        The page template's own values.
    """
    template = environment().get_template(f"{slug}.html.j2")
    return template.render(
        slug=slug,
        title=title,
        page_title=f"{title} · {SITE_TITLE}" if slug != "index" else SITE_TITLE,
        site_title=SITE_TITLE,
        content_security_policy=CONTENT_SECURITY_POLICY,
        css_file=CSS_FILE,
        js_file=JS_FILE,
        plotly_file=PLOTLY_FILE,
        figures=figures,
        nav=[{"file": file, "label": label, "current": key == slug} for key, file, label in PAGES],
        credits=[
            {**credit, "published": credit.get("published", "")}
            for credit in site_credits(inputs.catalog)
        ],
        embedded=[json_script(key, value) for key, value in (data or {}).items()],
        **context,
    )


def article_credit(inputs: Inputs) -> str:
    """``NZ Herald, “Title”`` for source lines."""
    for credit in site_credits(inputs.catalog):
        if credit["id"] == ARTICLE_SOURCE_ID:
            return f"{credit['name']}, “{credit['title']}”"
    return "the article"


def km2_text(value: float | None) -> str:
    """``12,345`` km² (a dash when unknown)."""
    return f"{value:,.0f}" if value is not None else "—"


# --------------------------------------------------------------------------- index


def index_page(inputs: Inputs) -> str:
    """The landing page: what this is, key figures, links to the three views."""
    day = inputs.snapshot_day
    key_figures = control_figures(inputs.catalog, inputs.control, pd.Timestamp(day)) if day else []
    key_figures += article_figures(inputs.catalog)
    return render_page(
        inputs,
        "index",
        SITE_TITLE,
        figures=False,
        article_credit=article_credit(inputs),
        key_figures=key_figures,
    )


# --------------------------------------------------------------------------- map


def map_page(inputs: Inputs, content: MapContent) -> str:
    """The map view: share choropleth, details on click, tables as the text equivalent."""
    day = content.snapshot_day
    unit_rows = [
        (
            row["name"],
            row["name_uk"],
            row["share_text"],
            km2_text(row["russian_km2"]),
            km2_text(row["region_km2"]),
            row["status"] + (" · in the article" if row["in_article"] else ""),
        )
        for row in content.unit_rows
    ]
    outlines = [
        {
            "status": status,
            "colour": OUTLINE_WORDS[status],
            "meaning": STATUS_SENTENCES[status].rstrip("."),
        }
        for status in ("annexed_2022", "annexed_2014")
    ]
    data = {
        "fig-map": figure_json(content.figure),
        "fig-history": figure_json(content.history_figure),
        "map-details": to_json(content.details),
        "map-narrow": to_json(content.narrow),
    }
    return render_page(
        inputs,
        "map",
        "Who holds what",
        figures=True,
        data=data,
        when=f"{day:{LONG_DATE}}" if day else "the article's date",
        options=list(content.options.items()),
        unit_rows=unit_rows,
        places=content.place_rows,
        history_rows=[(row["date"], row["km2"]) for row in content.history_rows],
        outlines=outlines,
        preview=content.preview,
        history_preview=content.history_preview,
        map_credit=map_content.MAP_CREDIT,
    )


# --------------------------------------------------------------------------- timeline


def event_entry(row: Mapping[str, Any]) -> dict[str, Any]:
    """One event of the list as the template shows it."""
    meta = [kind_label(row["kind"])]
    who = timeline_view.parties_label(row["parties"])
    if who:
        meta.append(f"Who: {who}")
    where = ", ".join(part for part in (row["place_name"], row["region_name"]) if part)
    if where:
        meta.append(f"Where: {where}")
    return {
        "id": row["event_id"],
        "kind": row["kind"],
        "date_label": row["date_label"],
        "title": row["title"],
        "meta": " · ".join(meta),
        "claim": timeline_view.claim_label(row["claimed_by"]),
        "description": row["description"],
        "quote": row["quote"],
        "source_url": row["source_url"],
        "source_credit": row["source_credit"],
        "date_note": row["date_note"],
    }


def timeline_page(inputs: Inputs, content: TimelineContent) -> str:
    """The timeline view: filters, one chart per period, the filtered list of events."""
    periods = [
        {
            "key": period.key,
            "label": period.label,
            "start": f"{period.start:{SHORT_DATE}}",
            "end": f"{period.end:{SHORT_DATE}}",
        }
        for period in content.periods
    ]
    data = {f"fig-timeline-{period.key}": figure_json(period.figure) for period in content.periods}
    data["timeline-data"] = to_json(
        {
            "events": content.records,
            "periods": {p.key: {"start": p.start, "end": p.end} for p in content.periods},
        }
    )
    return render_page(
        inputs,
        "timeline",
        "What happened when",
        figures=True,
        data=data,
        periods=periods,
        kinds=[(kind, kind_label(kind)) for kind in content.kinds],
        parties=[(party, party_label(party)) for party in content.parties],
        events=[event_entry(row) for row in content.events.to_dict("records")],
        sources=timeline_view.sources_line(content.events),
    )


# --------------------------------------------------------------------------- positions


def position_entry(
    position: Mapping[str, Any], inputs: Inputs, event_titles: Mapping[str, str]
) -> dict[str, str]:
    """One position as the template shows it: stance, claim, words, speaker, source, event."""
    claimed = positions_view.is_attributed(position)
    speaker = positions_view.speaker_line(position)
    when = positions_view.format_date(position.get("date"), position.get("date_precision"))
    credit = positions_view.source_credit(inputs.catalog.sources, position["source_id"])
    event_id = position.get("event_id")
    return {
        "id": position["position_id"],
        "stance": position["stance"],
        "party": party_label(position["party"]),
        "claimed_by": party_label(position["claimed_by"]) if claimed else "",
        "summary": position["summary"],
        "quote": position["quote"] if positions_view.present(position.get("quote")) else "",
        "said": " · ".join(part for part in (speaker, when) if part),
        "source_url": credit.url,
        "source_name": credit.producer,
        "source_title": credit.title,
        "event": event_titles[event_id]
        if positions_view.present(event_id) and event_id in event_titles
        else "",
    }


def matrix_entries(inputs: Inputs, content: PositionsContent) -> list[dict[str, Any]]:
    """The matrix: one entry per issue, one cell per party, the positions in each cell."""
    issues = inputs.catalog.issues
    sticking = set(issues.loc[issues["sticking_point"], "issue_id"])
    return [
        {
            "id": row.issue["issue_id"],
            "label": row.issue["label"],
            "sticking": row.issue["issue_id"] in sticking,
            "description": row.issue["description"],
            "scale_low": row.issue["scale_low"],
            "scale_high": row.issue["scale_high"],
            "cells": [
                {
                    "party": cell.party,
                    "party_label": party_label(cell.party),
                    "positions": []
                    if cell.empty
                    else [position_entry(p, inputs, content.event_titles) for p in cell.positions],
                }
                for cell in row.cells
            ],
        }
        for row in content.matrix
    ]


def positions_page(inputs: Inputs, content: PositionsContent) -> str:
    """The positions view: issue and party filters, the matrix, the distance chart."""
    issues = inputs.catalog.issues
    issue_labels = dict(zip(issues["issue_id"], issues["label"], strict=True))
    parties = positions_view.PARTIES
    score_rows = [
        (
            row["label"],
            f"{row['distance']:g}" if pd.notna(row["distance"]) else "—",
            *[score_cell(content.scores, row["issue_id"], party) for party in parties],
        )
        for _, row in content.ranking.iterrows()
    ]
    later = [
        {
            "party": party_label(p["party"]),
            "issue": issue_labels.get(p["issue_id"], p["issue_id"]),
            "date": f"{p['date']:{SHORT_DATE}}",
            "position": position_entry(p, inputs, content.event_titles),
        }
        for p in content.later.to_dict("records")
    ]
    return render_page(
        inputs,
        "positions",
        "Who wants what",
        figures=True,
        data={"fig-distance": figure_json(content.figure)},
        issue_options=list(issue_labels.items()),
        party_options=[(party, party_label(party)) for party in parties],
        stance_key=[(stance, STANCE_MEANINGS.get(stance, "")) for stance in STANCES_ORDER],
        matrix=matrix_entries(inputs, content),
        grid=content.grid,
        published=f"{content.published:{LONG_DATE}}",
        score_headers=("Issue", "Distance", *[party_label(party) for party in parties]),
        score_rows=score_rows,
        sticking_quotes=[
            (quote, ", ".join(group["label"]))
            for quote, group in content.sticking.groupby("quote", sort=False)
        ],
        article_credit=article_credit(inputs),
        later=later,
    )


# --------------------------------------------------------------------------- what a deal costs

#: Why the export shows no area: the land is cut from DeepStateMap's polygons.
NO_DEAL_MAP = (
    "The land itself is not drawn here: it is cut from DeepStateMap.Live's map, which is not "
    "openly licensed, so only figures computed from it are published. The dashboard draws it."
)


def deal_entry(page: DealPage) -> dict[str, Any]:
    """One proposal's section of the static page."""
    voices = [
        {**vars(page.proposer), "heading": "Proposed by"},
        *({**vars(voice), "heading": "Rejected by"} for voice in page.rejecters),
    ]
    return {
        "anchor": page.proposal_id.replace("_", "-"),
        "title": page.title,
        "headline": page.headline,
        "figures": page.figures,
        "regions": [
            {"name": region.name, "km2": f"{region.km2:,.0f} km²", "share": region.share_text}
            for region in page.regions
        ],
        "voices": [{**voice, "quote": quoted(voice["quote"])} for voice in voices],
        "towns": [
            (
                town.name,
                town.oblast,
                f"{town.population:,}",
                f"{town.km_to_front:.0f} km",
                "yes" if town.near_front else "",
            )
            for town in page.towns
        ],
        "note": page.note,
        "source_line": page.source_line,
    }


def deal_page(inputs: Inputs, pages: list[DealPage]) -> str:
    """What a deal would cost, for every proposal, with the committed figures."""
    return render_page(
        inputs,
        "deal",
        deal_view.TITLE,
        figures=False,
        intro=deal_view.INTRO,
        no_map_note=NO_DEAL_MAP,
        proposals=[deal_entry(page) for page in pages],
        method=pages[0].method if pages else "",
    )
