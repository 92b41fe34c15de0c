"""Map page in AppTest: default view, deep links, notices, the panel, the date, no snapshots.

AppTest cannot click a plotly map (see DESIGN.md); the click → view-state step is unit-tested
in tests/unit/test_views_map.py and the real click in tests/e2e/test_map.py. Here the page
runs on the real data, selected through the URL and the "Show details for" box.
"""

from __future__ import annotations

import base64
import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import cached
from dashboard.page_scripts import PAGES, PAGES_DIR
from tests.harness.prose import html_visible, unescape_markdown

APP = str(PAGES_DIR.parents[0] / "main.py")
PAGE = str(PAGES_DIR / "map.py")
PICK = "map_pick"
DATE = "map_date"
ARTICLE_DAY = date(2025, 12, 17)


def open_map(**query: str) -> AppTest:
    """The map page as the app serves it (through the navigation, so its links resolve)."""
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def url(at: AppTest) -> dict[str, str]:
    return {
        key: value if isinstance(value, str) else ",".join(value)
        for key, value in at.query_params.items()
    }


def texts(at: AppTest) -> str:
    """The page's text as a reader sees it (Streamlit markdown escapes removed)."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [h.value for h in at.subheader] + [m.label for m in at.metric]
    parts += [m.value for m in at.metric]
    text = unescape_markdown("\n".join(parts))
    # the lists under the panel are one HTML element (dashboard.ui.map_panel.lists_html)
    return "\n".join([text, *(html_visible(body) for body in html_bodies(at))])


def html_bodies(at: AppTest) -> list[str]:
    """The HTML the page shows (no scripts or styles): the map's key, the lists, the chart."""
    bodies = [el.proto.body for el in at.get("html")]
    return [body for body in bodies if not body.startswith(("<script", "<style"))]


def lists_html(at: AppTest) -> str:
    """The lists under the detail panel, as the page sends them."""
    (lists,) = [body for body in html_bodies(at) if 'class="map-lists"' in body]
    return lists


def history_chart(at: AppTest) -> str:
    """The history chart beside the date controls: its SVG, shown as an image with alt text."""
    (chart,) = [el.proto.body for el in at.get("html") if 'class="history-chart"' in el.proto.body]
    alt = re.search(r'alt="([^"]*)"', chart)
    source = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', chart)
    assert alt and source, chart
    return f"{alt.group(1)}\n" + base64.b64decode(source.group(1)).decode("utf-8")


def panel_title(at: AppTest) -> str:
    """The detail panel's heading: a region's or place's summary box, else the overview's."""
    summaries = [body for body in html_bodies(at) if 'class="map-summary"' in body]
    if summaries:
        return html_visible(re.search(r"<h3>(.*?)</h3>", summaries[0]).group(1))
    return at.subheader[0].value


def test_map_is_in_the_navigation():
    assert "map.py" in {spec.file_name for spec in PAGES}


def test_default_view_shows_map_date_chart_legend_and_overview():
    at = open_map()
    assert at.title[0].value.startswith("Map")
    assert len(at.get("plotly_chart")) == 1  # the map; the history chart is SVG
    assert history_chart(at).startswith("Line chart: square kilometres")
    assert at.select_slider(key=DATE).value == ARTICLE_DAY
    assert at.selectbox(key=PICK).value == ""
    assert panel_title(at) == "Nothing selected"
    shown = texts(at)
    assert "The rest of the Donbas still held by Ukraine on 17 Dec 2025" in shown
    assert "Donetsk Oblast — annexation claimed 30 Sep 2022" in shown
    assert "DeepStateMap.Live" in shown and "Natural Earth" in shown and "GeoNames" in shown
    # the history chart's text equivalent: its first figure, peak and the map's date
    assert "first figure" in shown and "at most" in shown
    assert "km² on 17 Dec 2025 (the map's date" in shown
    assert not at.warning and not at.info
    assert url(at) == {"date": "2025-12-17"}


def test_the_map_scripts_share_one_copy_of_their_code():
    """The fitting code comes once per page (window.mapFit); the scripts a click's rerun
    sends carry only their data (they carried it three times: 45 KB a click)."""
    from dashboard.figures.map_script import FIT_JS, HOLD_PAINT_JS

    at = open_map(region="UA-14")
    scripts = [el.proto.body for el in at.get("html") if "<script>" in el.proto.body]
    library = [body for body in scripts if body.startswith("<script>window.mapFit = ")]
    assert len(library) == 1 and FIT_JS.strip() in library[0]
    # the paint hold comes once too, first (main.py), before the map's chart
    hold = [body for body in scripts if HOLD_PAINT_JS in body]
    assert len(hold) == 1 and scripts[0] == hold[0]
    others = [body for body in scripts if body not in library + hold]
    assert len(others) == 3, [body[:80] for body in others]  # click, first view, zoom
    for body in others:
        assert "withMapFit(" in body and "const fitLabels" not in body, body[:200]
        assert len(body) < 8_000, len(body)


def test_the_overview_panel_links_to_the_map_of_each_proposal():
    """The panel before a selection points to the proposals' own map (the page a region's
    panel links to per proposal), so that link's code is in the browser before a click."""
    from dashboard.ui.map_panel import DEAL_LINK_LABEL

    at = open_map()
    links = [(link.proto.label, link.proto.page) for link in at.get("page_link")]
    assert (DEAL_LINK_LABEL, "deal") in links


def test_deep_link_restores_region_and_date():
    at = open_map(region="UA-14", date="2025-12-01")
    assert at.selectbox(key=PICK).value == "region:UA-14"
    assert at.select_slider(key=DATE).value == date(2025, 12, 1)
    assert panel_title(at) == "Donetsk Oblast"
    shown = texts(at)
    assert "Under Russian control on 1 Dec 2025" in shown
    assert "What Russia demands" in shown
    assert "remainder of the Donbas" in shown
    assert "Russia claims to have captured Pokrovsk" in shown
    assert "What each side says about Donetsk Oblast" in shown
    # the Donbas figure is set beside Reuters' estimate, with both sources
    assert "about 5,000 km²" in shown and "grey zone" in shown
    # readers see a short date note, never ids or file names
    assert "fc_" not in shown and "sources.yml" not in shown and ".csv" not in shown
    assert not at.warning
    assert url(at) == {"region": "UA-14", "date": "2025-12-01"}


def test_deep_link_to_a_place_sets_the_claims_side_by_side():
    at = open_map(place="kupyansk")
    assert panel_title(at) == "Kupiansk"
    shown = texts(at)
    assert "Who claims what about Kupiansk" in shown
    lists = lists_html(at)
    assert "<h4>Russia says</h4>" in lists and "<h4>Ukraine says</h4>" in lists
    assert "Claim by Russia" in shown and "Claim by Ukraine" in shown
    assert "Source: the article" in shown
    assert url(at) == {"place": "kupyansk", "date": "2025-12-17"}


def test_the_lists_under_the_panel_are_one_html_element_with_their_sections():
    at = open_map(region="UA-14")
    lists = lists_html(at)
    headings = re.findall(r"<h3>(.*?)</h3>", lists)
    assert headings == [
        "What each side says about Donetsk Oblast",
        "Events in Donetsk Oblast",
        "Fact checks",
    ]
    assert lists.count('<section class="map-group">') >= 3  # one box per party
    assert "Fact check. " in lists  # an event's fact check, under it
    assert [body for body in html_bodies(at) if 'class="map-lists"' in body] == [lists]
    # the summary box beside the details box is one element too
    (summary,) = [body for body in html_bodies(at) if 'class="map-summary"' in body]
    assert "Under Russian control on" in html_visible(summary)
    # a place's lists, and nothing selected: none
    assert "Who claims what about Kupiansk" in lists_html(open_map(place="kupyansk"))
    assert not [body for body in html_bodies(open_map()) if 'class="map-lists"' in body]


def test_the_overview_panel_is_one_html_element_with_the_donbas_figure_and_regions():
    """Before a selection the panel is one bordered HTML box, like a region's: as Streamlit's
    subheader, markdown, metric and captions it took the first view's browser ~0.3 s more."""
    at = open_map()
    (summary,) = [body for body in html_bodies(at) if 'class="map-summary"' in body]
    shown = html_visible(summary)
    assert re.search(r"<h3>(.*?)</h3>", summary).group(1) == "Nothing selected"
    assert re.search(
        r'<p class="map-metric"[^>]*><span>Donbas held by Ukraine</span>'
        r"<strong>[0-9,]+ km²</strong></p>",
        summary,
    ), summary[:400]
    assert "<h4>The regions in the story</h4><ul><li>" in summary
    assert "Sevastopol — annexation claimed 18 Mar 2014 — all under Russian control" in shown
    assert "Shares of each region under Russian control on 17 Dec 2025" in shown
    assert not at.metric  # no metric widget (and its code) to load on the map page
    assert "<script" not in summary


def test_malformed_link_shows_notices_and_the_default_view():
    at = open_map(region="<script>", date="2099-99-99")
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 2
    assert any("region" in w and "\\<script\\>" in w for w in warnings)
    assert any("date" in w and "2099" in w for w in warnings)
    assert panel_title(at) == "Nothing selected"
    assert at.select_slider(key=DATE).value == ARTICLE_DAY
    assert url(at) == {"date": "2025-12-17"}


def test_link_with_a_region_and_a_place_keeps_the_region_and_says_so():
    at = open_map(region="UA-09", place="kupyansk")
    assert panel_title(at) == "Luhansk Oblast"
    assert any("showing the region" in w.value for w in at.warning)


def test_unknown_setting_is_reported():
    at = open_map(zoom="9")
    assert any("zoom" in w.value for w in at.warning)
    assert panel_title(at) == "Nothing selected"


def test_details_box_selects_and_back_button_returns_to_the_overview():
    at = open_map()
    assert at.button(key="map_back").disabled  # nothing to go back from
    at.selectbox(key=PICK).set_value("place:novorossiysk").run()
    assert panel_title(at) == "Novorossiysk"
    assert not at.button(key="map_back").disabled
    shown = texts(at)
    assert "Russia denies any submarine was damaged" in shown
    assert "Ukrainian media says" in shown
    assert url(at) == {"place": "novorossiysk", "date": "2025-12-17"}

    at.button(key="map_back").click().run()
    assert panel_title(at) == "Nothing selected"
    assert at.selectbox(key=PICK).value == ""
    assert url(at) == {"date": "2025-12-17"}
    assert at.button(key="map_back").disabled


def test_a_unit_the_article_does_not_name_still_has_figures():
    at = open_map(region="UA-46")
    assert panel_title(at) == "Lviv Oblast"
    shown = texts(at)
    assert "No annexation claim by Russia on record" in shown
    assert "The article does not discuss this region." in shown


def test_moving_the_date_updates_the_figures_and_the_link():
    at = open_map(region="UA-14")
    at.select_slider(key=DATE).set_value(date(2025, 11, 20)).run()
    shown = texts(at)
    assert "Showing 20 November 2025" in shown
    assert "Under Russian control on 20 Nov 2025" in shown
    # Gains are measured from before the map's date: the day before the 28-point draft's.
    assert url(at) == {"region": "UA-14", "date": "2025-11-20", "since": "2025-11-19"}


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path))
    cached.clear()
    yield tmp_path
    cached.clear()


def test_without_snapshots_the_map_still_renders_with_a_how_to(empty_cache):
    at = open_map(region="UA-14")
    assert len(at.get("plotly_chart")) == 1
    assert "<polyline" in history_chart(at)
    (notice,) = [i.value for i in at.info]
    assert "make snapshots" in notice and "dashboard.build fetch" in notice
    # The figures come from the committed data and stay.
    assert "Under Russian control on 17 Dec 2025" in texts(at)


def test_a_new_link_later_in_the_session_is_honoured():
    at = open_map(region="UA-14")
    at.query_params.clear()
    at.query_params["place"] = "znpp"  # e.g. a link from the positions page
    at.run()
    assert not at.exception
    assert panel_title(at) == "Zaporizhzhia Nuclear Power Plant"
    assert at.selectbox(key=PICK).value == "place:znpp"
    assert url(at) == {"place": "znpp", "date": "2025-12-17"}


def test_notices_stay_until_the_reader_moves_on():
    at = open_map(region="UA-99")
    assert len(at.warning) == 1
    at.run()  # a rerun keeps the link's notice
    assert len(at.warning) == 1
    at.selectbox(key=PICK).set_value("region:UA-65").run()
    assert not at.warning
    assert panel_title(at) == "Kherson Oblast"
