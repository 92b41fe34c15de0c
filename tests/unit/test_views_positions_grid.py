"""The positions grid: issues × parties, stance and gist per position, claims apart."""

from __future__ import annotations

import pytest

from dashboard.datasets.catalog import load_catalog
from dashboard.views.positions import grid as grid_view
from dashboard.views.positions import page
from dashboard.views.positions.records import PARTIES, on_record


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def setup(catalog):
    return page.positions_setup(catalog)


def test_every_issue_has_a_cell_for_every_party(catalog) -> None:
    shown = on_record(catalog.positions, catalog.sources)
    grid = grid_view.position_grid(catalog.issues, shown)
    assert [row.issue_id for row in grid.rows] == list(catalog.issues["issue_id"])
    assert [key for key, _ in grid.parties] == list(PARTIES)
    assert [name for _, name in grid.parties] == ["United States", "Russia", "Ukraine", "Europe"]
    for row in grid.rows:
        assert [cell.party_key for cell in row.cells] == list(PARTIES)
    entries = [entry for row in grid.rows for cell in row.cells for entry in cell.entries]
    assert sorted(entry.position_id for entry in entries) == sorted(shown["position_id"])


def test_empty_cells_say_no_position_on_record(catalog) -> None:
    grid = grid_view.position_grid(catalog.issues, on_record(catalog.positions, catalog.sources))
    assert grid.empty_note == "no position on record"
    empty = {
        (row.issue_id, cell.party_key) for row in grid.rows for cell in row.cells if cell.empty
    }
    assert ("nato", "europe") in empty and ("timing", "ukraine") in empty
    assert ("territory", "russia") not in empty


def test_claims_come_after_own_statements_and_name_the_claimant(catalog) -> None:
    grid = grid_view.position_grid(catalog.issues, on_record(catalog.positions, catalog.sources))
    (territory,) = [row for row in grid.rows if row.issue_id == "territory"]
    us = territory.cells[0]
    assert [entry.claim for entry in us.entries] == [False, False, True]
    claim = us.entries[-1]
    assert claim.claimant == "Russia" and claim.position_id == "us_territory_attributed"
    assert claim.label.endswith("(claimed by Russia)")
    assert claim.label.startswith("United States on Territory and the Donbas: accepts, ")


def test_sticking_points_are_marked(catalog) -> None:
    grid = grid_view.position_grid(catalog.issues, catalog.positions)
    marked = {row.issue_id for row in grid.rows if row.sticking}
    assert marked == set(catalog.issues.loc[catalog.issues["sticking_point"], "issue_id"])


def test_every_gist_is_our_own_words_of_at_most_eight(catalog) -> None:
    for position in catalog.positions.to_dict("records"):
        gist = grid_view.gist_of(position)
        assert 0 < len(gist.split()) <= grid_view.GIST_WORDS, position["position_id"]
        quote = str(position["quote"] or "")
        assert gist.casefold() not in quote.casefold(), position["position_id"]


def test_a_missing_gist_falls_back_to_the_summary_cut_short() -> None:
    position = {"summary": "One two three four five six seven eight nine ten.", "gist": ""}
    assert grid_view.gist_of(position) == "One two three four five six seven eight…"
    assert grid_view.gist_of({"summary": "Short one.", "gist": None}) == "Short one"


def test_later_statements_join_the_grid_only_when_asked(setup, catalog) -> None:
    default = page.positions_page(setup, None, None, False)
    later = page.positions_page(setup, None, None, True)
    assert default.grid is not None and later.grid is not None
    assert default.grid.entry("russia_znpp_rosatom") is None
    entry = later.grid.entry("russia_znpp_rosatom")
    assert entry is not None and entry.later == "23 Dec"


def test_opening_a_position_gives_its_card_and_puts_it_in_the_link(setup) -> None:
    shown = page.positions_page(setup, None, None, False, "us_nato_attributed")
    card = shown.opened
    assert card is not None
    assert card.party == "United States" and card.claimant == "Russia"
    assert card.quote and card.speaker.startswith("Sergey Lavrov")
    assert card.credit.producer and card.when
    assert shown.url["position"] == "us_nato_attributed"


def test_an_unknown_or_hidden_position_opens_nothing(setup) -> None:
    assert page.positions_page(setup, None, None, False, "no_such_position").opened is None
    hidden = page.positions_page(setup, None, None, False, "russia_znpp_rosatom")
    assert hidden.opened is None and hidden.url["position"] is None


def test_the_grid_follows_the_issue_and_party_filters(setup, catalog) -> None:
    shown = page.positions_page(setup, "nato", None, False).grid
    assert shown is not None and [row.issue_id for row in shown.rows] == ["nato"]
    assert len(shown.rows[0].cells) == len(PARTIES)
    russia = page.positions_page(setup, None, "russia", False).grid
    assert russia is not None and [key for key, _ in russia.parties] == ["russia"]
    assert len(russia.rows) == len(catalog.issues)
    assert all([cell.party_key for cell in row.cells] == ["russia"] for row in russia.rows)
