"""Positions page in real Chromium: choose an issue, see claims marked, deep links, phone."""

from __future__ import annotations

import re

import pytest

from tests.harness.browser import (
    VIEWPORTS,
    assert_page_clean,
    expect_rerun,
    open_page,
    screenshot,
)

PATH = "positions"
#: The territory row's heading (it also carries the "sticking point" badge).
TERRITORY = re.compile(r"^Territory and the Donbas")

#: JS: the nearest ancestor of ``el`` drawn with a border, and whether it holds an issue heading.
OUTLINE_JS = """
(el) => {
  for (let node = el.parentElement; node; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (parseFloat(style.borderTopWidth) > 0 && style.borderTopStyle !== 'none') {
      return {holdsIssueHeading: !!node.querySelector('h3'), text: node.innerText.slice(0, 80)};
    }
  }
  return null;
}
"""


def main(page):
    return page.locator('[data-testid="stMain"]')


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label`` with real clicks."""
    with expect_rerun(page):
        page.get_by_role("combobox", name=label).click()
        page.get_by_role("option", name=option, exact=True).click()


def test_selecting_nato_shows_every_party_with_attribution_and_source(
    page, recorder, dashboard_url
):
    open_page(page, dashboard_url, PATH)
    choose(page, "Issue", "NATO membership")

    assert "issue=nato" in page.url
    content = main(page)
    assert content.get_by_role("heading", name="Every position: NATO membership").is_visible()
    details = content.locator('[data-testid="stVerticalBlock"]').filter(
        has_text="on NATO membership"
    )
    text = content.inner_text()
    for party, stance, speaker in (
        ("United States", "rejects", "Donald Trump"),
        ("Russia", "demands", "Sergey Lavrov"),
        ("Ukraine", "offers", "Volodymyr Zelenskyy"),
    ):
        entry = details.filter(has_text=f"{party} on NATO membership").filter(has_text=speaker)
        assert entry.count() >= 1, f"no detail entry for {party} ({speaker})"
        entry_text = entry.last.inner_text()
        assert stance in entry_text
        assert "Source:" in entry_text
    claimed = details.filter(has_text="claimed by Russia").last.inner_text()
    assert "United States on NATO membership" in claimed
    assert "not its own statement" in claimed
    assert "Europe" in text and "No sourced position on NATO membership" in text
    assert_page_clean(recorder)


def test_claim_by_another_party_is_outlined_and_its_source_opens_on_click(
    page, recorder, dashboard_url
):
    open_page(page, dashboard_url, PATH, {"issue": "nato"})
    matrix_row = (
        main(page)
        .locator('[data-testid="stVerticalBlock"]')
        .filter(has=page.get_by_role("heading", name="NATO membership", exact=True))
        .last
    )
    claim_badge = matrix_row.get_by_text("claimed by Russia").first
    assert claim_badge.is_visible()
    own_badge = matrix_row.get_by_text("demands").first
    claim_outline = claim_badge.evaluate(OUTLINE_JS)
    own_outline = own_badge.evaluate(OUTLINE_JS)
    # the claim has a box of its own; Russia's own statement sits in the issue's box only
    assert claim_outline is not None and not claim_outline["holdsIssueHeading"], claim_outline
    assert own_outline is not None and own_outline["holdsIssueHeading"], own_outline

    claim_box = (
        matrix_row.locator('[data-testid="stVerticalBlock"]')
        .filter(has_text="claimed by Russia")
        .last
    )
    claim_box.get_by_role(
        "button",
        name="Quote & source: United States on NATO membership, claimed by Russia",
        exact=True,
    ).click()
    body = page.locator('[data-testid="stPopoverBody"]').filter(has_text="Sergey Lavrov")
    body.wait_for(state="visible")
    popover = body.inner_text()
    assert "Nato membership for Ukraine is unacceptable" in popover
    assert "Russia’s account of the United States position" in popover
    assert "Source: NZ Herald" in popover
    assert "15 Dec 2025" in popover
    assert_page_clean(recorder)


def test_deep_links_restore_the_selection_and_bad_ones_show_a_notice(page, recorder, dashboard_url):
    open_page(page, dashboard_url, PATH, {"issue": "nato"})
    assert page.get_by_role("combobox", name="Issue").input_value() == "NATO membership"
    assert main(page).get_by_role("heading", name="Every position: NATO membership").is_visible()

    open_page(page, dashboard_url, PATH, {"party": "russia"})
    assert page.get_by_role("combobox", name="Party").input_value() == "Russia"
    assert page.get_by_role("combobox", name="Issue").input_value() == "All issues"
    assert main(page).get_by_role("heading", name="Every position: Russia").is_visible()
    assert "party=russia" in page.url

    open_page(page, dashboard_url, PATH, {"issue": "<b>nato</b>", "party": "russia"})
    notice = main(page).locator('[data-testid="stAlert"]').filter(has_text="Ignored the link")
    assert notice.count() == 1
    assert "“issue”" in notice.inner_text()
    assert page.get_by_role("combobox", name="Issue").input_value() == "All issues"
    assert page.get_by_role("combobox", name="Party").input_value() == "Russia"
    assert "issue=" not in page.url
    assert_page_clean(recorder)


@pytest.mark.parametrize("viewport", [dict(VIEWPORTS["phone"])])
def test_matrix_reads_on_a_phone(page, recorder, dashboard_url, viewport):
    open_page(page, dashboard_url, PATH)
    width = viewport["width"]
    # nothing runs off the side of the screen
    overflow = page.evaluate(
        """() => {
          const main = document.querySelector('[data-testid="stMain"]');
          return Math.max(main.scrollWidth, document.documentElement.scrollWidth);
        }"""
    )
    assert overflow <= width, f"the page is {overflow}px wide on a {width}px screen"
    # the four party cells of an issue stack: each is nearly the full width, one below another
    row = (
        main(page)
        .locator('[data-testid="stVerticalBlock"]')
        .filter(has=page.get_by_role("heading", name=TERRITORY))
        .last
    )
    boxes = [
        row.get_by_text(name, exact=True).first.bounding_box()
        for name in ("United States", "Russia", "Ukraine", "Europe")
    ]
    assert all(box is not None for box in boxes)
    tops = [box["y"] for box in boxes]
    assert tops == sorted(tops) and len(set(tops)) == 4, tops
    lefts = {round(box["x"]) for box in boxes}
    assert len(lefts) == 1, f"party names are not aligned in one column: {lefts}"
    screenshot(page, "positions", "phone")
    assert_page_clean(recorder)


def test_desktop_screenshot_shows_the_four_parties_side_by_side(page, recorder, dashboard_url):
    open_page(page, dashboard_url, PATH)
    row = (
        main(page)
        .locator('[data-testid="stVerticalBlock"]')
        .filter(has=page.get_by_role("heading", name=TERRITORY))
        .last
    )
    tops = {
        round(row.get_by_text(name, exact=True).first.bounding_box()["y"])
        for name in ("United States", "Russia", "Ukraine", "Europe")
    }
    assert len(tops) == 1, f"the party names of one issue are not on one line: {tops}"
    screenshot(page, "positions", "desktop")
    open_page(page, dashboard_url, PATH, {"issue": "nato"})
    screenshot(page, "positions-nato", "desktop")
    assert_page_clean(recorder)


# --------------------------------------------------------------------------- the grid

GRID = ".st-key-positions-grid"
OPENED = ".st-key-positions-opened"
#: The US territory cell's claim: Lavrov's account, shown in a dashed box.
LAVROV_CLAIM = re.compile(r"^Russia claims:.*Russian-inhabited lands go to Russia")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}])
def test_the_grid_is_in_the_first_screen_and_a_click_opens_its_card(
    page, recorder, dashboard_url, viewport
):
    open_page(page, dashboard_url, PATH)
    grid = page.locator(GRID)
    box = grid.bounding_box()
    assert box is not None
    # The grid starts in the first 800 px and its first issues are whole there.
    assert box["y"] < 400, box
    nato = grid.get_by_text("NATO membership", exact=True).bounding_box()
    assert nato is not None and nato["y"] + nato["height"] < 800, nato
    text = grid.inner_text()
    for party in ("United States", "Russia", "Ukraine", "Europe"):
        assert party in text
    assert text.count("no position on record") == 4
    # A claim looks different from an own statement: a dashed outline.
    claim = grid.get_by_role("button", name=LAVROV_CLAIM)
    own = grid.get_by_role("button", name=re.compile(r"demands.*Ukraine leaves the rest"))
    styles = """(el) => getComputedStyle(el).borderTopStyle"""
    assert claim.evaluate(styles) == "dashed"
    assert own.evaluate(styles) == "solid"
    screenshot(page, "positions-grid", "desktop", full_page=False)

    with expect_rerun(page):
        claim.click()
    card = page.locator(OPENED)
    card.wait_for(state="visible")
    card_text = card.inner_text()
    assert "United States on Territory and the Donbas" in card_text
    assert "claimed by Russia" in card_text
    assert "“territories where Russians have lived for centuries”" in card_text
    assert "Sergey Lavrov, Russian foreign minister" in card_text and "15 Dec 2025" in card_text
    assert "Source: NZ Herald" in card_text
    assert "position=us_territory_attributed" in page.url
    page.wait_for_timeout(500)
    opened = card.bounding_box()
    assert opened is not None and 0 <= opened["y"] < viewport["height"], opened
    screenshot(page, "positions-card", "desktop", full_page=False)
    assert_page_clean(recorder)


@pytest.mark.parametrize("viewport", [dict(VIEWPORTS["phone"])])
def test_on_a_phone_the_grid_shows_an_issue_at_a_time_with_the_parties_side_by_side(
    page, recorder, dashboard_url, viewport
):
    open_page(page, dashboard_url, PATH)
    grid = page.locator(GRID)
    row = grid.locator('[data-testid="stHorizontalBlock"]').filter(
        has=page.get_by_text("Territory and the Donbas", exact=True)
    )
    columns = row.first.locator(':scope > [data-testid="stColumn"]')
    boxes = [columns.nth(i).bounding_box() for i in range(columns.count())]
    assert len(boxes) == 5 and all(box is not None for box in boxes)
    issue, *parties = boxes
    # The issue on a line of its own, then the four parties side by side beneath it.
    assert issue["width"] > 0.8 * viewport["width"] - 40
    tops = {round(box["y"]) for box in parties}
    assert len(tops) == 1 and min(tops) >= issue["y"] + issue["height"] - 1, (issue, parties)
    lefts = [box["x"] for box in parties]
    assert lefts == sorted(lefts) and all(b["x"] + b["width"] <= viewport["width"] for b in parties)
    names = row.first.inner_text()
    for party in ("United States", "Russia", "Ukraine", "Europe"):
        assert party in names
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    assert overflow <= viewport["width"]
    screenshot(page, "positions-grid", "phone", full_page=False)
    assert_page_clean(recorder)
