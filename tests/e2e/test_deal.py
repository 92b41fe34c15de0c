"""The proposal page in real Chromium: each proposal draws its land and changes the figures."""

from __future__ import annotations

from tests.harness.browser import assert_page_clean, expect_rerun, open_page, screenshot

PATH = "deal"

#: JS: the land layer's features as drawn, and the map's names on screen.
DRAWN_JS = """
() => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')]
    .find(g => g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot);
  if (!gd) return null;
  const map = gd._fullLayout.map._subplot.map;
  if (!map.loaded()) return null;
  const style = map.getStyle();
  const land = style.layers.find(l => l.id.startsWith('area-') && l.paint
    && l.paint['fill-color'] && style.sources[l.source]
    && JSON.stringify(style.sources[l.source].data || '').includes('total_km2'));
  const drawn = land ? map.queryRenderedFeatures({layers: [land.id]}).length : 0;
  const names = map.queryRenderedFeatures({layers: ['labels-city']})
    .map(f => f.properties.text);
  return {drawn, names};
}
"""


def figure(page, label: str) -> str:
    """The value of the key figure ``label``."""
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label)
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def drawn(page) -> dict:
    """Wait until the map has loaded, then what it draws."""
    page.wait_for_function(f"({DRAWN_JS})() !== null", timeout=30_000)
    page.wait_for_timeout(500)
    return page.evaluate(DRAWN_JS)


def choose(page, title: str) -> None:
    with expect_rerun(page):
        page.get_by_role("radio", name=title).check(force=True)


def test_each_proposal_draws_its_land_and_the_freeze_hands_over_nothing(
    page, recorder, dashboard_url
):
    open_page(page, dashboard_url, PATH)
    assert "proposal=russia_donbas" in page.url
    donbas = (figure(page, "Land that would change hands"), figure(page, "pre-war population"))
    assert donbas[0].endswith("km²") and donbas[0] != "0 km²"
    first = drawn(page)
    assert first["drawn"] > 0
    assert "Kramatorsk" in first["names"]

    choose(page, "Russia: all five regions it claims")
    assert "proposal=russia_five_regions" in page.url
    five = (figure(page, "Land that would change hands"), figure(page, "pre-war population"))
    assert five != donbas
    assert drawn(page)["drawn"] > 0

    choose(page, "Ukraine and Europe: stop on the current line")
    assert figure(page, "Land that would change hands") == "0 km²"
    assert figure(page, "Towns in it") == "0"
    assert drawn(page)["drawn"] == 0
    assert page.get_by_text("No town of 10,000 people or more").is_visible()
    screenshot(page, "deal-freeze")
    assert_page_clean(recorder)


def test_a_link_restores_the_proposal_on_desktop_and_phone(page, recorder, dashboard_url):
    open_page(page, dashboard_url, PATH, {"proposal": "us_28_point_draft"})
    assert page.get_by_role("radio", name="US 28-point draft (November)").is_checked()
    assert drawn(page)["drawn"] > 0
    screenshot(page, "deal-us-draft", "desktop")
    screenshot(page, "deal-us-draft", "phone")
    assert_page_clean(recorder)
