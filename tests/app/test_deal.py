"""The proposal page in AppTest: each proposal's figures, the URL, the date, the fallback."""

from __future__ import annotations

import html
import re

from streamlit.testing.v1 import AppTest

from dashboard.datasets.catalog import load_catalog

PROPOSAL_KEY = "deal_proposal"


def texts(at: AppTest) -> str:
    """Every markdown, caption, heading and metric value on the page, as one string."""
    parts = [element.value for element in at.markdown]
    parts += [element.value for element in at.caption]
    parts += [element.value for element in at.subheader]
    parts += [element.value for element in at.header]
    parts += [f"{metric.label}: {metric.value}" for metric in at.metric]
    parts += [element.proto.body for element in at.get("html")]
    return "\n".join(str(part) for part in parts).replace("\\", "")


def town_table(at: AppTest) -> str:
    """The town table as the page sends it (an HTML table, one element)."""
    (table,) = [el.proto.body for el in at.get("html") if 'class="deal-towns"' in el.proto.body]
    return table


def town_rows(at: AppTest) -> list[tuple[str, str]]:
    """(town, oblast) of each row of the town table."""
    rows = re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td>', town_table(at))
    return [(html.unescape(town), html.unescape(oblast)) for town, oblast in rows]


def metric(at: AppTest, label: str) -> str:
    """The value of the metric whose label starts with ``label``."""
    return next(m.value for m in at.metric if m.label.startswith(label))


def test_default_is_russias_donbas_demand_with_land_towns_and_people(run_page) -> None:
    at = run_page("deal")
    assert at.radio(key=PROPOSAL_KEY).value == "russia_donbas"
    assert at.query_params["proposal"] in ("russia_donbas", ["russia_donbas"])
    land = metric(at, "Land that would change hands")
    assert land.endswith("km²") and land != "0 km²"
    towns = int(metric(at, "Towns in it").replace(",", ""))
    assert towns >= 1
    assert town_rows(at) and len(town_rows(at)) == towns
    page = texts(at)
    assert "Proposed by: Russia" in page and "Rejected by: Ukraine" in page
    assert "DeepStateMap.Live" in page


def test_each_proposal_changes_the_figures_and_the_freeze_hands_over_nothing(run_page) -> None:
    at = run_page("deal")
    seen = {}
    for proposal_id in load_catalog().proposals["proposal_id"]:
        at.radio(key=PROPOSAL_KEY).set_value(proposal_id).run()
        assert not at.exception
        seen[proposal_id] = (metric(at, "Land"), metric(at, "Their pre-war population"))
    assert seen["ceasefire_on_the_line"] == ("0 km²", "0")
    assert seen["russia_five_regions"] != seen["russia_donbas"]
    at.radio(key=PROPOSAL_KEY).set_value("ceasefire_on_the_line").run()
    assert "No land would change hands" in texts(at)
    assert any("No town" in info.value for info in at.info)


def test_the_map_is_the_same_element_whatever_the_proposal(run_page) -> None:
    """Same figure, same alt, same key: the browser keeps its map (a new element id would
    rebuild it, and its tiles, on every switch)."""
    at = run_page("deal")
    chart = at.get("plotly_chart")[0].proto
    for proposal_id in load_catalog().proposals["proposal_id"]:
        at.radio(key=PROPOSAL_KEY).set_value(proposal_id).run()
        now = at.get("plotly_chart")[0].proto
        assert (now.id, now.spec, now.alt) == (chart.id, chart.spec, chart.alt), proposal_id


def test_a_link_restores_the_proposal_and_a_bad_one_is_named(run_page) -> None:
    at = run_page("deal", query={"proposal": "russia_five_regions"})
    assert at.radio(key=PROPOSAL_KEY).value == "russia_five_regions"
    assert any(oblast == "Zaporizhzhia Oblast" for _, oblast in town_rows(at))
    bad = run_page("deal", query={"proposal": "<script>"})
    assert bad.radio(key=PROPOSAL_KEY).value == "russia_donbas"
    assert any("Ignored the link" in warning.value for warning in bad.warning)


def test_the_date_control_recomputes_from_another_snapshot(run_page) -> None:
    at = run_page("deal", query={"proposal": "russia_donbas", "date": "2025-12-17"})
    on_17 = metric(at, "Land")
    at = run_page("deal", query={"proposal": "russia_donbas", "date": "2025-11-01"})
    assert at.select_slider(key="deal_date").value.isoformat() == "2025-11-01"
    assert metric(at, "Land") != on_17


def test_the_maps_region_panel_says_what_each_proposal_would_take_there(run_page) -> None:
    at = run_page("map", query={"region": "UA-23"})
    page = texts(at)
    assert "What each proposal would take here" in page
    assert "Russia: all five regions it claims" in page
    assert "Zaporizhzhia" in page and "km² held by Ukraine would change hands" in page
    assert "Nothing here would change hands." in page  # the Donbas demand, in Zaporizhzhia
    links = {(link.proto.page, link.proto.query_string) for link in at.get("page_link")}
    assert ("deal", "proposal=russia_five_regions") in links
    kharkiv = texts(run_page("map", query={"region": "UA-63"}))
    assert "What each proposal would take here" not in kharkiv


def test_without_snapshots_the_committed_figures_show_and_the_page_says_why(
    tmp_path, monkeypatch, run_page
) -> None:
    from dashboard import cached

    monkeypatch.setenv("DASHBOARD_CACHE_DIR", str(tmp_path))
    cached.clear()
    try:
        at = run_page("deal", query={"proposal": "russia_donbas", "date": "2025-12-17"})
        assert metric(at, "Land that would change hands") == "6,075 km²"
        (notice,) = [info.value for info in at.info]
        assert "cannot be drawn" in notice and "17 Dec 2025" in notice
        assert not at.get("select_slider")  # no date to choose without snapshots
        assert len(at.get("plotly_chart")) == 1  # the map is still drawn, without the land
    finally:
        cached.clear()


def test_a_territorial_position_links_to_what_its_proposal_would_cost(run_page) -> None:
    at = run_page("positions", query={"position": "russia_territory_donbas"})
    links = {(link.proto.page, link.proto.query_string) for link in at.get("page_link")}
    assert ("deal", "proposal=russia_donbas") in links
    # Zelenskyy's refusal rejects three proposals and makes one (the ceasefire on the line).
    at = run_page("positions", query={"position": "ukraine_territory_freeze"})
    links = {(link.proto.page, link.proto.query_string) for link in at.get("page_link")}
    assert ("deal", "proposal=ceasefire_on_the_line") in links
    assert ("deal", "proposal=russia_donbas") in links


def test_the_town_table_is_a_real_table_with_headers_biggest_town_first(run_page) -> None:
    """A table a screen reader can walk (not st.dataframe's canvas), in a named box that
    scrolls, with column and row headers; numbers set right; the biggest town first."""
    at = run_page("deal")
    assert not at.dataframe
    table = town_table(at)
    assert table.startswith('<div class="deal-towns" role="region" tabindex="0" aria-label="')
    headers = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table)
    assert headers == [
        "Town",
        "Oblast",
        "People (1 Jan 2022)",
        "Distance from the front (km)",
        "Near the front",
    ]
    people = [
        int(n.replace(",", ""))
        for n in re.findall(r'<td class="num">([0-9,]+)</td><td class="num">', table)
    ]
    assert len(people) == len(town_rows(at)) and people == sorted(people, reverse=True)
    assert "<script" not in table
