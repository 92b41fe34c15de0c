"""Timeline page in real Chromium: date range, party filter, chart click to the map, deep links.

Expected event lists are computed here straight from ``data/events.csv`` (not through the
app's own code), so a filtering bug in the app cannot hide itself.
"""

from __future__ import annotations

import calendar
import csv
import itertools
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

from tests.harness.browser import (
    REPO_ROOT,
    assert_page_clean,
    expect_rerun,
    open_page,
    screenshot,
)

DEFAULT_WINDOW = (date(2025, 11, 1), date(2025, 12, 31))
ITEM_PREFIX = "st-key-timeline-item-"
LISTED_IDS_JS = """
(prefix) => [...document.querySelectorAll(`[class*="${prefix}"]`)].map(
  (element) => [...element.classList].find((name) => name.startsWith(prefix)).slice(prefix.length)
)
"""
#: Viewport position of one event's mark on the timeline chart (from plotly's own scales).
MARK_POSITION_JS = """
(eventId) => {
  const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  if (!gd || !gd._fullLayout || !gd.calcdata) return {error: 'no drawn chart'};
  for (let i = 0; i < gd.data.length; i++) {
    const ids = Array.from(gd.data[i].customdata || []);
    const j = ids.indexOf(eventId);
    if (j < 0) continue;
    gd.scrollIntoView({block: 'center'});
    const point = gd.calcdata[i][j];
    const xa = gd._fullLayout.xaxis;
    const ya = gd._fullLayout.yaxis;
    const isBar = gd.data[i].type === 'bar';
    const x = isBar ? xa.c2p(point.b + point.s / 2) : xa.c2p(point.x);
    const y = isBar ? ya.c2p(point.p) : ya.c2p(point.y);
    const box = gd.getBoundingClientRect();
    return {x: box.left + xa._offset + x, y: box.top + ya._offset + y};
  }
  return {error: `no mark for ${eventId}`};
}
"""


# --------------------------------------------------------------------------- the data, read plainly


def csv_events() -> list[dict[str, str]]:
    with (REPO_ROOT / "data" / "events.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def span(row: dict[str, str]) -> tuple[date, date]:
    """The days an event may have happened on, as data/README.md defines the columns."""
    start = date.fromisoformat(row["date"])
    if row["date_end"]:
        return start, date.fromisoformat(row["date_end"])
    if row["date_precision"] == "week":
        monday = start - timedelta(days=start.weekday())
        return monday, monday + timedelta(days=6)
    if row["date_precision"] == "month":
        last = calendar.monthrange(start.year, start.month)[1]
        return start.replace(day=1), start.replace(day=last)
    if row["date_precision"] == "year":
        return date(start.year, 1, 1), date(start.year, 12, 31)
    return start, start


def expected_ids(first: date, last: date, party: str | None = None) -> set[str]:
    found = set()
    for row in csv_events():
        start, end = span(row)
        if start > last or end < first:
            continue
        involved = set(filter(None, row["parties"].split(";"))) | {row["claimed_by"]}
        if party and party not in involved:
            continue
        found.add(row["event_id"])
    return found


# --------------------------------------------------------------------------- driving the page


def listed_ids(page) -> list[str]:
    return page.evaluate(LISTED_IDS_JS, ITEM_PREFIX)


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def set_date(page, label: str, day: date) -> None:
    """Type a date into the From/To field segment by segment, then leave the field."""
    with expect_rerun(page):
        page.get_by_role("spinbutton", name=f"year, {label}").click()
        page.keyboard.type(f"{day:%Y%m%d}")
        page.locator('[data-testid="stMain"] h1').click()


def click_mark(page, event_id: str) -> None:
    """Hover, then click an event's mark on the chart with real mouse events."""
    spot = page.evaluate(MARK_POSITION_JS, event_id)
    assert "error" not in spot, spot["error"]
    page.mouse.move(spot["x"] - 4, spot["y"] - 4)
    page.mouse.move(spot["x"], spot["y"], steps=3)
    page.wait_for_timeout(150)
    page.mouse.click(spot["x"], spot["y"])


def details_heading(page) -> str:
    return page.locator(".st-key-timeline-details h3").first.inner_text().strip()


# --------------------------------------------------------------------------- tests


def test_default_view_lists_the_weeks_around_the_talks(page, recorder, dashboard_url):
    open_page(page, dashboard_url, "timeline")

    assert sorted(listed_ids(page)) == sorted(expected_ids(*DEFAULT_WINDOW))
    legend = page.locator('[data-testid="stPlotlyChart"] .legend').text_content()
    for label in ("Talks", "Statement", "Battlefield", "Strike", "Hollow: claimed by one side"):
        assert label in legend
    screenshot(page, "timeline-default", "desktop")
    screenshot(page, "timeline-default", "phone")
    assert_page_clean(recorder)


def test_narrowing_the_range_lists_exactly_the_events_in_it(page, recorder, dashboard_url):
    open_page(page, dashboard_url, "timeline")
    first, last = date(2025, 12, 12), date(2025, 12, 16)

    set_date(page, "From", first)
    set_date(page, "To", last)

    expected = expected_ids(first, last)
    assert expected, "the data should hold events on 12–16 December 2025"
    assert sorted(listed_ids(page)) == sorted(expected)
    assert expected < expected_ids(*DEFAULT_WINDOW)
    assert query_of(page)["from"] == ["2025-12-12"]
    assert query_of(page)["to"] == ["2025-12-16"]
    assert_page_clean(recorder)


def test_choosing_a_party_narrows_the_list(page, recorder, dashboard_url):
    open_page(page, dashboard_url, "timeline")
    before = listed_ids(page)

    with expect_rerun(page):
        page.locator('[data-testid="stMultiSelect"]').filter(has_text="Parties").click()
        page.get_by_role("option", name="Europe", exact=True).click()
    page.keyboard.press("Escape")

    after = listed_ids(page)
    assert sorted(after) == sorted(expected_ids(*DEFAULT_WINDOW, party="europe"))
    assert 0 < len(after) < len(before)
    assert set(after) <= set(before)
    assert query_of(page)["party"] == ["europe"]
    assert_page_clean(recorder)


def test_clicking_an_event_opens_its_place_on_the_map(page, recorder, dashboard_url):
    visit = next(row for row in csv_events() if row["event_id"] == "zelenskyy_kupyansk_visit")
    open_page(page, dashboard_url, "timeline", {"from": "2025-12-08", "to": "2025-12-21"})

    with expect_rerun(page):
        click_mark(page, visit["event_id"])

    assert details_heading(page) == visit["title"]
    assert query_of(page)["event"] == [visit["event_id"]]
    screenshot(page, "timeline-selected", "desktop")
    link = page.locator(".st-key-timeline-details-map a").first
    href_query = parse_qs(urlsplit(link.get_attribute("href")).query)
    assert href_query == {"place": ["kupyansk"], "date": [visit["date"]]}

    with expect_rerun(page):
        link.click()

    assert urlsplit(page.url).path.rstrip("/").endswith("/map")
    assert query_of(page).get("place") == ["kupyansk"]
    headings = page.locator('[data-testid="stMain"] h3').all_inner_texts()
    assert "Kupiansk" in [text.strip() for text in headings]
    assert_page_clean(recorder)


def test_a_deep_link_restores_the_filters(page, recorder, dashboard_url):
    query = {
        "from": "2025-12-14",
        "to": "2025-12-15",
        "party": "russia",
        "kind": "statement",
        "q": "lavrov",
        "event": "lavrov_irib_interview",
    }
    open_page(page, dashboard_url, "timeline", query)

    assert listed_ids(page) == ["lavrov_irib_interview"]
    assert details_heading(page).startswith("Lavrov")
    hidden = page.locator('[data-testid="stDateInput"] input[type="date"]')
    assert [hidden.nth(0).input_value(), hidden.nth(1).input_value()] == [
        "2025-12-14",
        "2025-12-15",
    ]
    filters = page.locator('[data-testid="stMultiSelect"]')
    assert "Russia" in filters.filter(has_text="Parties").inner_text()
    assert "Statement" in filters.filter(has_text="Kinds of event").inner_text()
    search = page.get_by_role("textbox", name="Search titles and descriptions")
    assert search.input_value() == "lavrov"
    assert not page.locator('[data-testid="stAlertContentWarning"]').count()
    assert_page_clean(recorder)


def test_malformed_link_values_are_ignored_with_a_notice(page, recorder, dashboard_url):
    open_page(page, dashboard_url, "timeline", {"kind": "parade", "from": "2025-13-01"})

    warnings = page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts()
    assert any("parade" in text for text in warnings)
    assert any("2025-13-01" in text for text in warnings)
    assert sorted(listed_ids(page)) == sorted(expected_ids(*DEFAULT_WINDOW))
    assert_page_clean(recorder)


# --------------------------------------------------------------------------- labels, lanes, strips

#: The key events' labels on the chart.
KEY_LABELS = (
    "28-point draft",
    "Witkoff and Kushner in Moscow",
    "Berlin talks",
    "Lavrov's claim",
    "Kupiansk",
    "Pokrovsk",
    "Submarine strike",
)
#: JS: the on-screen box of every chart annotation (the labels), by its text.
LABEL_BOXES_JS = """
() => {
  const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  gd.scrollIntoView({block: 'center'});
  const chart = gd.getBoundingClientRect();
  return [...gd.querySelectorAll('g.annotation')].map((g) => {
    const box = g.querySelector('.annotation-text-g text').getBoundingClientRect();
    const style = getComputedStyle(g);
    return {text: g.textContent.trim(), x: box.left, y: box.top, w: box.width, h: box.height,
            visible: style.visibility !== 'hidden' && style.display !== 'none' && box.width > 0,
            inside: box.left >= chart.left - 1 && box.right <= chart.right + 1
                    && box.top >= chart.top - 1 && box.bottom <= chart.bottom + 1};
  });
}
"""
#: JS: the lanes' names on the chart's y axis.
LANE_NAMES_JS = """
() => [...document.querySelectorAll('[data-testid="stPlotlyChart"] .yaxislayer-above .ytick text')]
  .map((t) => t.textContent)
"""


def label_boxes(page) -> dict[str, dict]:
    return {box["text"]: box for box in page.evaluate(LABEL_BOXES_JS)}


def test_the_key_events_carry_labels_that_do_not_overlap(page, recorder, dashboard_url):
    open_page(page, dashboard_url, "timeline")
    boxes = label_boxes(page)
    for label in KEY_LABELS:
        assert label in boxes, f"no label {label!r} on the chart: {sorted(boxes)}"
        assert boxes[label]["visible"] and boxes[label]["inside"], boxes[label]
    shown = [boxes[label] for label in KEY_LABELS]
    for a, b in itertools.combinations(shown, 2):
        apart = (
            a["x"] + a["w"] <= b["x"]
            or b["x"] + b["w"] <= a["x"]
            or a["y"] + a["h"] <= b["y"]
            or b["y"] + b["h"] <= a["y"]
        )
        assert apart, f"labels {a['text']!r} and {b['text']!r} overlap: {a}, {b}"
    assert_page_clean(recorder)


def test_a_party_filter_leaves_only_that_partys_lanes(page, recorder, dashboard_url):
    open_page(page, dashboard_url, "timeline", {"lanes": "party"})
    assert set(page.evaluate(LANE_NAMES_JS)) >= {"United States", "Russia", "Ukraine", "Europe"}
    screenshot(page, "timeline-party-lanes", "desktop")
    with expect_rerun(page):
        page.locator('[data-testid="stMultiSelect"]').filter(has_text="Parties").click()
        page.get_by_role("option", name="Russia", exact=True).click()
    page.keyboard.press("Escape")
    assert page.evaluate(LANE_NAMES_JS) == ["Russia"]
    assert query_of(page)["party"] == ["russia"]
    screenshot(page, "timeline-russia", "desktop")
    screenshot(page, "timeline-russia", "phone")
    assert_page_clean(recorder)


def mark_x(page, event_id: str) -> float:
    spot = page.evaluate(MARK_POSITION_JS, event_id)
    assert "error" not in spot, spot["error"]
    return spot["x"]


def test_the_background_strip_does_not_compress_the_talks(page, recorder, dashboard_url):
    open_page(page, dashboard_url, "timeline")
    talks = mark_x(page, "moscow_talks_20251202") - mark_x(page, "us_28_point_plan")
    open_page(page, dashboard_url, "timeline", {"all": "1"})
    background = mark_x(page, "moscow_talks_20251202") - mark_x(page, "us_28_point_plan")
    # The talks keep three quarters of the width or more (the background takes a fifth);
    # before, the background squeezed every mark of the talks into one column.
    assert talks > 150 and background >= 0.7 * talks, (talks, background)
    boxes = label_boxes(page)
    assert "Crimea annexed" in boxes and "Berlin talks" in boxes
    titles = page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot').text_content()
    assert "Background, 2014–2022" in titles and "The talks" in titles
    screenshot(page, "timeline-background", "desktop")
    assert_page_clean(recorder)
