"""HTML of the exported pages. Pure: content in, strings out.

Every piece of data goes through :func:`~dashboard.wording.html_text` (element text and
attributes) or :func:`~dashboard.export.embed.to_json` (embedded JSON). Links to sources
are written only for plain ``https://`` addresses. Scripts and styles are local files next
to the pages; nothing is loaded from another host.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from dashboard.datasets.schema import ARTICLE_SOURCE_ID
from dashboard.export.content import (
    Inputs,
    MapContent,
    PositionsContent,
    TimelineContent,
    https_url,
    score_cell,
    site_credits,
)
from dashboard.export.embed import figure_json, json_script, to_json
from dashboard.figures.style import (
    STANCES_ORDER,
    kind_label,
    party_label,
)
from dashboard.summary import article_figures, control_figures
from dashboard.views import map as map_view
from dashboard.views import positions as positions_view
from dashboard.views import timeline as timeline_view
from dashboard.wording import html_text

SITE_TITLE = "Russia, Ukraine and the US peace talks, December 2025"
PLOTLY_FILE = "plotly.min.js"
CSS_FILE = "site.css"
JS_FILE = "site.js"
PAGES: tuple[tuple[str, str, str], ...] = (
    ("index", "index.html", "Overview"),
    ("map", "map.html", "Map"),
    ("timeline", "timeline.html", "Timeline"),
    ("positions", "positions.html", "Positions"),
)
#: Only local scripts, no connections at all; plotly needs inline styles, the map library
#: a worker from a blob and images from data: URLs.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; worker-src blob:; child-src blob:; connect-src 'none'; "
    "font-src 'none'; base-uri 'none'; form-action 'none'"
)
STANCE_MEANINGS = positions_view.STANCE_MEANINGS
OUTLINE_WORDS = {"annexed_2022": "Black", "annexed_2014": "Purple"}
CURRENT = ' aria-current="page"'


# --------------------------------------------------------------------------- pieces


def link(url: str, text: str) -> str:
    """An external link for an https address; plain escaped text otherwise."""
    safe = https_url(url)
    if not safe:
        return html_text(text)
    return f'<a href="{html_text(safe)}" rel="noopener noreferrer">{html_text(text)}</a>'


def shell(
    inputs: Inputs,
    slug: str,
    title: str,
    lead: str,
    body: str,
    *,
    figures: bool,
    data: Mapping[str, str] | None = None,
) -> str:
    """A whole page: head, navigation, heading, ``body`` (HTML), credits, embedded data.

    Parameters
    ----------
    inputs
        The export's inputs (for the credits).
    slug
        The page's key in :data:`PAGES`.
    title, lead
        Heading and introduction (plain text).
    body
        The page's HTML (already escaped).
    figures
        Load plotly.js (pages with charts).
    data
        Embedded JSON elements: element id → escaped JSON text.
    """
    nav = "".join(
        f'<li><a href="{file}"{CURRENT if key == slug else ""}>{html_text(label)}</a></li>'
        for key, file, label in PAGES
    )
    scripts = [f'<script src="{PLOTLY_FILE}" defer></script>'] if figures else []
    scripts.append(f'<script src="{JS_FILE}" defer></script>')
    embedded = "\n".join(json_script(key, value) for key, value in (data or {}).items())
    page_title = f"{title} · {SITE_TITLE}" if slug != "index" else SITE_TITLE
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{html_text(CONTENT_SECURITY_POLICY)}">
<meta name="referrer" content="no-referrer">
<title>{html_text(page_title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{CSS_FILE}">
{"".join(scripts)}
</head>
<body data-page="{html_text(slug)}">
<a class="skip" href="#main">Skip to the content</a>
<header class="site-header">
<p class="site-title"><a href="index.html">{html_text(SITE_TITLE)}</a></p>
<nav aria-label="Views"><ul>{nav}</ul></nav>
</header>
<main id="main" tabindex="-1">
<h1>{html_text(title)}</h1>
<p class="lead">{html_text(lead)}</p>
{body}
</main>
{footer(inputs)}
{embedded}
</body>
</html>
"""


def footer(inputs: Inputs) -> str:
    """Sources and credits, on every page."""
    items = []
    for credit in site_credits(inputs.catalog):
        title = f", “{html_text(credit['title'])}”" if credit["title"] else ""
        published = f" ({html_text(credit['published'])})" if credit.get("published") else ""
        items.append(
            f"<li><strong>{link(credit['url'], credit['name'])}</strong>{title}{published}. "
            f'{html_text(credit["role"])}. <span class="licence">Licence: '
            f"{html_text(credit['licence'])}</span></li>"
        )
    return f"""<footer class="site-footer">
<h2>Sources and credits</h2>
<ul class="credits">{"".join(items)}</ul>
<p>Every item names its own source; positions, stances and scores are this team's reading
of them. What one party says about another is marked as that party's claim.
Charts drawn with plotly.js (MIT licence), shipped with these pages.</p>
</footer>"""


def source_line(text: str) -> str:
    """A chart's or a table's source line."""
    return f'<p class="source">{html_text(text)}</p>'


def chart(element_id: str, label: str, source: str, css: str = "", key: str = "") -> str:
    """A figure block: the plot's container (filled by site.js), its key, its source line."""
    return (
        f'<figure class="chart" aria-label="{html_text(label)}">'
        f'<div class="plot {html_text(css)}" id="{html_text(element_id)}" '
        f'data-figure="fig-{html_text(element_id)}">'
        f'<p class="plot-fallback">{html_text(label)} (needs JavaScript; the table below holds the '
        f"same figures).</p></div>{key}"
        f"<figcaption>{source_line(source)}</figcaption></figure>"
    )


def table(
    caption: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    row_attrs: Sequence[str] = (),
) -> str:
    """A scrollable, keyboard-reachable table of escaped cells (first cell a row header)."""
    head = "".join(f'<th scope="col">{html_text(header)}</th>' for header in headers)
    body = []
    for index, cells in enumerate(rows):
        attrs = row_attrs[index] if index < len(row_attrs) else ""
        first, *rest = cells
        body.append(
            f'<tr{attrs}><th scope="row">{html_text(first)}</th>'
            + "".join(f"<td>{html_text(cell)}</td>" for cell in rest)
            + "</tr>"
        )
    # The visible title sits outside the scrolling box, so it wraps at phone width.
    return (
        f'<p class="table-title" aria-hidden="true">{html_text(caption)}</p>'
        f'<div class="table-wrap" role="region" tabindex="0" aria-label="{html_text(caption)}">'
        f'<table><caption class="visually-hidden">{html_text(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def article_credit(inputs: Inputs) -> str:
    """``NZ Herald, “Title”`` for source lines."""
    for credit in site_credits(inputs.catalog):
        if credit["id"] == ARTICLE_SOURCE_ID:
            return f"{credit['name']}, “{credit['title']}”"
    return "the article"


# --------------------------------------------------------------------------- index


def index_page(inputs: Inputs) -> str:
    """The landing page: what this is, key figures, links to the three views."""
    catalog = inputs.catalog
    day = inputs.snapshot_day
    figures = control_figures(catalog, inputs.control, pd.Timestamp(day)) if day else []
    figures += article_figures(catalog)
    cards = "".join(
        f'<li class="figure-card"><p class="figure-value">{html_text(f.value)}</p>'
        f'<p class="figure-label">{html_text(f.label)}</p><p class="figure-detail">'
        f"{html_text(f.detail)}</p>"
        f"{source_line(f.source)}</li>"
        for f in figures
    )
    views = (
        (
            "map.html",
            "Map",
            "Which regions Russia claims and how much of each it holds, by the share of "
            "each region under Russian control; click a region or place for who says what.",
        ),
        (
            "timeline.html",
            "Timeline",
            "The talks, statements, strikes and battlefield claims around the article, with "
            "filters by kind of event, party and text.",
        ),
        (
            "positions.html",
            "Positions",
            "What the United States, Russia, Ukraine and Europe each want on territory, NATO, "
            "security guarantees, the nuclear plant and timing, and how far apart they are.",
        ),
    )
    links = "".join(
        f'<li><a class="view-link" href="{file}"><span class="view-name">{html_text(name)}</span>'
        f'<span class="view-text">{html_text(text)}</span></a></li>'
        for file, name, text in views
    )
    body = f"""<section aria-labelledby="views-heading">
<h2 id="views-heading">Three views</h2>
<ul class="views">{links}</ul>
</section>
<section aria-labelledby="figures-heading">
<h2 id="figures-heading">Key figures</h2>
<ul class="figures">{cards}</ul>
</section>"""
    lead = (
        "A news report of mid-December 2025 on the US-brokered talks between Russia and "
        f"Ukraine ({article_credit(inputs)}), laid out with its sources: the territory at "
        "stake, the events, and where each side stands."
    )
    return shell(inputs, "index", SITE_TITLE, lead, body, figures=False)


# --------------------------------------------------------------------------- map


def map_page(inputs: Inputs, content: MapContent) -> str:
    """The map view: share choropleth, details on click, tables as the text equivalent."""
    day = content.snapshot_day
    when = f"{day:%-d %B %Y}" if day else "the article's date"
    options = "".join(
        f'<option value="{html_text(value)}">{html_text(label)}</option>'
        for value, label in content.options.items()
    )
    unit_table = table(
        f"Share of each Ukrainian region under Russian control on {when}",
        (
            "Region",
            "Ukrainian name",
            "Under Russian control",
            "Russian-held km²",
            "Area km²",
            "Status",
        ),
        (
            (
                row["name"],
                row["name_uk"],
                row["share_text"],
                f"{row['russian_km2']:,.0f}" if row["russian_km2"] is not None else "—",
                f"{row['region_km2']:,.0f}" if row["region_km2"] is not None else "—",
                row["status"] + (" · in the article" if row["in_article"] else ""),
            )
            for row in content.unit_rows
        ),
    )
    place_items = "".join(
        f'<li><button type="button" class="linkish" data-select="{html_text(row["option"])}">'
        f'{html_text(row["name"])}</button> <span class="muted">'
        f"{html_text(row['subtitle'])}</span></li>"
        for row in content.place_rows
    )
    history_table = table(
        "Ukrainian territory under Russian control, km² (monthly, then the map's date)",
        ("Month", "km² under Russian control"),
        ((row["date"], row["km2"]) for row in content.history_rows),
    )
    source = (
        f"Shares: DeepStateMap.Live, snapshot of {when}, grey zone excluded; areas and "
        "boundaries: Natural Earth (EPSG:3035 areas); places: GeoNames; annexation dates and "
        "statements: the sources named in each region's details."
    )
    map_chart = chart(
        "map",
        f"Map of Ukraine: each region shaded by its share under Russian control on {when}; "
        "black dots are places in the article",
        source,
        "plot-map",
        map_key(when),
    )
    history_chart = chart(
        "history",
        "Line chart: km² of Ukraine under Russian control since 2022, the article's date marked",
        "Source: DeepStateMap.Live (figures computed from its maps, inside Natural Earth's "
        "outline of Ukraine).",
        "plot-small",
    )
    body = f"""<div class="map-layout">
<div class="map-column">
{map_chart}
<p class="hint">Click a region or a black place marker for its details, or choose one here:</p>
<div class="control"><label for="map-pick">Show details for</label>
<select id="map-pick">{options}</select></div>
</div>
<section id="details" class="details" aria-live="polite" aria-labelledby="details-title"
 tabindex="-1">
<h2 id="details-title">Nothing selected</h2>
<p>Click a region or a place on the map, or choose one from the list, for its names, the
share under Russian control, what Russia demands, what each side says, what happened there
and the fact checks, each with its source.</p>
</section>
</div>
<section aria-labelledby="table-heading">
<h2 id="table-heading">The map as a table</h2>
{unit_table}
{source_line(source)}
<h3>Places on the map</h3>
<ul class="places">{place_items}</ul>
{source_line("Coordinates: GeoNames (the nuclear plant: Wikipedia/Wikidata).")}
</section>
<section aria-labelledby="history-heading">
<h2 id="history-heading">Ukrainian territory under Russian control over time</h2>
{history_chart}
<details><summary>Data table</summary>{history_table}</details>
</section>"""
    lead = (
        f"Each Ukrainian region shaded by the share of it under Russian control on {when}, "
        "with the regions Russia claims to have annexed outlined, and the places the "
        "article names."
    )
    data = {
        "fig-map": figure_json(content.figure),
        "fig-history": figure_json(content.history_figure),
        "map-details": to_json(content.details),
    }
    return shell(inputs, "map", "Who holds what", lead, body, figures=True, data=data)


def map_key(when: str) -> str:
    """The map's key in HTML: the share ramp, the outlines, the markers, the context."""
    ticks = "".join(f"<span>{value}%</span>" for value in (0, 25, 50, 75, 100))
    outlines = "".join(
        f'<li><span class="key-swatch outline-{html_text(status)}" aria-hidden="true"></span>'
        f"{html_text(OUTLINE_WORDS[status])} outline: "
        f"{html_text(map_view.STATUS_SENTENCES[status].rstrip('.'))}</li>"
        for status in ("annexed_2022", "annexed_2014")
    )
    return f"""<div class="map-key" role="group" aria-label="Key to the map">
<p class="key-title">Share of the region under Russian control on {html_text(when)}</p>
<div class="ramp" aria-hidden="true"></div>
<div class="ramp-ticks" aria-hidden="true">{ticks}</div>
<p class="visually-hidden">White is none, full vermilion is all of the region.</p>
<ul class="key-list">{outlines}
<li><span class="key-dot" aria-hidden="true"></span>Place in the article (click for who claims
what)</li>
<li><span class="key-swatch context" aria-hidden="true"></span>Neighbouring countries</li>
</ul></div>"""


# --------------------------------------------------------------------------- timeline


def event_item(row: Mapping[str, Any]) -> str:
    """One event of the list, every field escaped, with its source."""
    meta = [kind_label(row["kind"])]
    who = timeline_view.parties_label(row["parties"])
    if who:
        meta.append(f"Who: {who}")
    where = ", ".join(part for part in (row["place_name"], row["region_name"]) if part)
    if where:
        meta.append(f"Where: {where}")
    claim = timeline_view.claim_label(row["claimed_by"])
    claim_html = f'<p class="claim">{html_text(claim)}: one side’s account</p>' if claim else ""
    quote = f"<blockquote>“{html_text(row['quote'])}”</blockquote>" if row["quote"] else ""
    basis = f'<p class="muted">Date: {html_text(row["date_note"])}</p>' if row["date_note"] else ""
    return (
        f'<li class="event" id="event-{html_text(row["event_id"])}" '
        f'data-event-id="{html_text(row["event_id"])}" tabindex="-1">'
        f'<p class="event-when"><span class="swatch kind-{html_text(row["kind"])}" '
        f'aria-hidden="true"></span>{html_text(row["date_label"])}</p>'
        f"<h3>{html_text(row['title'])}</h3>"
        f'<p class="muted">{html_text(" · ".join(meta))}</p>{claim_html}'
        f"<p>{html_text(row['description'])}</p>{quote}"
        f'<p class="source">Source: {link(row["source_url"], row["source_credit"])}</p>{basis}</li>'
    )


def checkbox_group(name: str, legend: str, values: Sequence[str], labels: Mapping[str, str]) -> str:
    """A fieldset of checked checkboxes with colour swatches (class ``<name>-<value>``)."""
    boxes = "".join(
        f'<label class="check"><input type="checkbox" name="{html_text(name)}" '
        f'value="{html_text(value)}" '
        f'checked><span class="swatch {html_text(name)}-{html_text(value)}" '
        'aria-hidden="true"></span>'
        f"{html_text(labels.get(value, value))}</label>"
        for value in values
    )
    return f'<fieldset class="checks"><legend>{html_text(legend)}</legend>{boxes}</fieldset>'


def timeline_page(inputs: Inputs, content: TimelineContent) -> str:
    """The timeline view: filters, one chart per period, the filtered list of events."""
    kinds = checkbox_group(
        "kind", "Kind of event", content.kinds, {k: kind_label(k) for k in content.kinds}
    )
    parties = checkbox_group(
        "party",
        "Parties involved",
        content.parties,
        {p: party_label(p) for p in content.parties},
    )
    periods = "".join(
        f'<label class="check"><input type="radio" name="period" value="{html_text(period.key)}"'
        f"{' checked' if index == 0 else ''}>{html_text(period.label)}</label>"
        for index, period in enumerate(content.periods)
    )
    charts = "".join(
        f'<div class="period-chart" data-period="{html_text(period.key)}"'
        f"{' hidden' if index else ''}>"
        + chart(
            f"timeline-{period.key}",
            f"Timeline chart of the events from {period.start:%-d %b %Y} to "
            f"{period.end:%-d %b %Y}, one band per kind of event",
            "Sources: the article and the sources named on each event (listed below the chart).",
            "plot-timeline",
        )
        + "</div>"
        for index, period in enumerate(content.periods)
    )
    items = "".join(event_item(row) for row in content.events.to_dict("records"))
    body = f"""<form class="filters" id="timeline-filters" role="search"
 aria-label="Filter the events">
<fieldset class="checks"><legend>Period</legend>{periods}</fieldset>
{kinds}
{parties}
<div class="control"><label for="timeline-search">Search titles and descriptions</label>
<input type="search" id="timeline-search" name="q" autocomplete="off" maxlength="100"></div>
<button type="reset" id="timeline-reset">Show everything</button>
</form>
{charts}
<p class="hint">Point at a mark for its summary; click it to jump to the event in the list.
A point is an event known to the day, a bar one dated to a week, a month or a span; hollow
marks are one side's claim.</p>
<section aria-labelledby="events-heading">
<h2 id="events-heading">Events</h2>
<p id="timeline-count" class="count" aria-live="polite">{len(content.events)} events</p>
<p id="timeline-empty" class="empty" hidden>No event matches these filters.</p>
<ol class="events" id="timeline-list">{items}</ol>
{source_line(timeline_view.sources_line(content.events))}
</section>"""
    data = {f"fig-timeline-{period.key}": figure_json(period.figure) for period in content.periods}
    data["timeline-data"] = to_json(
        {
            "events": content.records,
            "periods": {p.key: {"start": p.start, "end": p.end} for p in content.periods},
        }
    )
    lead = (
        "The talks, statements, strikes and battlefield claims the article reports, with "
        "the background it relies on. Filter by kind, party or text; the chart and the list "
        "follow the same filters."
    )
    return shell(inputs, "timeline", "What happened when", lead, body, figures=True, data=data)


# --------------------------------------------------------------------------- positions


def stance_badge(stance: str) -> str:
    """A stance word on its colour (the class sets a contrasting text colour)."""
    return f'<span class="badge stance-{html_text(stance)}">{html_text(stance)}</span>'


def position_block(
    position: Mapping[str, Any], inputs: Inputs, event_titles: Mapping[str, str]
) -> str:
    """One position: stance, claim mark, summary, quote, speaker, date, source, event."""
    claimed = positions_view.is_attributed(position)
    claim = (
        '<span class="badge claim">claimed by '
        f"{html_text(party_label(position['claimed_by']))}</span>"
        if claimed
        else ""
    )
    quote = (
        f"<blockquote>“{html_text(position['quote'])}”</blockquote>"
        if positions_view.present(position.get("quote"))
        else '<p class="muted">No verbatim quote stored; the summary paraphrases the source.</p>'
    )
    speaker = positions_view.speaker_line(position)
    when = positions_view.format_date(position.get("date"), position.get("date_precision"))
    credit = positions_view.source_credit(inputs.catalog.sources, position["source_id"])
    title = f", “{html_text(credit.title)}”" if credit.title else ""
    event_id = position.get("event_id")
    event = (
        f'<p class="muted">Said at: {html_text(event_titles[event_id])}</p>'
        if positions_view.present(event_id) and event_id in event_titles
        else ""
    )
    note = (
        f'<p class="claim">This is {html_text(party_label(position["claimed_by"]))}’s '
        "account of the "
        f"{html_text(party_label(position['party']))} position, not its own statement.</p>"
        if claimed
        else ""
    )
    return (
        f'<div class="position{" attributed" if claimed else ""}">'
        f"<p>{stance_badge(position['stance'])} {claim}</p>"
        f"<p>{html_text(position['summary'])}</p>{note}{quote}"
        f'<p class="muted">{html_text(" · ".join(p for p in (speaker, when) if p))}</p>'
        f'<p class="source">Source: {link(credit.url, credit.producer)}{title}</p>{event}</div>'
    )


def positions_page(inputs: Inputs, content: PositionsContent) -> str:
    """The positions view: issue and party filters, the matrix, the distance chart."""
    catalog = inputs.catalog
    issue_options = '<option value="">All issues</option>' + "".join(
        f'<option value="{html_text(issue_id)}">{html_text(label)}</option>'
        for issue_id, label in zip(catalog.issues["issue_id"], catalog.issues["label"], strict=True)
    )
    party_options = '<option value="">All parties</option>' + "".join(
        f'<option value="{html_text(party)}">{html_text(party_label(party))}</option>'
        for party in positions_view.PARTIES
    )
    sticking = set(catalog.issues.loc[catalog.issues["sticking_point"], "issue_id"])
    issue_labels = dict(zip(catalog.issues["issue_id"], catalog.issues["label"], strict=True))
    rows = []
    for row in content.matrix:
        issue = row.issue
        cells = []
        for cell in row.cells:
            inner = (
                "".join(position_block(p, inputs, content.event_titles) for p in cell.positions)
                if not cell.empty
                else '<p class="muted">No sourced position.</p>'
            )
            cells.append(
                f'<div class="cell party-{html_text(cell.party)}" '
                f'data-party="{html_text(cell.party)}">'
                f"<h4>{html_text(party_label(cell.party))}</h4>{inner}</div>"
            )
        badge = (
            '<span class="badge sticking">sticking point, says the article</span>'
            if issue["issue_id"] in sticking
            else ""
        )
        rows.append(
            f'<section class="issue" data-issue="{html_text(issue["issue_id"])}" '
            f'aria-labelledby="issue-{html_text(issue["issue_id"])}">'
            f'<h3 id="issue-{html_text(issue["issue_id"])}">{html_text(issue["label"])} '
            f"{badge}</h3>"
            f'<p class="muted">{html_text(issue["description"])}</p>'
            f'<p class="scale"><strong>Scale:</strong> −2 = {html_text(issue["scale_low"])}; '
            f"+2 = {html_text(issue['scale_high'])}</p>"
            f'<div class="cells">{"".join(cells)}</div></section>'
        )
    legend = "".join(
        f"<li>{stance_badge(stance)} {html_text(STANCE_MEANINGS.get(stance, ''))}</li>"
        for stance in STANCES_ORDER
    )
    ranking = content.ranking
    score_table = table(
        "Each party's score per issue (−2 to +2 on the issue's own scale), issues by distance",
        ("Issue", "Distance", *[party_label(p) for p in positions_view.PARTIES]),
        (
            (
                row["label"],
                f"{row['distance']:g}" if pd.notna(row["distance"]) else "—",
                *[score_cell(content.scores, row["issue_id"], p) for p in positions_view.PARTIES],
            )
            for _, row in ranking.iterrows()
        ),
    )
    quotes = "".join(
        f"<blockquote>“{html_text(quote)}”</blockquote><p>Issues: "
        f"{html_text(', '.join(group['label']))}</p>"
        for quote, group in content.sticking.groupby("quote", sort=False)
    )
    article = article_credit(inputs)
    matrix_source = source_line(
        "Sources: the article and the sources named on each position; stances and scores are "
        f"our reading. Shown: what was on record by {content.published:%-d %B %Y}, the "
        "article's date; later statements follow below, with their dates."
    )
    distance_chart = chart(
        "distance",
        "Dot chart: each party's score from −2 to +2 on every issue, issues ranked by distance",
        "Source: our scores of the positions above. Filled marker: the party's own statement; "
        "open marker: another party's claim about it. Each row runs from the outcome Kyiv asks "
        "for (left) to Moscow's (right), except timing, from no deadline to an expiring offer.",
        "plot-distance",
    )
    later_items = "".join(
        f"<li><p><strong>{html_text(party_label(p['party']))}</strong> on "
        f"{html_text(issue_labels.get(p['issue_id'], p['issue_id']))}, {p['date']:%-d %b %Y}</p>"
        f"{position_block(p, inputs, content.event_titles)}</li>"
        for p in content.later.to_dict("records")
    )
    later_section = (
        '<section aria-labelledby="later-heading"><h2 id="later-heading">Said after the '
        f"article</h2><p>Statements made after {content.published:%-d %B %Y}, when the article "
        "was published: not in the matrix or the ranking above, because nobody could know them "
        f'when it was written.</p><ul class="later">{later_items}</ul></section>'
        if later_items
        else ""
    )
    body = f"""<form class="filters" id="positions-filters" aria-label="Narrow the positions">
<div class="control"><label for="positions-issue">Issue</label>
<select id="positions-issue">{issue_options}</select></div>
<div class="control"><label for="positions-party">Party</label>
<select id="positions-party">{party_options}</select></div>
</form>
<p id="positions-count" class="count" aria-live="polite"></p>
<details class="key"><summary>Key: what the stances mean</summary>
<ul class="stance-key">{legend}
<li><span class="badge claim">claimed by …</span> another party’s account of this party’s
position, not its own words (outlined box)</li></ul></details>
<div class="matrix">{"".join(rows)}</div>
{matrix_source}
<section aria-labelledby="distance-heading">
<h2 id="distance-heading">How far apart are they?</h2>
<p>Each issue ranked by the distance between the sides: every position is scored from −2 to
+2 on that issue’s own scale; the distance is the highest score minus the lowest. A party’s
own statements count before what others claim for it.</p>
{distance_chart}
{score_table}
<aside class="sticking-points" aria-labelledby="sticking-heading">
<h3 id="sticking-heading">What the article calls the remaining sticking points</h3>
{quotes}
{source_line(f"Source: {article}")}
</aside>
</section>
{later_section}"""
    lead = (
        "Where the United States, Russia, Ukraine and Europe stand on the questions a deal "
        "has to settle, each stance with the words it rests on. What one side says about "
        "another is marked as a claim."
    )
    data = {"fig-distance": figure_json(content.figure)}
    return shell(inputs, "positions", "Who wants what", lead, body, figures=True, data=data)
