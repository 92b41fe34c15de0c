"""Accessibility of every page in real Chromium: accessible names, chart equivalents, keyboard.

One test per page. Each test

1. reads Chromium's own accessibility tree (CDP ``Accessibility.getFullAXTree``, the names a
   screen reader announces) and checks that every interactive control inside the main area
   has a non-empty name that is not a bare icon name (``download``, ``expand_more``);
2. checks that every plotly chart has an alt text and a text equivalent on the page (the
   map's region list and details box, the timeline's event list, the positions matrix);
3. walks the page with the Tab key only: every focus stop inside the main area lies inside
   the viewport, and every visible, tabbable control in it is reached;
4. uses the page's main control with the keyboard only (Tab, typing, Enter) and checks the
   page changed accordingly.

The overview, timeline, positions and sources tests also check that no two buttons the page
places (``st.button``, ``st.popover``, ``st.download_button``) share an accessible name with
each other or with any other button of the main area: a screen reader's list of buttons
must tell twenty "Show details" apart. The sources test checks that its data are real
``<table>`` elements a screen reader can name and walk, not canvas grids.

Known exception: Streamlit's ``st.dataframe`` draws its grid on a focusable ``<canvas>`` with
no accessible name or content (a framework limitation, not a page's choice). Such a grid is
accepted only when a "Download … (CSV)" button with the same data follows it.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from dashboard.datasets.catalog import load_catalog
from dashboard.page_scripts import PAGES
from dashboard.views.positions import on_record
from tests.harness.browser import (
    assert_page_clean,
    expect_rerun,
    map_chart_index,
    open_page,
    served_path,
)

SPECS = {spec.url_path: spec for spec in PAGES}
#: Chromium's roles (lower-cased) of controls a reader operates.
INTERACTIVE_ROLES = frozenset(
    {
        "button",
        "link",
        "textbox",
        "textfield",
        "searchbox",
        "combobox",
        "listbox",
        "slider",
        "spinbutton",
        "switch",
        "checkbox",
        "radio",
        "radiobutton",
        "tab",
        "menuitem",
        "option",
        "disclosuretriangle",
    }
)
#: Material icon names a Streamlit control could leak into its name when the icon's ligature
#: text is not hidden from assistive technology.
ICON_NAMES = frozenset(
    {
        "download",
        "expand_more",
        "expand_less",
        "keyboard_arrow_down",
        "keyboard_arrow_up",
        "keyboard_arrow_right",
        "chevron_right",
        "close",
        "search",
        "fullscreen",
        "fullscreen_exit",
        "visibility",
        "content_copy",
        "arrow_back",
        "map",
        "home",
        "timeline",
        "balance",
        "menu_book",
        "open_in_new",
        "info",
        "help",
        "check",
        "link",
    }
)
SNAKE_TOKEN = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$")

#: The focused element: where it is, what it is, whether it lies in the main area.
FOCUSED_JS = """
() => {
  const element = document.activeElement;
  if (!element || element === document.body || element === document.documentElement) {
    return null;
  }
  if (!element.dataset.a11yStop) {
    window.__a11yStops = (window.__a11yStops || 0) + 1;
    element.dataset.a11yStop = String(window.__a11yStops);
  }
  const box = element.getBoundingClientRect();
  return {
    stop: element.dataset.a11yStop,
    tag: element.tagName,
    role: element.getAttribute('role') || '',
    label: element.getAttribute('aria-label') || '',
    text: (element.innerText || element.value || '').trim().slice(0, 80),
    inMain: !!element.closest('[data-testid="stMain"]'),
    box: {left: box.left, top: box.top, right: box.right, bottom: box.bottom,
          width: box.width, height: box.height},
    viewport: {width: window.innerWidth, height: window.innerHeight},
  };
}
"""
#: Visible, tabbable controls of the main area that no Tab press reached.
UNREACHED_JS = """
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const selector = 'a[href], button, input, select, textarea, [tabindex], [role="slider"], '
      + '[role="switch"], [role="checkbox"], [role="radio"], [role="combobox"], '
      + '[role="button"], [role="link"], summary';
  const reachedRadioGroups = new Set([...main.querySelectorAll('input[type="radio"]')]
      .filter((radio) => radio.dataset.a11yStop).map((radio) => radio.name));
  return [...main.querySelectorAll(selector)].filter((element) => {
    if (element.dataset.a11yStop) return false;
    if (element.tabIndex < 0 || element.disabled) return false;
    if (element.closest('[aria-hidden="true"], [inert]')) return false;
    if (element.type === 'radio' && reachedRadioGroups.has(element.name)) return false;
    const style = getComputedStyle(element);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  }).map((element) => `${element.tagName} ${element.getAttribute('aria-label') || ''} `
      + `${(element.innerText || '').trim().slice(0, 60)}`);
}
"""


# --------------------------------------------------------------------------- accessible names


def main_ax_nodes(page: Any) -> list[dict[str, Any]]:
    """Chromium's accessibility nodes inside the main landmark (ignored nodes left out)."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    by_id = {node["nodeId"]: node for node in nodes}
    mains = [node for node in nodes if role_of(node) == "main"]
    assert len(mains) == 1, f"expected one main landmark, found {len(mains)}"
    found, stack = [], list(mains[0].get("childIds", []))
    while stack:
        node = by_id.get(stack.pop())
        if node is None:
            continue
        stack.extend(node.get("childIds", []))
        if not node.get("ignored"):
            found.append(node)
    return found


def role_of(node: dict[str, Any]) -> str:
    return str(node.get("role", {}).get("value", "")).lower()


def name_of(node: dict[str, Any]) -> str:
    return str(node.get("name", {}).get("value", "") or "").strip()


def properties(node: dict[str, Any]) -> dict[str, Any]:
    return {prop["name"]: prop.get("value", {}).get("value") for prop in node.get("properties", [])}


def is_icon_name(name: str) -> bool:
    """A bare icon name, or an icon's ligature text leaking into a longer name."""
    if SNAKE_TOKEN.match(name) or name in ICON_NAMES:
        return True
    return any(SNAKE_TOKEN.match(word) for word in name.split())


def check_accessible_names(page: Any) -> dict[str, int]:
    """Every interactive or focusable node of the main area has a meaningful name.

    Returns how many controls of each role were checked (so a test can tell the tree was
    really read). Focusable containers without an interactive role (a scrollable code block)
    need content a screen reader can read instead of a name.
    """
    problems, counts, grids = [], {}, 0
    for node in main_ax_nodes(page):
        role, name, props = role_of(node), name_of(node), properties(node)
        if props.get("hidden"):
            continue
        if role in INTERACTIVE_ROLES:
            counts[role] = counts.get(role, 0) + 1
            if not name:
                problems.append(f"{role} without an accessible name")
            elif is_icon_name(name):
                problems.append(f"{role} named by an icon: {name!r}")
        elif props.get("focusable") and not name:
            if role == "canvas":
                grids += 1  # st.dataframe's grid: checked against its download button below
            elif not node.get("childIds"):
                problems.append(f"focusable {role} with neither a name nor content")
    assert not problems, "accessibility defects in the main area:\n  " + "\n  ".join(problems)
    if grids:
        grid_count = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').count()
        downloads = page.locator('[data-testid="stMain"] [data-testid="stDownloadButton"]')
        csv_downloads = [text for text in downloads.all_inner_texts() if "(CSV)" in text]
        assert grids == grid_count, f"{grids} unnamed canvases but {grid_count} data grids"
        assert len(csv_downloads) >= grid_count, (
            f"{grid_count} data grid(s) (unnamed canvases to a screen reader) but only "
            f"{len(csv_downloads)} CSV download(s) offering the same data"
        )
    return counts


#: The buttons a page places itself (the popover's is its trigger button).
OWN_BUTTONS = ", ".join(
    f'[data-testid="stMain"] {selector}'
    for selector in (
        '[data-testid="stButton"] button',
        'button[data-testid="stPopoverButton"]',
        '[data-testid="stDownloadButton"] button',
    )
)


def own_button_names(page: Any) -> list[str]:
    """Chromium's accessible names of the buttons the page places in its main area."""
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node_ids = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": OWN_BUTTONS})
        names = []
        for node_id in node_ids["nodeIds"]:
            node = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node_id})["nodes"][0]
            if not node.get("ignored") and not properties(node).get("hidden"):
                names.append(name_of(node))
    finally:
        cdp.detach()
    return names


def check_distinct_button_names(page: Any) -> list[str]:
    """No two buttons the page places share a name, nor share one with another button.

    Returns the names of the page's own buttons.
    """
    own = own_button_names(page)
    assert all(own), f"a button without a name: {own}"
    every = [
        name_of(node)
        for node in main_ax_nodes(page)
        if role_of(node) == "button" and not properties(node).get("hidden")
    ]
    shared = sorted({name for name in own if every.count(name) > 1})
    assert not shared, (
        f"{len(shared)} button name(s) used more than once in the main area (a screen reader "
        "cannot tell those buttons apart):\n  "
        + "\n  ".join(f"{every.count(name)}× {name!r}" for name in shared)
    )
    return own


# --------------------------------------------------------------------------- tables


def named_tables(page: Any) -> dict[str, int]:
    """Every table of the main area as Chromium exposes it: its name and number of rows."""
    tables = {}
    for node in main_ax_nodes(page):
        if role_of(node) == "table":
            tables[name_of(node)] = 0
    rows = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] table')].map((table) =>
            [table.getAttribute('aria-label') || '', table.querySelectorAll('tbody tr').length])"""
    )
    for name, count in rows:
        assert name in tables, f"table {name!r} is not exposed as a table: {list(tables)}"
        tables[name] = count
    return tables


# --------------------------------------------------------------------------- charts


def chart_alts(page: Any) -> list[str]:
    """The alt text of every plotly chart of the main area ('' where it has none)."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
              '[data-testid="stMain"] [data-testid="stPlotlyChart"]')].map((chart) => {
            const figure = chart.closest('[role="figure"], figure')
                || chart.querySelector('[role="figure"], figure');
            return (figure && (figure.getAttribute('aria-label') || '')) || '';
          })"""
    )


def check_chart_alts(page: Any, expected_charts: int) -> None:
    alts = chart_alts(page)
    assert len(alts) == expected_charts, f"expected {expected_charts} plotly chart(s): {alts}"
    missing = [index for index, alt in enumerate(alts) if len(alt) < 20]
    assert not missing, f"plotly chart(s) #{missing} have no alt text: {alts}"


# --------------------------------------------------------------------------- keyboard


def focused(page: Any) -> dict[str, Any] | None:
    return page.evaluate(FOCUSED_JS)


def check_focus_visible(stop: dict[str, Any]) -> None:
    """The focused element has a size and lies inside the viewport (it was scrolled to)."""
    box, view = stop["box"], stop["viewport"]
    what = f"{stop['tag']} {stop['label'] or stop['text']!r}"
    assert box["width"] > 0 and box["height"] > 0, f"focused {what} has no size"
    assert box["right"] > 0 and box["left"] < view["width"], f"focused {what} is off-screen: {box}"
    assert box["bottom"] > 0 and box["top"] < view["height"], f"focused {what} is off-screen: {box}"


def tab_until(page: Any, wanted, limit: int = 120, key: str = "Tab") -> list[dict[str, Any]]:
    """Press Tab until ``wanted(stop)`` holds; return the stops in the main area on the way.

    Every stop in the main area must be visible. Fails after ``limit`` presses.
    """
    stops = []
    for _ in range(limit):
        page.keyboard.press(key)
        stop = focused(page)
        if stop is None:
            continue
        if stop["inMain"]:
            check_focus_visible(stop)
            stops.append(stop)
        if wanted(stop):
            return stops
    raise AssertionError(
        f"{limit} presses of {key} never reached the control; main-area stops: "
        + ", ".join(f"{s['tag']} {s['label'] or s['text']!r}" for s in stops[-40:])
    )


def walk_whole_page(page: Any) -> list[dict[str, Any]]:
    """Tab from the top through the main area and past it; every tabbable control is reached."""
    start_at_title(page)
    seen: set[str] = set()
    stops: list[dict[str, Any]] = []

    def past_main(stop: dict[str, Any]) -> bool:
        if stop["inMain"]:
            if stops and stop["stop"] == stops[-1]["stop"]:
                return False  # a data grid keeps the focus for a few presses (moves its cell)
            if stop["stop"] in seen:  # wrapped around inside the main area
                return True
            seen.add(stop["stop"])
            stops.append(stop)
            return False
        return bool(stops)  # left the main area after having entered it

    tab_until(page, past_main, limit=400)
    unreached = page.evaluate(UNREACHED_JS)
    assert not unreached, "controls the Tab key never reaches:\n  " + "\n  ".join(unreached)
    return stops


def start_at_title(page: Any) -> None:
    """Move the keyboard's starting point to the page's title (Tab then goes on from there)."""
    page.evaluate(
        """() => {
          const title = document.querySelector('[data-testid="stMain"] h1');
          title.setAttribute('tabindex', '-1');
          title.focus();
          title.removeAttribute('tabindex');
        }"""
    )


def is_named(label: str):
    return lambda stop: stop["inMain"] and (stop["label"] == label or stop["text"] == label)


def choose_by_keyboard(page: Any, label: str, typed: str) -> None:
    """Tab to the select box named ``label``, type ``typed`` and press Enter."""
    start_at_title(page)
    tab_until(page, lambda stop: stop["inMain"] and stop["label"] == label)
    page.keyboard.type(typed)
    with expect_rerun(page):
        page.keyboard.press("Enter")


def query_of(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def h_texts(page: Any, level: str) -> list[str]:
    texts = page.locator(f'[data-testid="stMain"] {level}').all_inner_texts()
    return [text.strip() for text in texts]


# --------------------------------------------------------------------------- tests


def test_overview_is_named_and_keyboard_usable(page, recorder, dashboard_url):
    open_page(page, dashboard_url, served_path(SPECS["overview"]))

    counts = check_accessible_names(page)
    assert counts.get("link", 0) >= 4
    check_distinct_button_names(page)
    check_chart_alts(page, 1)  # the map
    stops = walk_whole_page(page)
    texts = [stop["text"] for stop in stops]
    for label in ("Map: who holds what", "Timeline: talks", "Positions: what each", "Sources"):
        assert any(label in text for text in texts), f"Tab never reached {label!r}"

    # Enter on a focused page link opens that page.
    start_at_title(page)
    tab_until(page, lambda stop: stop["inMain"] and "Timeline: talks" in stop["text"])
    with expect_rerun(page):
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path.rstrip("/").endswith("/timeline")
    assert h_texts(page, "h1")[0].startswith("Timeline")
    assert_page_clean(recorder)


def test_map_is_named_and_keyboard_usable(page, recorder, dashboard_url):
    open_page(page, dashboard_url, served_path(SPECS["map"]))

    counts = check_accessible_names(page)
    assert counts.get("combobox", 0) >= 1 and counts.get("slider", 0) >= 1
    check_chart_alts(page, 1)  # the map; the history chart beside the dates is an SVG image
    history = page.locator("img.history-chart")
    assert history.count() == 1
    assert "square kilometres of Ukraine under Russian control" in (
        history.get_attribute("alt") or ""
    )
    assert history.evaluate("img => img.complete && img.naturalWidth > 0")
    check_distinct_button_names(page)
    # The map's text equivalent: every region it outlines as claimed is in the region list.
    story = page.evaluate(
        """(index) => {
          const gd = document.querySelectorAll(
              '[data-testid="stPlotlyChart"] .js-plotly-plot')[index];
          const clickable = gd.data.find(
              (t) => (t.customdata || []).some((c) => c[0] === 'region'));
          const names = {};
          clickable.customdata.forEach((c, i) => {
            names[c[1]] = (clickable.text || clickable.hovertext)[i].match(/<b>(.*?)<\\/b>/)[1];
          });
          // the regions the map marks as claimed: their hover says so
          const claimed = clickable.customdata
              .filter((c, i) => /claims to have annexed/.test(
                  (clickable.text || clickable.hovertext)[i]))
              .map((c) => c[1]);
          return [...new Set(claimed)].map((id) => names[id]);
        }""",
        map_chart_index(page),
    )
    assert len(story) >= 5, story
    listed = " ".join(page.locator('[data-testid="stMain"] li').all_inner_texts())
    assert all(name in listed for name in story), f"{story} not all in the list: {listed}"
    walk_whole_page(page)

    choose_by_keyboard(page, "Show details for", "Donetsk Obl")

    assert "Donetsk Oblast" in h_texts(page, "h3")
    assert query_of(page).get("region") == ["UA-14"]
    assert "Back to overview" in check_distinct_button_names(page)
    assert_page_clean(recorder)


def test_timeline_is_named_and_keyboard_usable(page, recorder, dashboard_url):
    open_page(page, dashboard_url, served_path(SPECS["timeline"]))

    counts = check_accessible_names(page)
    assert counts.get("combobox", 0) >= 2 and counts.get("switch", 0) >= 1
    own = check_distinct_button_names(page)
    details = [name for name in own if name.startswith("Show details")]
    assert len(details) >= 10, own
    assert "Show details: Zelenskyy visits the Kupiansk front (12 Dec 2025)" in details
    check_chart_alts(page, 1)
    # The chart's text equivalent: every event drawn on it is in the list below.
    drawn = page.evaluate(
        """() => {
          const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
          return [...new Set(gd.data.flatMap((t) => Array.from(t.customdata || [])
              .filter((value) => typeof value === 'string')))];
        }"""
    )
    listed = page.evaluate(
        """() => [...document.querySelectorAll('[class*="st-key-timeline-item-"]')].map((e) =>
          [...e.classList].find((c) => c.startsWith('st-key-timeline-item-'))
            .slice('st-key-timeline-item-'.length))"""
    )
    assert drawn and sorted(drawn) == sorted(listed)
    walk_whole_page(page)

    choose_by_keyboard(page, "Parties", "Russia")
    page.keyboard.press("Escape")

    after = page.evaluate(
        """() => document.querySelectorAll('[class*="st-key-timeline-item-"]').length"""
    )
    assert 0 < after < len(listed)
    assert query_of(page).get("party") == ["russia"]
    assert "Russia" in page.locator('[data-testid="stMultiSelect"]').first.inner_text()
    assert_page_clean(recorder)


def test_positions_is_named_and_keyboard_usable(page, recorder, dashboard_url):
    open_page(page, dashboard_url, served_path(SPECS["positions"]))

    counts = check_accessible_names(page)
    assert counts.get("combobox", 0) >= 2 and counts.get("button", 0) >= 1
    own = check_distinct_button_names(page)
    popovers = [name for name in own if name.startswith("Quote & source")]
    catalog = load_catalog()
    # one per position on record by the article's date (later ones sit behind a switch)
    assert len(popovers) == len(on_record(catalog.positions, catalog.sources)), own
    assert "Quote & source: United States on NATO membership, claimed by Russia" in popovers
    check_chart_alts(page, 1)
    # The chart's text equivalent: the matrix has a row for every issue the chart ranks.
    ranked = page.evaluate(
        """() => {
          const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
          return (gd.layout.annotations || []).map((note) => note.text || '')
              .map((text) => text.match(/^<b>(.*?)<\\/b>/)).filter(Boolean).map((m) => m[1]);
        }"""
    )
    headings = " ".join(h_texts(page, "h3"))
    assert len(ranked) >= 5, f"the distance chart labels fewer issues than expected: {ranked}"
    for label in ranked:
        assert label in headings, f"the chart ranks {label!r}, the matrix has no row for it"
    walk_whole_page(page)

    choose_by_keyboard(page, "Issue", "NATO")

    assert "Every position: NATO membership" in h_texts(page, "h2")
    assert query_of(page).get("issue") == ["nato"]
    assert_page_clean(recorder)


def test_sources_is_named_and_keyboard_usable(page, recorder, dashboard_url):
    open_page(page, dashboard_url, served_path(SPECS["sources"]))

    counts = check_accessible_names(page)
    assert counts.get("button", 0) >= 2
    assert check_distinct_button_names(page) == [
        "Download the fact checks (CSV)",
        "What the columns of the fact checks mean (CSV)",
        "Download the source list (CSV)",
    ]
    check_chart_alts(page, 0)
    # The data are tables a screen reader names and walks cell by cell, not canvas grids.
    assert page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').count() == 0
    assert page.locator('[data-testid="stMain"] canvas').count() == 0
    tables = named_tables(page)
    catalog = load_catalog()
    (checks,) = [name for name in tables if name.startswith("Fact checks")]
    (sources,) = [name for name in tables if name.startswith("Sources")]
    assert tables[checks] == len(catalog.fact_checks)
    assert tables[sources] == len(catalog.sources)
    headers = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] table')].map((table) =>
            [...table.querySelectorAll('thead th')].map((th) => th.innerText.trim()))"""
    )
    assert headers == [
        [
            "Verdict",
            "What the article says",
            "The article's words",
            "What we found",
            "Checked against",
            "The source's words",
        ],
        ["Producer", "Type", "Title", "Published", "Accessed", "Licence", "Id"],
        ["What", "Date", "For readers", "How we set it"],
    ]
    stops = walk_whole_page(page)
    texts = [stop["text"] for stop in stops]
    assert "Download the fact checks (CSV)" in texts
    assert "Download the source list (CSV)" in texts

    start_at_title(page)
    tab_until(page, is_named("Download the source list (CSV)"))
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "sources.csv"
    assert_page_clean(recorder)
