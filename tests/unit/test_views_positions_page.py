"""The positions page's view model: setup, issue blocks, cards, details, distance notes."""

from __future__ import annotations

import pytest

from dashboard.datasets.catalog import Catalog, load_catalog
from dashboard.views import positions as pv
from dashboard.views.positions import page
from dashboard.views.positions.scores import sticking_points
from dashboard.wording import party_label


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="module")
def setup(catalog: Catalog) -> page.PositionsSetup:
    return page.positions_setup(catalog)


def test_setup_labels_every_issue_and_position(setup, catalog):
    assert list(setup.issue_labels) == list(catalog.issues["issue_id"])
    assert set(setup.source_labels) == set(catalog.positions["position_id"])
    assert len(set(setup.source_labels.values())) == len(setup.source_labels)
    assert f"({setup.published:%-d %B %Y})" in setup.later_help


def test_the_default_page_shows_every_issue_for_every_party_on_record(setup, catalog):
    shown = page.positions_page(setup, None, None, False)
    assert [block.issue_id for block in shown.issues] == list(catalog.issues["issue_id"])
    assert all(len(block.cells) == len(pv.PARTIES) for block in shown.issues)
    cards = [card for block in shown.issues for cell in block.cells for card in cell.cards]
    assert cards and not any(card.later for card in cards)
    sticking = set(catalog.issues.loc[catalog.issues["sticking_point"], "issue_id"])
    assert {block.issue_id for block in shown.issues if block.sticking} == sticking
    assert shown.details is None
    assert shown.url == {"issue": None, "party": None, "later": None, "position": None}
    header = shown.csv.splitlines()[0]
    assert header.startswith("position_id,party,issue_id,stance,score")


def test_later_statements_are_left_out_with_a_caption_unless_asked_for(setup, catalog):
    later = pv.said_later(catalog.positions, catalog.sources)
    default = page.positions_page(setup, None, None, False)
    everything = page.positions_page(setup, None, None, True)
    if later.empty:
        assert default.later_caption == ""
        return
    assert default.later_caption.startswith("Showing what was on record by ")
    assert everything.later_caption == "" and everything.url["later"] == "1"
    cards = [c for block in everything.issues for cell in block.cells for c in cell.cards]
    assert {card.position_id for card in cards if card.later} == set(later["position_id"])


def test_an_issue_selection_details_its_scale_places_and_silent_parties(setup, catalog):
    issue = "territory"
    shown = page.positions_page(setup, issue, None, False)
    assert [block.issue_id for block in shown.issues] == [issue]
    details = shown.details
    assert details is not None and details.title == setup.issue_labels[issue]
    assert details.issue == setup.issue_labels[issue]
    row = catalog.issues.set_index("issue_id").loc[issue]
    assert (details.scale_low, details.scale_high) == (row["scale_low"], row["scale_high"])
    assert all(card.issue == details.issue for card in details.cards)
    speaking = {card.party for card in details.cards}
    assert set(details.silent) == {party_label(p) for p in pv.PARTIES} - speaking
    assert not details.nothing_found


def test_a_party_selection_narrows_the_cells_and_the_download(setup):
    shown = page.positions_page(setup, None, "russia", False)
    assert all(len(block.cells) == 1 and block.cells[0].party == "Russia" for block in shown.issues)
    details = shown.details
    assert details is not None and details.title == "Russia" and details.issue == ""
    assert details.silent == () and details.places == ()
    assert all(line.split(",")[1] == "russia" for line in shown.csv.splitlines()[1:2])


def test_a_card_says_who_claims_it_and_where_it_was_said(setup, catalog):
    records = catalog.positions.to_dict("records")
    claimed = next(r for r in records if pv.is_attributed(r))
    card = setup.card(claimed)
    assert card.claimant == party_label(claimed["claimed_by"])
    assert card.source_label == setup.source_labels[claimed["position_id"]]
    with_event = next(r for r in records if pv.present(r.get("event_id")))
    event = setup.card(with_event).event
    assert event is not None and event.query == {"event": with_event["event_id"]}
    assert event.label == setup.event_titles[with_event["event_id"]]


def test_distance_notes_name_the_widest_gap_and_every_scale(setup, catalog):
    ranking = pv.rank_sticking_points(
        catalog.issues, pv.on_record(catalog.positions, catalog.sources)
    )
    notes = sticking_points(catalog, ranking)
    assert [scale.label for scale in notes.scales] == list(ranking["label"])
    assert notes.widest is not None and notes.widest.label == ranking.iloc[0]["label"]
    assert notes.credit.producer
    quoted = [label for _, labels in notes.quotes for label in labels]
    assert set(quoted) == set(catalog.issues.loc[catalog.issues["sticking_point"], "label"])


def test_the_distance_chart_labels_rows_and_hovers(catalog):
    shown = pv.on_record(catalog.positions, catalog.sources)
    ranking = pv.rank_sticking_points(catalog.issues, shown)
    drawn = pv.distance_chart(ranking, pv.effective_scores(shown))
    assert len(drawn.row_labels) == len(drawn.spreads) == len(ranking)
    assert all(label.startswith("<b>") for label in drawn.row_labels)
    assert all(hover.startswith("<b>") for hover in drawn.scores["hover"])
    assert pv.score_text(-2) == "−2" and pv.score_text(0) == "0" and pv.score_text(1.5) == "+1.5"
