"""Streamlit rendering of the map's detail panel: sourced items, groups, region and place.

Each function draws one part of a view model from :mod:`dashboard.views.map` (escaping its
plain text for HTML or Streamlit markdown); nothing here computes content. What a click on the
map draws anew (the summary box and the lists under it) is HTML, one element each, styled in
``reader.css``: Streamlit's markdown, columns and containers took the reader's browser about
100 ms more per click for the same text.
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

import streamlit as st

from dashboard.figures.map_areas import LegendEntry
from dashboard.figures.map_script import HOLD_PAINT_JS, fit_library, using_library
from dashboard.ui import download_button, source_line
from dashboard.ui.map_session import DATE_WIDGET, SINCE_WIDGET
from dashboard.views import downloads
from dashboard.views import map as view
from dashboard.wording import html_text, markdown_text


def item_html(item: view.Item, show_label: bool = True) -> str:
    """One sourced item as HTML: who says it, what, when, the quote and the source (escaped)."""
    heading = f"<strong>{html_text(item.heading)}</strong>"
    if item.when:
        heading = f"{html_text(item.when)} · {heading}"
    if show_label and item.label:
        heading = f'<span class="map-badge">{html_text(item.label)}</span> {heading}'
    blocks = [f"<p>{heading}</p>"]
    if item.body:
        blocks.append(f"<p>{html_text(item.body)}</p>")
    if item.quote:
        blocks.append(f"<blockquote>“{html_text(item.quote)}”</blockquote>")
    credit = [html_text(item.meta)] if item.meta else []
    if item.dating:
        credit.append(f"Date: {html_text(item.dating)}")
    if item.source:
        credit.append(f"Source: {html_text(item.source)}")
    if credit:
        blocks.append(f'<p class="map-credit">{"<br>".join(credit)}</p>')
    for check in item.checks:
        blocks.append(
            f'<p class="map-check"><strong>Fact check. {html_text(check.heading)}</strong> '
            f"{html_text(check.body)} ({html_text(check.source)})</p>"
        )
    return f'<div class="map-item">{"".join(blocks)}</div>'


def caption_html(text: str) -> str:
    """A small grey line: a name line, a figure's source, a list's empty state."""
    return f'<p class="map-caption">{html_text(text)}</p>'


def metric_html(label: str, value: str, hint: str | None = None) -> str:
    """A headline figure drawn like Streamlit's metric: a small label over a large value.

    ``hint`` is shown on hover (the metric's help); the caption under the figure says it in full.
    """
    title = f' title="{html_text(hint)}"' if hint else ""
    return (
        f'<p class="map-metric"{title}><span>{html_text(label)}</span>'
        f"<strong>{html_text(value)}</strong></p>"
    )


def items_html(items: Sequence[view.Item], empty: str) -> str:
    """Items one under another, separated by thin rules, or ``empty`` when there are none."""
    if not items:
        return caption_html(empty)
    return "<hr>".join(item_html(item) for item in items)


def groups_html(groups: Sequence[view.Group], empty: str) -> str:
    """Groups side by side in bordered boxes (three to a row, one on a phone)."""
    if not groups:
        return caption_html(empty)
    boxes = "".join(
        f'<section class="map-group"><h4>{html_text(group.title)}</h4>'
        f"{items_html(group.items, 'Nothing on record.')}</section>"
        for group in groups
    )
    return f'<div class="map-groups">{boxes}</div>'


def lists_html(sections: Sequence[tuple[str, str]]) -> str:
    """The lists under the panel: each section a heading over its HTML, in one element."""
    body = "".join(f"<h3>{html_text(title)}</h3>{content}" for title, content in sections)
    return f'<div class="map-lists">{body}</div>'


def render_region_lists(region: view.RegionDetail) -> None:
    """Positions, events and fact checks about one region (full width).

    One HTML element, not an element per box and item: a click on the map draws the lists
    anew, and Streamlit's markdown, columns and containers took about 70 ms more of the
    reader's browser for the same text (measured on the map click).
    """
    name = region.name
    positions = groups_html(region.positions, "No party's position on record names this region.")
    events = items_html(region.events, "No event on record took place here.")
    checks = items_html(region.fact_checks, "No fact check is about this region.")
    st.html(
        lists_html(
            (
                (f"What each side says about {name}", positions),
                (f"Events in {name}", events),
                ("Fact checks", checks),
            )
        )
    )


def render_place_lists(place: view.PlaceDetail) -> None:
    """Who claims what about one place, side by side; positions and fact checks (one element)."""
    sections = [
        (
            f"Who claims what about {place.name}",
            groups_html(place.claims, "No claim about this place is on record."),
        )
    ]
    if place.positions:
        sections.append((f"Positions on {place.name}", groups_html(place.positions, "")))
    sections.append(
        ("Fact checks", items_html(place.fact_checks, "No fact check is about this place itself."))
    )
    st.html(lists_html(sections))


def region_summary_html(region: view.RegionDetail, donbas_note: str) -> str:
    """Names, status, control figures and Russia's demand of one region, in a bordered box.

    ``donbas_note`` compares our Donbas figure with a published estimate (plain text).
    """
    parts = [
        f"<h3>{html_text(region.name)}</h3>",
        caption_html(f"{region.name_uk} · {region.kind}"),
    ]
    if region.annexation:
        parts.append(item_html(region.annexation))
    else:
        parts.append(f"<p><strong>Status:</strong> {html_text(region.status_text)}</p>")
    if region.control is not None:
        figure = region.control
        parts.append(metric_html(figure.label, figure.share_text) + caption_html(figure.caption))
    else:
        parts.append(caption_html("No control figures for this date."))
    if region.donbas_km2 is not None:
        credit = html_text(f"Source: {view.DONBAS_SOURCE}. {donbas_note}")
        parts.append(
            f"<p><strong>Rest of the Donbas still held by Ukraine:</strong> "
            f"{region.donbas_km2:,.0f} km² (Donetsk and Luhansk together)</p>"
            f'<p class="map-credit">{credit}</p>'
        )
    if region.demand:
        parts.append(f"<h4>What Russia demands</h4>{item_html(region.demand)}")
    if region.statement:
        parts.append(f"<h4>In the story</h4>{item_html(region.statement, show_label=False)}")
    if not region.in_regions_table:
        parts.append(caption_html("The article does not discuss this region."))
    return f'<div class="map-summary">{"".join(parts)}</div>'


def place_summary_html(place: view.PlaceDetail) -> str:
    """Names, kind, location and the article's statement of one place, in a bordered box."""
    local = f"{place.name_local} · " if place.name_local != place.name else ""
    parts = [
        f"<h3>{html_text(place.name)}</h3>",
        caption_html(f"{local}{place.kind} · {place.where}"),
    ]
    if place.statement:
        parts.append(item_html(place.statement, show_label=False))
    parts.append(
        caption_html(
            f"Location {place.lat:.3f}° N, {place.lon:.3f}° E. Source: {place.location_source}."
        )
    )
    if not place.claims:
        parts.append(caption_html("No event on record took place here."))
    return f'<div class="map-summary">{"".join(parts)}</div>'


def render_region_summary(region: view.RegionDetail, donbas_note: str) -> None:
    """The region's summary box (:func:`region_summary_html`): one element, like the lists."""
    st.html(region_summary_html(region, donbas_note))


def render_place_summary(place: view.PlaceDetail) -> None:
    """The place's summary box (:func:`place_summary_html`): one element, like the lists."""
    st.html(place_summary_html(place))


#: The overview panel's link to the page that maps each proposal.
DEAL_LINK_LABEL = "Compare what each proposal would hand over, on its own map"


def overview_html(panel: view.OverviewPanel) -> str:
    """What the panel shows before anything is selected, in a bordered box like a region's."""
    parts = [f"<h3>{html_text(panel.heading)}</h3>", f"<p>{html_text(panel.prompt)}</p>"]
    if panel.donbas is not None:
        figure = panel.donbas
        parts.append(
            metric_html(figure.label, figure.value, figure.help) + caption_html(figure.caption)
        )
    if panel.regions:
        rows = "".join(f"<li>{html_text(row)}</li>" for row in panel.regions)
        parts.append(
            f"<h4>The regions in the story</h4><ul>{rows}</ul>"
            + caption_html(panel.regions_caption)
        )
    return f'<div class="map-summary">{"".join(parts)}</div>'


def render_overview(panel: view.OverviewPanel, deal_path: str | None = None) -> None:
    """What the panel shows before anything is selected (:func:`overview_html`), then a link.

    One HTML element, like a region's box: as Streamlit's subheader, markdown, metric and
    captions in a bordered container, the same text took the reader's browser about 0.3 s
    more of its main thread on the map page's first view (it loads the metric's code too).
    ``deal_path`` is the script of the page that maps each proposal (no link without it).
    A region's panel links there too: with a link already on the page, the browser has the
    link's code before the first click needs it.
    """
    st.html(overview_html(panel))
    if deal_path is not None:
        st.page_link(deal_path, label=DEAL_LINK_LABEL, icon=":material/handshake:")


def swatch_style(entry: LegendEntry) -> str:
    """CSS that draws ``entry``'s swatch the way the map draws it."""
    border = max(1.0, min(entry.line_width, 3.0))
    if entry.kind == "line":
        return f"width:22px;height:0;border-top:{border + 1:.1f}px solid {entry.line}"
    if entry.kind == "dot":
        return (
            f"width:10px;height:10px;border-radius:50%;background:{entry.fill};"
            f"box-shadow:0 0 0 2px {entry.line}, 0 0 0 3px #8C8C8C"
        )
    fill = "transparent" if entry.kind == "outline" else entry.fill
    return f"width:16px;height:16px;background:{fill};border:{border:.1f}px solid {entry.line}"


def render_legend(entries: tuple[LegendEntry, ...]) -> None:
    """The map's key as a list under the map: it wraps to one column on a phone."""
    items = "".join(
        '<li style="display:flex;align-items:center;gap:10px;flex:1 1 260px;margin:0">'
        f'<span aria-hidden="true" style="flex:none;display:inline-block;box-sizing:border-box;'
        f'{swatch_style(entry)}"></span>'
        f"<span>{'<br>'.join(html_text(part) for part in entry.name.split('<br>'))}</span></li>"
        for entry in entries
    )
    st.html(
        '<ul aria-label="Map key" style="list-style:none;display:flex;flex-wrap:wrap;'
        "gap:6px 24px;padding:10px 12px;margin:0;background:#F3F4F6;border-radius:6px;"
        f'font-size:14px;line-height:1.3;color:#1F1F1F">{items}</ul>'
    )


#: A narrow map's first view (see ``FIT_JS``): once the chart has loaded, a map too narrow
#: for the frame fits the narrow view, unless a selection is shown (its own zoom wins); then
#: the overview's names are fitted inside the map's edges, on a map of any width. A chart
#: drawn anew (a new date) gets the same, and the selection's zoom.
NARROW_SCRIPT = using_library("""
(() => {
  // the newest run's view of the page, read by the watcher below whichever run started it
  window.__mapNarrow = {
    frame: %(frame)s, selected: %(selected)s, labels: %(labels)s, callouts: %(callouts)s,
    page: location.pathname,
  };
  USES_MAP_FIT
  let tries = 0;
  const check = () => {
    const {frame, selected, labels, callouts} = window.__mapNarrow;
    const [gd, map] = findMap();
    if (!map || !map.loaded()) { if (tries++ < 150) setTimeout(check, 100); return; }
    if (gd.__narrowChecked) return;
    gd.__narrowChecked = true;
    const box = overviewBox(map, frame);
    // how often a narrow map was fitted, in the page's state beside the other map scripts'
    if (box !== frame && !selected && fitMap(map, box, false)) {
      window.__mapNarrowFits = (window.__mapNarrowFits || 0) + 1;
    }
    // a selection keeps its zoom on a chart drawn anew (its box from CLICK_ZOOM_SCRIPT)
    const target = selected && (window.__mapTargets || {})[selected];
    if (target) fitMap(map, target, true);
    // the names are fitted to the overview: where the map is now, or (a selection shown
    // first) where a narrow map's overview will be
    const camera = !selected ? {center: map.getCenter(), zoom: map.getZoom()}
      : box !== frame ? map.cameraForBounds([[box[0], box[1]], [box[2], box[3]]], fitOptions(false))
      : null;
    fitLabels(map, camera, labels);
    fitCallouts(map, camera, callouts);
  };
  check();
  // A chart drawn anew later (a new date remounts it) gets the same first view: one watcher
  // for the app, looking once per batch of changes, on the page that ran this last (another
  // page's map, the proposals', is not this one).
  if (!window.__mapNarrowWatch) {
    let queued = false;
    window.__mapNarrowWatch = new MutationObserver(() => {
      if (queued) return;
      queued = true;
      setTimeout(() => {
        queued = false;
        const [gd] = findMap();
        const here = window.__mapNarrow.page === location.pathname;
        if (here && gd && !gd.__narrowChecked) { tries = 0; check(); }
      }, 50);
    });
    window.__mapNarrowWatch.observe(document.body, {childList: true, subtree: true});
  }
})();
""")


#: Zooming to a selection, in the reader's browser: MapLibre's own fitBounds on the map
#: already drawn (the figure is not resent). It waits for the map to load, and does it
#: again if the chart was remounted meanwhile; on a phone it then scrolls to the details.
#: Usually the click has already zoomed the map (CLICK_ZOOM_SCRIPT) and nothing moves.
ZOOM_SCRIPT = using_library("""
(() => {
  const target = %(target)s, frame = %(frame)s, scroll = %(scroll)s;
  USES_MAP_FIT
  // Only the newest request counts: an older one stands down (no late re-zoom after Back).
  const token = window.__mapZoomToken = (window.__mapZoomToken || 0) + 1;
  const current = () => window.__mapZoomToken === token;
  let tries = 0, refits = 0;
  const fit = () => {
    if (!current()) return;
    const [gd, map] = findMap();
    if (!map || !map.loaded()) { if (tries++ < 150) setTimeout(fit, 100); return; }
    const box = target || overviewBox(map, frame);
    fitMap(map, box, !!target);
    if (scroll && refits === 0 && window.innerWidth < 700) {
      const details = document.querySelector('.st-key-map-details');
      if (details) details.scrollIntoView({behavior: 'smooth', block: 'start'});
    }
    // The chart may be remounted (a new page, a rebuilt figure) or re-framed by plotly as it
    // settles: look again a little later, and fit again if the map is not where it should be.
    setTimeout(() => {
      if (!current()) return;
      const [now, nowMap] = findMap();
      const off = !nowMap || now !== gd || !gd.isConnected
        || !fittedTo(nowMap, box, !!target);
      if (off && refits++ < 5) { tries = 0; fit(); }
    }, 1200);
  };
  // A moment for plotly to finish framing a chart it has just drawn (after a click the map is
  // usually framed already, and nothing moves).
  setTimeout(fit, 150);
})();
""")

#: Zooming at the click, in the reader's browser, while the page reruns: the region or place
#: the click hit (a place before a region, as :func:`dashboard.views.map.selection_from_points`
#: decides), or the overview's frame when it hit what is selected (a click again deselects).
#: The rerun's ZOOM_SCRIPT then finds the map framed. It listens on each new chart once.
CLICK_ZOOM_SCRIPT = using_library("""
(() => {
  const targets = %(targets)s, frame = %(frame)s;
  window.__mapSelected = %(selected)s;  // %(chart)s
  window.__mapTargets = targets;  // a chart drawn anew zooms to the selection (NARROW_SCRIPT)
  USES_MAP_FIT
  const onClick = (gd) => (event) => {
    const options = ((event && event.points) || [])
      .map(point => point.customdata)
      .filter(data => Array.isArray(data) && data.length >= 2)
      .map(data => data[0] + ':' + data[1])
      .filter(option => option in targets);
    if (!options.length) return;
    const chosen = options.find(option => option.startsWith('place:')) || options[0];
    const next = chosen === window.__mapSelected ? '' : chosen;
    window.__mapSelected = next;
    const map = gd._fullLayout.map && gd._fullLayout.map._subplot.map;
    if (!map) return;
    const box = next ? targets[next] : overviewBox(map, frame);
    // Streamlit sends the click to the server in a timeout queued just before this handler:
    // the zoom waits for it. The map then paints once the zoomed view's tiles and the
    // selection plotly has just restyled are in (HOLD_PAINT_JS), in one frame.
    setTimeout(() => fitMap(map, box, !!next), 0);
  };
  let tries = 0;
  const listen = () => {
    const [gd] = findMap();
    if (gd && gd.on && !gd.__zoomOnClick) {
      gd.__zoomOnClick = true;
      gd.on('plotly_click', onClick(gd));
    }
    if (tries++ < 30) setTimeout(listen, 100);  // a chart remounted meanwhile gets it too
  };
  listen();
})();
""")


def hold_map_paint() -> None:
    """Let a new map paint once it has its data, not at each step of loading (HOLD_PAINT_JS).

    Call it on every page, before any chart: it installs itself once per browser window.
    """
    st.html(f"<script>{HOLD_PAINT_JS}</script>", unsafe_allow_javascript=True)


def load_map_library() -> None:
    """Send the map scripts' shared code (``window.mapFit``) once per page, before its map.

    Call it outside a fragment: a fragment's rerun then sends only its scripts' own data.
    """
    st.html(f"<script>{fit_library()}</script>", unsafe_allow_javascript=True)


def zoom_to(
    bounds: tuple[float, float, float, float] | None,
    frame: tuple[float, float, float, float],
    scroll: bool,
) -> None:
    """Zoom the map to ``bounds`` (or back to ``frame``), in the browser; see ZOOM_SCRIPT."""
    script = ZOOM_SCRIPT % {
        "target": json.dumps(list(bounds)) if bounds else "null",
        "frame": json.dumps(list(frame)),
        "scroll": "true" if scroll else "false",
    }
    st.html(f"<script>{script}</script>", unsafe_allow_javascript=True)


def frame_narrow_map(
    frame: tuple[float, float, float, float],
    selected: str,
    labels: Sequence[Mapping[str, Any]] = (),
    callouts: Sequence[Mapping[str, Any]] = (),
) -> None:
    """On a map too narrow for ``frame`` (a phone), show the narrow view first (NARROW_SCRIPT).

    ``selected`` is the selection's option ("" for none): a selection keeps its own zoom.
    ``labels`` are the map's names (``label_extents``) and ``callouts`` its notes
    (``callout_extents``), kept inside the map's edges.
    """
    script = NARROW_SCRIPT % {
        "frame": json.dumps(list(frame)),
        "selected": json.dumps(selected),
        "labels": json.dumps(list(labels)),
        "callouts": json.dumps(list(callouts)),
    }
    st.html(f"<script>{script}</script>", unsafe_allow_javascript=True)


def zoom_on_click(
    targets: Mapping[str, tuple[float, float, float, float]],
    frame: tuple[float, float, float, float],
    selected: str,
    chart_key: str,
) -> None:
    """Zoom the map as soon as a shape is clicked (see CLICK_ZOOM_SCRIPT).

    ``selected`` is the selection's option after this run; ``chart_key`` makes the script run
    again on a new chart.
    """
    script = CLICK_ZOOM_SCRIPT % {
        "targets": json.dumps({option: list(box) for option, box in targets.items()}),
        "frame": json.dumps(list(frame)),
        "selected": json.dumps(selected),
        "chart": chart_key.replace("*/", ""),
    }
    st.html(f"<script>{script}</script>", unsafe_allow_javascript=True)


def svg_image(svg: str, alt: str, css_class: str) -> None:
    """Show an SVG drawing of ours as an image with ``alt`` (st.html drops inline SVG)."""
    source = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    st.html(f'<img class="{css_class}" src="{source}" alt="{html.escape(alt)}">')


def render_dates(
    page: view.MapPage,
    since_options: list[date],
    history_svg: str,
    *,
    on_date: Callable[[], None],
    on_since: Callable[[], None],
) -> None:
    """The map's date and the earlier date of Russia's gains, beside the km² history chart.

    ``history_svg`` is the chart as inline SVG (``cached.control_history_svg``).
    """
    st.subheader(page.dates_heading, anchor=False, divider="gray")
    date_column, history_column = st.columns([3, 2], gap="medium")
    with date_column:
        if page.days:
            st.select_slider(
                page.slider_label,
                options=list(page.days),
                key=DATE_WIDGET,
                on_change=on_date,
                format_func=view.day_label,
                help=page.slider_help,
            )
        if since_options:
            st.selectbox(
                page.since_label,
                options=since_options,
                key=SINCE_WIDGET,
                on_change=on_since,
                format_func=view.day_label,
                help=page.since_help,
            )
        source_line(markdown_text(page.date_line))
        if page.layer_notice_markdown:
            st.info(page.layer_notice_markdown, icon=":material/layers_clear:")
    with history_column:
        svg_image(history_svg, page.history_alt, "history-chart")


def render_downloads(
    page: view.MapPage,
    content: Callable[[str], str],
    notes: Callable[[str, date | None, tuple[str, ...]], str],
) -> None:
    """The map's downloads, each CSV with its column notes, and the attribution."""
    st.subheader("Take the data", divider="gray")
    for download in page.downloads:
        download_button(download.label, content(download.key), download.file_name, download.mime)
        if download.described_by:
            download_button(
                download.notes_label,
                notes(download.key, page.day, download.described_by),
                downloads.notes_file_name(download.file_name),
                icon=":material/description:",
            )
    st.caption(markdown_text(page.downloads_note))
