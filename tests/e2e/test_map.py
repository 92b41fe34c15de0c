"""Map page in Chromium: real mouse clicks on the map, deep links, notices, phone width.

Clicks go through the harness's ``click_map_lonlat`` (real mouse events at the pixel where a
longitude/latitude is drawn). Each test also checks that the page stayed on 127.0.0.1 and
logged no browser errors, and leaves screenshots in artifacts/screenshots/.
"""

from __future__ import annotations

import html
import re

import pytest

from dashboard.page_scripts import PAGES
from tests.harness.browser import (
    VIEWPORTS,
    assert_page_clean,
    click_map_lonlat,
    expect_rerun,
    map_chart_index,
    map_point_position,
    open_page,
    screenshot,
    wait_until_settled,
)

#: Inside Donetsk oblast, in the Russian-held part (the click must pass the control layer).
DONETSK = (38.2, 47.7)
#: In Mykolaiv oblast, next to Kherson oblast (in view when the map has zoomed to Kherson).
MYKOLAIV_OBLAST = (31.95, 47.35)
#: True once the map has zoomed in from its default frame (zoom about 5 on a desktop).
ZOOMED_IN_JS = """
() => { const gd = [...document.querySelectorAll('.js-plotly-plot')].find(
          g => g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot);
        const map = gd && gd._fullLayout.map._subplot.map;
        return !!map && map.loaded() && map.getZoom() > 6; }
"""
KUPYANSK = (37.61581, 49.71003)
#: On a phone the map shows the middle of its frame: Kherson to the Russian border.
KHERSON_CITY = (32.61, 46.64)
DONETSK_CITY = (37.80, 48.02)
DATE_LABEL = "Date of the control map"
#: The entries of the map's key, written in HTML under the map.
LEGEND_JS = """
() => [...document.querySelectorAll('[aria-label="Map key"] li')].map(item => item.innerText)
"""


def map_path() -> str:
    specs = [spec for spec in PAGES if spec.file_name == "map.py"]
    assert specs, "map.py is not registered in dashboard.page_scripts.PAGES"
    return specs[0].url_path


def click_map(page, lon: float, lat: float) -> None:
    with expect_rerun(page):
        click_map_lonlat(page, lon, lat, chart_index=map_chart_index(page))


#: Tags the map's plotly element, to tell afterwards whether the chart was remounted.
TAG_MAP_JS = """
index => {
  const gd = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')][index];
  gd.dataset.probe = 'same chart';
}
"""
#: The region ids plotly itself shows as selected (its native selection), or null.
PLOTLY_SELECTION_JS = """
index => {
  const gd = [...document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot')][index];
  const layer = gd.data.find(trace => trace.name && trace.name.includes('click for details'));
  if (!layer.selectedpoints) return null;
  return [...layer.selectedpoints].map(i => layer.locations[i]);
}
"""


class DeltaLog:
    """The Streamlit deltas a page receives over its websocket, decoded (attach before goto)."""

    def __init__(self, page) -> None:
        self.deltas: list = []
        page.on("websocket", lambda socket: socket.on("framereceived", self._on_frame))

    def _on_frame(self, payload: bytes | str) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if isinstance(payload, bytes):
            message = ForwardMsg.FromString(payload)
            if message.WhichOneof("type") == "delta":
                self.deltas.append(message.delta)

    def take(self) -> list:
        """The deltas received since the last call."""
        deltas, self.deltas = self.deltas, []
        return deltas


def headings(deltas: list) -> list[str]:
    """The text of every heading among ``deltas``: heading elements, and the ``<h3>`` of HTML
    elements (a region's or place's summary box is one)."""
    elements = [delta.new_element for delta in deltas if delta.WhichOneof("type") == "new_element"]
    found = [
        element.heading.body for element in elements if element.WhichOneof("type") == "heading"
    ]
    for element in elements:
        if element.WhichOneof("type") == "html":
            found += [
                html.unescape(text) for text in re.findall(r"<h3>(.*?)</h3>", element.html.body)
            ]
    return found


def tag_map(page) -> None:
    page.evaluate(TAG_MAP_JS, map_chart_index(page))


def map_still_tagged(page) -> bool:
    """True when the map is the same element as when tagged (not remounted or redrawn anew)."""
    return page.evaluate(
        """index => [...document.querySelectorAll(
               '[data-testid="stPlotlyChart"] .js-plotly-plot')][index].dataset.probe
               === 'same chart'""",
        map_chart_index(page),
    )


def plotly_selection(page) -> list[str] | None:
    return page.evaluate(PLOTLY_SELECTION_JS, map_chart_index(page))


def panel_title(page) -> str:
    return page.locator('[data-testid="stMain"] h3').first.inner_text().strip()


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def query(page) -> str:
    return page.url.partition("?")[2]


def date_shown(page) -> str:
    return page.get_by_role("slider", name=DATE_LABEL).get_attribute("aria-valuetext") or ""


def test_clicking_donetsk_shows_its_control_share_the_demand_and_its_events(
    page, recorder, dashboard_url
):
    open_page(page, dashboard_url, map_path())
    assert panel_title(page) == "Nothing selected"
    tag_map(page)

    click_map(page, *DONETSK)

    assert panel_title(page) == "Donetsk Oblast"
    # The click left the figure alone: same chart element, plotly outlines Donetsk itself.
    assert map_still_tagged(page)
    assert plotly_selection(page) == ["UA-14"]
    text = main_text(page)
    assert re.search(r"Under Russian control on 17 Dec 2025\s+\d{1,3}%", text)
    assert "What Russia demands" in text
    assert "withdraw from the remainder of the Donbas" in text
    assert "Rest of the Donbas still held by Ukraine" in text
    assert "Events in Donetsk Oblast" in text
    assert "Russia claims to have captured Pokrovsk" in text
    assert "region=UA-14" in query(page)
    screenshot(page, "map-donetsk", "desktop")
    wait_until_settled(page)

    click_map(page, *DONETSK)  # the same region again: back to the overview

    assert panel_title(page) == "Nothing selected"
    assert "region=" not in query(page)
    assert map_still_tagged(page)
    assert not plotly_selection(page)
    # The page config, sent once per session, outlived the reruns: title, icon (a data URL,
    # nothing to fetch again), wide layout.
    assert page.title() == "Russia–Ukraine peace talks, December 2025"
    icons = page.evaluate(
        "() => [...document.querySelectorAll('link[rel*=icon]')].map((link) => link.href)"
    )
    assert icons and all(icon.startswith("data:image/png;base64,") for icon in icons)
    assert (
        page.evaluate(
            """() => getComputedStyle(
            document.querySelector('[data-testid="stMainBlockContainer"]')).maxWidth"""
        )
        == "none"
    )
    assert_page_clean(recorder)


def test_a_click_reruns_only_the_map_and_its_panel_a_new_date_the_whole_page(
    page, recorder, dashboard_url
):
    log = DeltaLog(page)
    open_page(page, dashboard_url, map_path())
    assert "Map: who holds what" in headings(log.take())

    click_map(page, *DONETSK)

    # Only the fragment (map, details box, panel, lists) was sent again: every delta is
    # addressed to it, and the title, date control and history chart above were left alone.
    deltas = log.take()
    assert deltas and all(delta.fragment_id for delta in deltas)
    assert "Donetsk Oblast" in headings(deltas)
    assert "Map: who holds what" not in headings(deltas)
    assert panel_title(page) == "Donetsk Oblast"
    wait_until_settled(page)

    slider = page.get_by_role("slider", name=DATE_LABEL)
    with expect_rerun(page):
        slider.focus()
        page.keyboard.press("ArrowLeft")

    # A new date reruns the whole page, the panel with it (its figures are for the new date).
    deltas = log.take()
    assert "Map: who holds what" in headings(deltas)
    assert date_shown(page) == "16 Dec 2025"
    assert panel_title(page) == "Donetsk Oblast"
    assert "Under Russian control on 16 Dec 2025" in main_text(page)
    assert "region=UA-14" in query(page) and "date=2025-12-16" in query(page)
    assert_page_clean(recorder)


def test_clicking_the_kupyansk_marker_sets_the_claims_side_by_side(page, recorder, dashboard_url):
    open_page(page, dashboard_url, map_path())

    click_map(page, *KUPYANSK)

    assert panel_title(page) == "Kupiansk"
    text = main_text(page)
    assert "Who claims what about Kupiansk" in text
    assert "Russia says" in text and "Ukraine says" in text
    assert "Putin says Kupiansk is fully in Russian hands" in text
    assert "Ukrainian counter-attack in Kupiansk" in text
    assert "Claim by Russia" in text and "Claim by Ukraine" in text
    assert "place=kupyansk" in query(page)
    screenshot(page, "map-kupyansk", "desktop")
    wait_until_settled(page)

    with expect_rerun(page):
        page.get_by_role("button", name="Back to overview").click()
    assert panel_title(page) == "Nothing selected"
    assert "place=" not in query(page)
    assert not plotly_selection(page)  # the button cleared the chart's own selection too

    click_map(page, *KUPYANSK)  # so the marker selects again (a stale one would deselect)

    assert panel_title(page) == "Kupiansk"
    assert_page_clean(recorder)


def test_after_the_details_box_a_click_on_another_region_selects_it(page, recorder, dashboard_url):
    open_page(page, dashboard_url, map_path())
    click_map(page, *DONETSK)
    assert panel_title(page) == "Donetsk Oblast"

    box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Show details for")
    box.scroll_into_view_if_needed()  # under the map now: let the scroll end before clicking
    page.wait_for_timeout(500)
    box.locator('[role="combobox"], input').first.click()
    with expect_rerun(page):
        page.get_by_role("option", name="Kherson Oblast (region)", exact=True).click()
    assert panel_title(page) == "Kherson Oblast"
    assert not plotly_selection(page)  # Donetsk is no longer outlined by plotly
    # the map zooms to Kherson: click a neighbour in view once it has (Mykolaiv oblast)
    page.wait_for_function(ZOOMED_IN_JS, timeout=15_000)

    click_map(page, *MYKOLAIV_OBLAST)

    assert panel_title(page) == "Mykolaiv Oblast"
    assert "region=UA-48" in query(page)
    assert_page_clean(recorder)


def test_deep_link_restores_region_and_date(page, recorder, dashboard_url):
    open_page(page, dashboard_url, map_path(), {"region": "UA-14", "date": "2025-12-01"})

    assert panel_title(page) == "Donetsk Oblast"
    assert date_shown(page) == "1 Dec 2025"
    text = main_text(page)
    assert "Showing 1 December 2025" in text
    assert "Under Russian control on 1 Dec 2025" in text
    legend = page.evaluate(LEGEND_JS)
    assert any("Under Russian control on 1 Dec 2025" in entry for entry in legend)
    assert "region=UA-14" in query(page) and "date=2025-12-01" in query(page)

    # A region selected by the link deselects like a clicked one (clicked once the map has
    # zoomed to it, as the reader sees it: a click aimed before the zoom lands elsewhere).
    page.wait_for_function(ZOOMED_IN_JS, timeout=15_000)
    page.wait_for_timeout(1_500)  # the zoom script's second look
    click_map(page, *DONETSK)

    assert panel_title(page) == "Nothing selected"
    assert date_shown(page) == "1 Dec 2025"
    assert_page_clean(recorder)


def test_malformed_link_shows_a_notice_and_the_default_view(page, recorder, dashboard_url):
    open_page(page, dashboard_url, map_path(), {"region": "<script>", "date": "2099-99-99"})

    warnings = page.locator('[data-testid="stAlertContentWarning"]').all_inner_texts()
    assert any("region" in w and "<script>" in w for w in warnings), warnings
    assert any("date" in w and "2099-99-99" in w for w in warnings), warnings
    # No script from the link: the only scripts on the page are the map's own zoom scripts
    # and their shared code.
    scripts = page.locator('[data-testid="stMain"] script').evaluate_all(
        "els => els.map(e => e.textContent)"
    )
    assert scripts and all(
        "window.__map" in script or script.startswith("window.mapFit = ") for script in scripts
    ), scripts
    assert panel_title(page) == "Nothing selected"
    assert date_shown(page) == "17 Dec 2025"
    assert "region=" not in query(page)

    click_map(page, *DONETSK)  # the reader moves on: the link's notices go

    assert panel_title(page) == "Donetsk Oblast"
    assert page.locator('[data-testid="stAlertContentWarning"]').count() == 0
    assert_page_clean(recorder)


@pytest.mark.parametrize("viewport", [VIEWPORTS["phone"]], indirect=True)
def test_phone_width_shows_the_front_and_explains_every_colour(page, recorder, dashboard_url):
    open_page(page, dashboard_url, map_path())

    index = map_chart_index(page)
    for lon, lat in (KHERSON_CITY, DONETSK_CITY, KUPYANSK):
        map_point_position(page, lon, lat, chart_index=index)  # raises when off the map
    legend = [" ".join(entry.split()) for entry in page.evaluate(LEGEND_JS)]
    for entry in (
        "Place (click for who claims what)",
        "Front line on 17 Dec 2025",
        "Under Russian control on 17 Dec 2025",
        "Taken by Russia 20 Nov 2025 – 17 Dec 2025",
        "Rest of the Donbas still held by Ukraine",
        "Claimed by Russia (2022), held by Ukraine",
        "which Russia annexed in 2014",
        "Border of a region Russia claims it annexed in 2022",
        "Other Ukrainian land",
        "Neighbouring countries",
    ):
        assert any(entry in text for text in legend), (entry, legend)
    page.locator('[aria-label="Map key"]').scroll_into_view_if_needed()
    screenshot(page, "map", "phone")
    assert_page_clean(recorder)
