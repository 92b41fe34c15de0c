"""What ``make bench`` measures: one scenario per page, each with its interactions.

To benchmark a new page, append a :class:`Scenario` to :data:`PAGE_SCENARIOS` (it runs only
once its ``url_path`` is registered in ``dashboard.page_scripts.PAGES``). An :class:`Interaction`
performs one user input that causes a rerun; ``kind`` names the reference interaction it is
compared with (``"click"``: a click on the map; ``"filter"``: a selectbox change), and
``check`` (optional) asserts that the updated content is visible afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.harness.browser import APP_SCRIPT, click_map_lonlat, map_chart_index, served_path

REFERENCE_SCRIPT = Path(__file__).resolve().parent / "reference_app.py"

#: Inside Donetsk oblast (UA-14), in the Russian-held part; drawn on both maps.
DONETSK = (38.2, 47.7)
#: The Kupyansk place marker on the dashboard's map (data/places.csv).
KUPYANSK = (37.61581, 49.71003)


@dataclass(frozen=True)
class Interaction:
    """One timed user input that makes the page rerun."""

    name: str
    kind: str  # "click" or "filter": which reference round trip it is compared with
    perform: Callable[[Any], None]
    check: Callable[[Any], None] | None = None


@dataclass(frozen=True)
class Scenario:
    """A page to load (and interact with) in a fresh browser context, ``repeats`` times."""

    name: str
    script: Path
    url_path: str = ""
    query: Mapping[str, str] = field(default_factory=dict)
    interactions: tuple[Interaction, ...] = ()
    is_reference: bool = False


# --------------------------------------------------------------------------- inputs


def click_map(lon: float, lat: float) -> Callable[[Any], None]:
    """Real mouse click on the page's map at ``(lon, lat)``."""

    def perform(page: Any) -> None:
        click_map_lonlat(page, lon, lat, chart_index=map_chart_index(page))

    return perform


def choose_in_selectbox(index: int = 0, option: str | None = None) -> Callable[[Any], None]:
    """Open the ``index``-th selectbox and pick ``option`` (default: the first not selected)."""

    def perform(page: Any) -> None:
        box = page.locator('[data-testid="stSelectbox"]').nth(index)
        box.scroll_into_view_if_needed()
        box.locator('[role="combobox"], input').first.click()
        options = page.get_by_role("option")
        options.first.wait_for(state="visible")
        if option is not None:
            target = options.filter(has_text=re.compile(rf"^{re.escape(option)}$"))
        else:
            target = page.locator('[role="option"][aria-selected="false"]')
        target.first.click()

    return perform


def choose_in_multiselect(label: str, option: str) -> Callable[[Any], None]:
    """Open the multiselect labelled ``label`` and add ``option`` (timeline filters)."""

    def perform(page: Any) -> None:
        box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label).first
        box.scroll_into_view_if_needed()
        box.click()
        # The click is the timed input (no key press after it: the probe times the last one).
        page.get_by_role("option", name=option, exact=True).click()

    return perform


def url_has(key: str, value: str) -> Callable[[Any], None]:
    """A check: the page's URL carries ``key=value`` (a filter written back to the link)."""

    def check(page: Any) -> None:
        from urllib.parse import parse_qs, urlsplit

        values = parse_qs(urlsplit(page.url).query).get(key, [])
        if value not in ",".join(values).split(","):
            raise AssertionError(f"expected {key}={value} in the URL after the input")

    return check


def choose_radio(label: str) -> Callable[[Any], None]:
    """Pick the first option not selected in the radio group whose label contains ``label``."""

    def perform(page: Any) -> None:
        group = page.locator('[data-testid="stRadio"]').filter(has_text=label).first
        group.scroll_into_view_if_needed()
        group.locator('label:has(input[type="radio"]:not(:checked))').first.click()

    return perform


def main_text_contains(pattern: str) -> Callable[[Any], None]:
    """A check: the page's main area shows text matching ``pattern``."""

    def check(page: Any) -> None:
        text = page.locator('[data-testid="stMain"]').inner_text()
        if not re.search(pattern, text):
            raise AssertionError(f"expected {pattern!r} on the page after the input")

    return check


# --------------------------------------------------------------------------- scenarios

REFERENCE = Scenario(
    name="reference",
    script=REFERENCE_SCRIPT,
    interactions=(
        Interaction(
            "map click", "click", click_map(*DONETSK), main_text_contains(r"Selected: UA-14")
        ),
        Interaction(
            "filter change",
            "filter",
            choose_in_selectbox(0, "East of the Dnipro"),
            main_text_contains(r"Filter: East of the Dnipro"),
        ),
    ),
    is_reference=True,
)

#: Dashboard pages, in navigation order. Pages without a widget are measured for load only.
PAGE_SCENARIOS: list[Scenario] = [
    # The default page is served at "/" only (its url_path gives "page not found").
    Scenario(name="overview", script=APP_SCRIPT, url_path=""),
    # Map (its owner's section): select a region, click it again to deselect, click a place
    # marker, then choose a region in the "Show details for" box (the keyboard route).
    Scenario(
        name="map",
        script=APP_SCRIPT,
        url_path="map",
        interactions=(
            Interaction(
                "map click", "click", click_map(*DONETSK), main_text_contains("Donetsk Oblast")
            ),
            Interaction(
                "map click again (deselect)",
                "click",
                click_map(*DONETSK),
                main_text_contains("Nothing selected"),
            ),
            Interaction(
                "place marker click",
                "click",
                click_map(*KUPYANSK),
                main_text_contains("Who claims what about Kupiansk"),
            ),
            Interaction(
                "details box",
                "filter",
                choose_in_selectbox(0, "Kherson Oblast (region)"),
                url_has("region", "UA-65"),
            ),
        ),
    ),
    # What a deal would cost: switch from Russia's Donbas demand to its five-region claim (the
    # land, towns and figures are recomputed from the day's snapshot, then cached).
    Scenario(
        name="deal",
        script=APP_SCRIPT,
        url_path="deal",
        interactions=(
            Interaction(
                "switch proposal",
                "filter",
                choose_radio("Proposal"),
                url_has("proposal", "russia_five_regions"),
            ),
        ),
    ),
    # Timeline (its owner's section): the filters are multiselects, not selectboxes.
    Scenario(
        name="timeline",
        script=APP_SCRIPT,
        url_path="timeline",
        interactions=(
            Interaction(
                "filter change",
                "filter",
                choose_in_multiselect("Parties", "Europe"),
                url_has("party", "europe"),
            ),
        ),
    ),
    # Positions (its owner's section): pick an issue, then a party; both go into the link.
    Scenario(
        name="positions",
        script=APP_SCRIPT,
        url_path="positions",
        interactions=(
            Interaction(
                "filter change",
                "filter",
                choose_in_selectbox(0, "NATO membership"),
                main_text_contains(r"Every position: NATO membership"),
            ),
            Interaction(
                "party filter",
                "filter",
                choose_in_selectbox(1, "Russia"),
                url_has("party", "russia"),
            ),
        ),
    ),
]


def registered_scenarios(names: set[str] | None = None) -> list[Scenario]:
    """Page scenarios whose page is in ``PAGES`` (optionally only those named)."""
    from dashboard.page_scripts import PAGES

    registered = {served_path(spec) for spec in PAGES}
    return [
        scenario
        for scenario in PAGE_SCENARIOS
        if scenario.url_path in registered and (not names or scenario.name in names)
    ]
