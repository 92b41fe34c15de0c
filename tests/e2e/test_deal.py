"""The proposal page in real Chromium: each proposal draws its land and changes the figures."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.datasets import costs
from dashboard.datasets.catalog import load_catalog
from tests.harness.browser import (
    VIEWPORTS,
    assert_page_clean,
    expect_rerun,
    open_page,
    screenshot,
)

PATH = "deal"
ARTICLE_DAY = date(2025, 12, 17)

#: JS: what the map shows of the proposal in the URL: its land's features as drawn, the names
#: written on the map, and whether any other proposal's layer is visible.
DRAWN_JS = """
() => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')]
    .find(g => g._fullLayout && g._fullLayout.map && g._fullLayout.map._subplot);
  if (!gd) return null;
  const map = gd._fullLayout.map._subplot.map;
  if (!map.isStyleLoaded()) return null;
  const id = new URL(location.href).searchParams.get('proposal');
  const layers = map.getStyle().layers.filter(l => l.id.startsWith('deal-'));
  const visible = layers.filter(l => map.getLayoutProperty(l.id, 'visibility') !== 'none');
  if (!visible.every(l => l.id.endsWith('--' + id))) return {drawn: -1, names: [], others: true};
  const area = visible.find(l => l.id.startsWith('deal-area--'));
  const drawn = area ? map.queryRenderedFeatures({layers: [area.id]}).length : 0;
  const written = visible.filter(l => l.id.startsWith('deal-names--')).map(l => l.id);
  const names = map.queryRenderedFeatures({layers: [...written, 'labels-city']})
    .map(f => f.properties.text);
  return {drawn, names, others: false};
}
"""


def biggest_town(proposal_id: str) -> str:
    """The biggest town the proposal would hand over on the article's date, from the same cache
    the server reads (the real snapshots, or their synthetic stand-ins in a clone without them)."""
    catalog = load_catalog()
    computed = costs.costs_on(ARTICLE_DAY, catalog.proposals, catalog.towns)
    assert computed is not None
    cost = next(cost for cost in computed if cost.proposal_id == proposal_id)
    names = catalog.towns.set_index("town_id")["name_en"]
    return str(names[cost.towns.iloc[0]["town_id"]])


#: The proposal map's MapLibre map in the page.
MAP_JS = """() => {
  const gd = document.querySelector('[data-testid="stPlotlyChart"] .js-plotly-plot');
  return gd._fullLayout.map._subplot.map;
}"""


def figure(page, label: str) -> str:
    """The value of the key figure ``label``."""
    metric = page.locator('[data-testid="stMetric"]').filter(has_text=label)
    return metric.locator('[data-testid="stMetricValue"]').inner_text()


def drawn(page, land: bool = True) -> dict:
    """Wait until the map shows this proposal (its land drawn, if ``land``), then what it draws."""
    want = "r.drawn > 0" if land else "r.drawn === 0"
    handle = page.wait_for_function(
        f"(() => {{ const r = ({DRAWN_JS})(); return r && !r.others && {want} ? r : null; }})()",
        timeout=30_000,
    )
    return handle.json_value()


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
    assert drawn(page)["drawn"] > 0
    # Once the map is framed on the land, its biggest town is named (Kramatorsk on the real map).
    biggest = biggest_town("russia_donbas")
    page.wait_for_function(
        f"(() => {{ const r = ({DRAWN_JS})(); return r && r.names.includes({biggest!r}); }})()",
        timeout=15_000,
    )

    page.evaluate(f"() => {{ ({MAP_JS})().__keptAcrossSwitch = true; }}")
    choose(page, "Russia: all five regions it claims")
    assert "proposal=russia_five_regions" in page.url
    five = (figure(page, "Land that would change hands"), figure(page, "pre-war population"))
    assert five != donbas
    assert drawn(page)["drawn"] > 0
    # The switch only showed other layers: the browser kept its map (not rebuilt and re-tiled).
    assert page.evaluate(f"() => ({MAP_JS})().__keptAcrossSwitch === true")

    choose(page, "Ukraine and Europe: stop on the current line")
    assert figure(page, "Land that would change hands") == "0 km²"
    assert figure(page, "Towns in it") == "0"
    assert drawn(page, land=False)["drawn"] == 0
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


#: JS: the town table's box as a reader meets it: named, and whether it fits its column.
TOWN_TABLE_JS = """
() => {
  const box = document.querySelector('.deal-towns');
  if (!box) return null;
  return {
    name: box.getAttribute('aria-label'),
    heads: box.querySelectorAll('thead th').length,
    rows: box.querySelectorAll('tbody tr').length,
    fits: box.scrollWidth <= box.clientWidth + 1,
  };
}
"""


@pytest.mark.parametrize(
    "viewport", [VIEWPORTS["desktop"], VIEWPORTS["phone"]], indirect=True, ids=["desktop", "phone"]
)
def test_the_town_table_is_named_and_fits_a_phone(page, recorder, dashboard_url, viewport):
    """The towns are a real table in a named box, all five columns in view, on a phone too."""
    open_page(page, dashboard_url, PATH)
    table = page.evaluate(TOWN_TABLE_JS)
    assert table is not None and table["name"].startswith("Towns in the land"), table
    assert table["heads"] == 5 and table["rows"] == int(figure(page, "Towns in it")), table
    assert table["fits"], table
    box = page.get_by_role("region", name=table["name"])
    assert box.get_by_role("cell", name="Donetsk Oblast").first.is_visible()
    assert_page_clean(recorder)
