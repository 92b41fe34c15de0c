"""``click_map_lonlat`` clicks a polygon on a plotly map and Streamlit receives the selection.

Runs against the throwaway app tests/e2e/apps/choropleth_click.py (two squares, west and
east), so the helper is proven before the dashboard's own map page exists.
"""

from __future__ import annotations

from tests.harness.browser import assert_page_clean, click_map_lonlat, expect_rerun, open_page


def selected(page) -> str:
    return page.get_by_text("selected:").inner_text().removeprefix("selected:").strip()


def test_clicking_a_polygon_selects_it(page, recorder, test_app_url):
    open_page(page, test_app_url("choropleth_click.py"))
    assert selected(page) == "none"

    with expect_rerun(page):
        click_map_lonlat(page, 31.0, 49.0)
    assert selected(page) == "west"

    with expect_rerun(page):
        click_map_lonlat(page, 35.0, 49.0)
    assert selected(page) == "east"

    assert_page_clean(recorder)


def test_clicking_outside_the_map_is_refused(page, test_app_url):
    open_page(page, test_app_url("choropleth_click.py"))
    try:
        click_map_lonlat(page, 120.0, -30.0)
    except ValueError as error:
        assert "outside map" in str(error)
    else:
        raise AssertionError("a point far outside the map was clicked")
