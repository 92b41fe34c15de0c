"""Map page logic: selection events → view state, URL state, tables and the detail panel."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pandas as pd
import pytest

from dashboard.datasets.catalog import load_catalog
from dashboard.datasets.control import load_control_by_region
from dashboard.figures.maps import REGION
from dashboard.state import parse_params
from dashboard.views import map as view
from dashboard.views.map import NOTHING, Selection

DONETSK = Selection("region", "UA-14")
KHARKIV = Selection("region", "UA-63")
KUPYANSK = Selection("place", "kupyansk")


def region_point(region_id: str, curve: int = 4) -> dict:
    """A choropleth point as Streamlit reports it."""
    return {
        "curve_number": curve,
        "point_index": 3,
        "location": region_id,
        "customdata": ["region", region_id],
    }


def place_point(place_id: str, curve: int = 12) -> dict:
    return {"curve_number": curve, "point_index": 0, "customdata": ["place", place_id]}


# --------------------------------------------------------------------------- selection


def test_clicking_a_region_selects_it():
    assert view.selection_from_points([region_point("UA-14")], NOTHING) == DONETSK


def test_clicking_the_selected_region_again_returns_to_the_overview():
    assert view.selection_from_points([region_point("UA-14")], DONETSK) == NOTHING


def test_clicking_another_region_moves_the_selection():
    assert view.selection_from_points([region_point("UA-63")], DONETSK) == KHARKIV


def test_an_empty_selection_event_is_a_deselect():
    assert view.selection_from_points([], DONETSK) == NOTHING
    assert view.selection_from_points(None, KUPYANSK) == NOTHING


def test_a_marker_wins_over_the_region_beneath_it():
    points = [region_point("UA-63"), place_point("kupyansk")]
    assert view.selection_from_points(points, NOTHING) == KUPYANSK
    assert view.selection_from_points(points, KUPYANSK) == NOTHING


def test_clicking_a_place_while_a_region_is_selected_selects_the_place():
    assert view.selection_from_points([place_point("kupyansk")], DONETSK) == KUPYANSK


def test_points_that_name_nothing_selectable_leave_the_selection_alone():
    stray = [{"curve_number": 0, "point_index": 1, "location": "POL"}]
    assert view.selection_from_points(stray, DONETSK) == DONETSK
    unknown = [region_point("UA-99")]
    assert view.selection_from_points(unknown, DONETSK, {"UA-14"}, {"kupyansk"}) == DONETSK
    odd = [{"customdata": ["country", "POL"]}, {"customdata": "UA-14"}]
    assert view.selection_from_points(odd, NOTHING) == NOTHING


def click(points: list[dict], current: Selection, drawn: Selection) -> tuple[Selection, bool]:
    """What the page does on a map click: the next selection, and whether to redraw."""
    selection = view.selection_from_points(points, current)
    return selection, view.needs_redraw(points, selection, drawn)


def test_clicks_from_the_overview_never_rebuild_the_figure():
    """Select, deselect, select a place, move to a region: plotly shows each itself."""
    assert click([region_point("UA-14")], NOTHING, NOTHING) == (DONETSK, False)
    assert click([], DONETSK, NOTHING) == (NOTHING, False)  # plotly's deselect event
    assert click([place_point("kupyansk")], NOTHING, NOTHING) == (KUPYANSK, False)
    assert click([region_point("UA-63")], KUPYANSK, NOTHING) == (KHARKIV, False)


def test_a_click_that_leaves_plotly_showing_something_else_rebuilds_the_figure():
    # Donetsk came from a link, so plotly had not selected it: a click on it selects it in
    # the chart while the page deselects it.
    assert click([region_point("UA-14")], DONETSK, NOTHING) == (NOTHING, True)
    stray = [{"curve_number": 0, "point_index": 1, "location": "POL"}]
    assert click(stray, DONETSK, NOTHING) == (DONETSK, True)
    both = [region_point("UA-14"), place_point("kupyansk")]
    assert click(both, NOTHING, NOTHING) == (KUPYANSK, True)


def test_any_click_on_a_figure_with_a_selection_drawn_in_rebuilds_it():
    assert click([region_point("UA-63")], DONETSK, DONETSK) == (KHARKIV, True)
    assert click([region_point("UA-14")], DONETSK, DONETSK) == (NOTHING, True)


def test_chart_shows_what_plotly_outlines_after_a_click():
    assert view.chart_shows([]) == NOTHING
    assert view.chart_shows(None) == NOTHING
    assert view.chart_shows([place_point("kupyansk")]) == KUPYANSK
    assert view.chart_shows([region_point("UA-14"), place_point("kupyansk")]) is None
    assert view.chart_shows([{"location": "POL"}]) is None


def test_event_points_reads_attribute_and_mapping_events():
    points = [region_point("UA-14")]
    assert view.event_points({"selection": {"points": points}}) == points
    as_attributes = SimpleNamespace(selection=SimpleNamespace(points=points))
    assert view.event_points(as_attributes) == points
    assert view.event_points(None) == []
    assert view.event_points({"selection": {}}) == []


def test_selection_round_trips_through_its_option_string():
    for selection in (DONETSK, KUPYANSK, NOTHING):
        assert Selection.from_option(selection.option) == selection
    assert Selection.from_option("country:POL") == NOTHING
    assert Selection.from_option("region:") == NOTHING
    assert DONETSK.region == "UA-14" and DONETSK.place is None
    assert KUPYANSK.place == "kupyansk" and NOTHING.empty


# --------------------------------------------------------------------------- URL state

PARAMS = view.url_params(["UA-09", "UA-14"], ["kupyansk"], date(2025, 11, 1), date(2026, 1, 31))


def test_a_shared_link_parses_into_selection_and_date():
    values, notices = parse_params({"region": ["UA-14"], "date": ["2025-12-01"]}, PARAMS)
    assert notices == []
    assert values["date"] == date(2025, 12, 1)
    assert view.selection_from_url(values) == (DONETSK, [])


def test_a_malformed_link_is_ignored_with_notices():
    values, notices = parse_params({"region": ["<script>"], "date": ["2099-99-99"]}, PARAMS)
    assert values == {}
    assert {notice.param for notice in notices} == {"region", "date"}
    assert view.selection_from_url(values) == (NOTHING, [])


def test_a_link_naming_a_region_and_a_place_keeps_the_region_and_says_so():
    values, _ = parse_params({"region": ["UA-14"], "place": ["kupyansk"]}, PARAMS)
    selection, notices = view.selection_from_url(values)
    assert selection == DONETSK
    assert [notice.param for notice in notices] == ["place"]


def test_url_values_write_only_what_is_selected():
    assert view.url_values(KUPYANSK, date(2025, 12, 17)) == {
        "region": None,
        "place": "kupyansk",
        "date": date(2025, 12, 17),
        "since": None,
    }
    # The default earlier date (the 28-point draft's day) stays out of the link.
    assert view.url_values(KUPYANSK, None, date(2025, 11, 20))["since"] is None
    assert view.url_values(KUPYANSK, None, date(2025, 12, 1))["since"] == date(2025, 12, 1)


def test_gains_are_measured_from_an_earlier_snapshot_only():
    days = [date(2025, 11, 19), date(2025, 11, 20), date(2025, 12, 1), date(2025, 12, 17)]
    assert view.gains_since(None, days, date(2025, 12, 17)) == date(2025, 11, 20)
    assert view.gains_since(date(2025, 12, 1), days, date(2025, 12, 17)) == date(2025, 12, 1)
    # Not before the map's own date: the latest earlier one, else nothing.
    assert view.gains_since(None, days, date(2025, 11, 20)) == date(2025, 11, 19)
    assert view.gains_since(date(2025, 12, 17), days, date(2025, 12, 1)) == date(2025, 11, 20)
    assert view.gains_since(None, days, date(2025, 11, 19)) is None
    assert view.gains_since_options(days, None) == []


def test_on_or_before_snaps_to_the_latest_earlier_snapshot():
    days = [date(2025, 12, 1), date(2025, 12, 3), date(2025, 12, 4)]
    assert view.on_or_before(date(2025, 12, 2), days) == date(2025, 12, 1)
    assert view.on_or_before(date(2025, 12, 3), days) == date(2025, 12, 3)
    assert view.on_or_before(date(2025, 11, 1), days) == date(2025, 12, 1)
    assert view.on_or_before(date(2026, 1, 1), days) == date(2025, 12, 4)
    assert view.on_or_before(date(2026, 1, 1), []) is None


def test_voice_keeps_claims_apart_from_what_a_party_says_of_itself():
    assert view.voice({"claimed_by": "russia", "parties": ("russia", "ukraine")}) == (
        "russia",
        "Claim by Russia",
    )
    assert view.voice({"claimed_by": None, "parties": ("russia",)}) == (
        "russia",
        "Said or done by Russia",
    )
    assert view.voice({"claimed_by": float("nan"), "parties": ("us", "ukraine")})[0] == (
        view.REPORTED
    )


# --------------------------------------------------------------------------- tables


def small_units() -> dict:
    features = [
        {
            "id": code,
            "properties": {"region_id": code, "name_en": name, "name_uk": uk, "type_en": kind},
        }
        for code, name, uk, kind in (
            ("UA-14", "Donetsk", "Донецька область", "Region"),
            ("UA-43", "Crimea", "Крим", "Autonomous Republic"),
            ("UA-30", "Kyiv", "Київ", "City with special status"),
            ("UA-46", "Lviv", "Львівська область", "Region"),
        )
    ]
    return {"type": "FeatureCollection", "features": features}


def small_regions() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region_id": ["UA-14", "UA-43"],
            "name_en": ["Donetsk Oblast", "Autonomous Republic of Crimea"],
            "name_uk": ["Донецька область", "Автономна Республіка Крим"],
            "annexation_claimed": [pd.Timestamp("2022-09-30"), pd.Timestamp("2014-03-18")],
        }
    )


def test_unit_table_sets_the_claimed_regions_apart_and_credits_its_sources():
    figures = {
        "UA-14": view.ControlFigure(date(2025, 12, 17), 26599.0, 20503.0, 6096.0, 0.7708),
    }
    table = view.unit_table(small_units(), small_regions(), figures).set_index("region_id")
    assert table["status"].to_dict() == {
        "UA-14": "annexed_2022",
        "UA-43": "annexed_2014",
        "UA-30": "other",
        "UA-46": "other",
    }
    assert table.loc["UA-14", "name"] == "Donetsk Oblast"
    assert table.loc["UA-30", "name"] == "Kyiv (city)"
    assert table.loc["UA-46", "name"] == "Lviv Oblast"
    donetsk = table.loc["UA-14", "hover"]
    assert "77%" in donetsk and "17 Dec 2025" in donetsk and "DeepStateMap.Live" in donetsk
    assert "Natural Earth" in table.loc["UA-46", "hover"]


def test_hover_text_escapes_markup_from_the_data():
    regions = small_regions().assign(name_en=["<b>Donetsk</b>", "Crimea"])
    table = view.unit_table(small_units(), regions, {})
    assert "&lt;b&gt;Donetsk&lt;/b&gt;" in table.loc[0, "hover"]


# ------------------------------------------------------------------ detail panel (real data)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def control():
    return load_control_by_region()


@pytest.fixture(scope="module")
def units():
    from dashboard.datasets.geo import ukraine_units_geojson
    from dashboard.figures.map_geometry import compact_layer

    return compact_layer(
        ukraine_units_geojson(),
        id_property="region_id",
        properties=("name_en", "name_uk", "type_en"),
    )


def test_donetsk_detail_has_control_demand_events_and_fact_checks(catalog, control, units):
    day = date(2025, 12, 15)
    figures = view.control_figures(control, day)
    detail = view.region_detail(catalog, "UA-14", units, figures, donbas_km2=6475.3)
    assert detail.name == "Donetsk Oblast" and detail.name_uk == "Донецька область"
    assert detail.status == "annexed_2022"
    assert detail.annexation is not None and "30 September 2022" in detail.annexation.heading
    assert detail.control is not None and detail.control.day == day
    assert 0.5 < detail.control.share < 1
    assert detail.donbas_km2 == 6475.3
    assert detail.demand is not None
    assert detail.demand.label == "Russia's demand"
    assert "withdraw from the remainder of the Donbas" in detail.demand.quote
    assert detail.demand.source.startswith("the article")
    titles = [event.heading for event in detail.events]
    assert "Russia claims to have captured Pokrovsk" in titles
    claim = next(e for e in detail.events if e.heading.startswith("Russia claims"))
    assert claim.label == "Claim by Russia" and claim.checks
    assert {group.key for group in detail.positions} >= {"russia", "ukraine", "us"}
    us = next(group for group in detail.positions if group.key == "us")
    assert any(item.label == "According to Russia" for item in us.items)
    assert all(item.source for group in detail.positions for item in group.items)
    assert len(detail.fact_checks) >= 1
    assert all(check.source.startswith("Checked against") for check in detail.fact_checks)


def test_a_unit_the_article_does_not_discuss_still_gets_a_panel(catalog, control, units):
    detail = view.region_detail(catalog, "UA-46", units, view.control_figures(control, None))
    assert detail.name == "Lviv Oblast"
    assert not detail.in_regions_table
    assert detail.status == "other" and detail.demand is None and detail.control is None
    assert detail.donbas_km2 is None


def test_kupyansk_sets_russias_claim_beside_ukraines_reports(catalog):
    detail = view.place_detail(catalog, "kupyansk", {"UA-63": "Kharkiv Oblast"})
    assert detail.where == "Kharkiv Oblast, Ukraine"
    groups = {group.key: group for group in detail.claims}
    assert list(groups)[:2] == ["russia", "ukraine"]
    headings = [item.heading for item in groups["russia"].items]
    assert "Putin says Kupiansk is fully in Russian hands" in headings
    assert all(item.label == "Claim by Russia" for item in groups["russia"].items)
    assert any("counter-attack" in item.heading for item in groups["ukraine"].items)
    assert all(item.when and item.source for group in detail.claims for item in group.items)


def test_novorossiysk_sets_the_strike_claim_beside_the_denial(catalog):
    detail = view.place_detail(catalog, "novorossiysk", {})
    groups = {group.key: group for group in detail.claims}
    assert {"russia", "ukraine", "ukrainian_media"} <= set(groups)
    denial = groups["russia"].items[0]
    assert "denies" in denial.heading and denial.label == "Said or done by Russia"
    assert groups["ukraine"].items[0].label == "Claim by Ukraine"
    assert detail.where == "Russia"


def test_pick_options_list_the_story_first(catalog, units):
    table = view.unit_table(units, catalog.regions, {})
    places = view.place_table(catalog.places, catalog.sources)
    options = view.pick_options(table, places, catalog.regions)
    keys = list(options)
    assert keys[0] == ""
    assert keys.index("region:UA-14") < keys.index("place:kupyansk") < keys.index("region:UA-46")
    assert len(keys) == 1 + len(table) + len(places)
    assert REGION == "region"


def test_place_credit_names_every_coordinate_source_most_used_first(catalog):
    credit = view.place_credit(catalog.places, catalog.sources)
    assert credit.startswith("GeoNames")
    assert "Wikipedia" in credit


def test_items_say_how_their_date_was_established(catalog):
    detail = view.place_detail(catalog, "kupyansk", {})
    claim = next(item for group in detail.claims for item in group.items if "fully" in item.heading)
    assert claim.when == "27 Nov 2025"
    # the article says only "previously": the reader's note says where the date comes from,
    # in a short sentence with no ids or file names
    assert claim.dating == "Bishkek press conference, 27 Nov 2025"


def test_map_tables_bundle_what_the_page_shows_for_a_date():
    catalog = load_catalog()
    control = load_control_by_region()
    units_geo = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": "UA-14", "properties": {"name_en": "Donetsk"}},
            {"type": "Feature", "id": "UA-46", "properties": {"name_en": "Lviv"}},
        ],
    }
    day = date(2025, 12, 15)
    tables = view.map_tables(catalog, control, units_geo, day)
    assert tables.day == day
    assert list(tables.units["region_id"]) == ["UA-14", "UA-46"]
    assert tables.options == view.pick_options(tables.units, tables.places, catalog.regions)
    assert tables.figures["UA-14"].share > 0.5
    assert tables.donbas_km2 == view.donbas_km2_on(control, day)
    assert any(
        row.startswith("Donetsk") and "under Russian control" in row for row in tables.overview
    )
    empty = view.map_tables(catalog, control, units_geo, None)
    assert empty.figures == {} and empty.donbas_km2 is None


def test_history_summary_names_first_figure_peak_low_and_the_maps_date():
    history = pd.DataFrame(
        {
            "date": pd.to_datetime(["2022-04-01", "2022-09-01", "2022-12-01", "2025-12-15"]),
            "frequency": ["monthly", "monthly", "monthly", "daily"],
            "russian_km2": [100_000.0, 120_000.0, 105_000.0, 114_000.0],
        }
    )
    summary = view.history_summary(history, date(2025, 12, 15))
    assert "100,000 km² on 1 Apr 2022 (first figure)" in summary
    assert "at most 120,000 km² on 1 Sep 2022" in summary
    assert "at least 105,000 km² on 1 Dec 2022 after that" in summary
    assert "114,000 km² on 15 Dec 2025 (the map's date)" in summary
    assert "map's date" not in view.history_summary(history, None)
    assert view.history_summary(history.iloc[0:0], None).startswith("No control figures")


def test_history_summary_prefers_the_daily_figure_of_a_date():
    history = pd.DataFrame(
        {
            "date": pd.to_datetime(["2025-12-01", "2025-12-01"]),
            "frequency": ["monthly", "daily"],
            "russian_km2": [1.0, 2.0],
        }
    )
    assert "2 km² on 1 Dec 2025 (the map's date)" in view.history_summary(
        history, date(2025, 12, 1)
    )
