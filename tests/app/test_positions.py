"""Positions page in AppTest: matrix, claims marked, deep links, notices, URL writes, links."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.datasets.catalog import load_catalog
from dashboard.figures.style import party_label
from dashboard.page_scripts import PAGES, PAGES_DIR
from dashboard.views.positions import on_record
from dashboard.wording import markdown_text

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "main.py")
PAGE = str(PAGES_DIR / "positions.py")
ISSUE_KEY = "positions_issue"
PARTY_KEY = "positions_party"


def open_positions(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def url_value(at: AppTest, key: str) -> str | None:
    """The app's query parameter ``key`` (AppTest keeps a str or a list of str)."""
    if key not in at.query_params:
        return None
    value = at.query_params[key]
    return value if isinstance(value, str) else ",".join(value)


def markdown_texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def page_links(at: AppTest) -> list[tuple[str, str, str]]:
    return [(e.proto.label, e.proto.page, e.proto.query_string) for e in at.get("page_link")]


def test_positions_is_in_the_navigation():
    assert "positions.py" in {spec.file_name for spec in PAGES}


def test_default_view_shows_the_whole_matrix_with_key_and_ranking():
    at = open_positions()
    assert at.title[0].value == "Who wants what"
    texts = markdown_texts(at)
    headings = [t for t in texts if t.startswith("### ")]
    assert len(headings) == 5
    assert any("Territory and the Donbas" in h and "sticking point" in h for h in headings)
    assert any(t.startswith("**Key**") for t in texts)
    # Lavrov's account of the US view is marked as Russia's claim
    assert any("**Claimed by Russia**" in t for t in texts)
    # Europe has no sourced NATO position: said, not invented
    assert "**Europe** :gray[— no sourced position]" in texts
    assert at.selectbox(key=ISSUE_KEY).value == ""
    assert at.selectbox(key=PARTY_KEY).value == ""
    assert "How far apart are they?" in [h.value for h in at.header]
    assert len(at.get("plotly_chart")) == 1
    # the article's own sticking points sit beside the ranking, with its words
    assert any("the remaining sticking points" in t for t in texts)
    assert not at.warning


def test_deep_link_to_an_issue_selects_it_and_lists_every_position():
    at = open_positions(issue="nato")
    assert at.selectbox(key=ISSUE_KEY).value == "nato"
    assert at.header[0].value == "Every position: NATO membership"
    texts = markdown_texts(at)
    detail = [t for t in texts if " on NATO membership " in t and t.startswith("**")]
    assert {t.split("**")[1] for t in detail} == {"United States", "Russia", "Ukraine"}
    assert any("United States" in t and "claimed by Russia" in t for t in detail)
    assert any("not its own statement" in t for t in texts)
    assert any("No sourced position on NATO membership" in t and "Europe" in t for t in texts)
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Source: NZ Herald") for c in captions)
    assert url_value(at, "issue") == "nato"


def test_deep_link_to_a_party_selects_it():
    at = open_positions(party="russia")
    assert at.selectbox(key=PARTY_KEY).value == "russia"
    assert at.header[0].value == "Every position: Russia"
    cells = [t for t in markdown_texts(at) if t.startswith("**") and "-badge[" in t]
    assert cells, "the matrix shows Russia's cells"
    assert not any(t.startswith(("**United States**", "**Ukraine**", "**Europe**")) for t in cells)


@pytest.mark.parametrize(
    ("query", "param"),
    [({"issue": "natoo"}, "issue"), ({"party": "china"}, "party"), ({"issue": "x" * 300}, "issue")],
)
def test_malformed_deep_link_shows_a_notice_and_the_default_view(query, param):
    at = open_positions(**query)
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1
    assert f"“{param}”" in warnings[0]
    assert at.selectbox(key=ISSUE_KEY).value == ""
    assert at.selectbox(key=PARTY_KEY).value == ""
    assert url_value(at, param) is None


def test_choosing_an_issue_writes_the_url_and_clears_old_notices():
    at = open_positions(issue="natoo")
    assert at.warning
    at.selectbox(key=ISSUE_KEY).set_value("territory").run()
    assert url_value(at, "issue") == "territory"
    assert not at.warning
    at.selectbox(key=PARTY_KEY).set_value("ukraine").run()
    assert url_value(at, "party") == "ukraine"
    assert at.header[0].value == "Every position: Ukraine on Territory and the Donbas"
    at.selectbox(key=ISSUE_KEY).set_value("").run()
    assert url_value(at, "issue") is None
    assert at.header[0].value == "Every position: Ukraine"


def test_issue_with_places_links_to_the_map_and_positions_to_the_timeline():
    at = open_positions(issue="territory")
    links = {(page, query) for _, page, query in page_links(at)}
    assert ("map", "region=UA-14") in links
    assert ("map", "region=UA-09") in links
    assert ("timeline", "event=lavrov_irib_interview") in links


def test_nuclear_plant_links_to_the_plant_on_the_map():
    at = open_positions(issue="nuclear_plant")
    assert ("map", "place=znpp") in {(page, query) for _, page, query in page_links(at)}


def test_a_link_back_into_the_page_later_in_the_session_is_honoured():
    at = open_positions(issue="nato")
    overview = next(spec.path for spec in PAGES if spec.default)
    at.query_params.clear()
    at.switch_page(overview).run()
    at.query_params["issue"] = "territory"
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.selectbox(key=ISSUE_KEY).value == "territory"
    assert at.header[0].value == "Every position: Territory and the Donbas"


def popover_labels(at: AppTest) -> list[str]:
    return [block.proto.popover.label for block in at.get("popover")]


def test_every_quote_and_source_popover_names_its_party_and_issue():
    at = open_positions()
    catalog = load_catalog()
    labels = popover_labels(at)
    # one per position on record in the matrix, and a screen reader can tell each apart
    shown = on_record(catalog.positions, catalog.sources)
    assert len(labels) == len(shown) < len(catalog.positions)
    assert len(set(labels)) == len(labels), sorted(labels)
    issues = dict(zip(catalog.issues["issue_id"], catalog.issues["label"], strict=True))
    for record in shown.to_dict("records"):
        named = markdown_text(
            f"Quote & source: {party_label(record['party'])} on {issues[record['issue_id']]}"
        )
        assert any(label.startswith(named) for label in labels), named
    assert (
        markdown_text("Quote & source: United States on NATO membership, claimed by Russia")
        in labels
    )
    assert (
        markdown_text("Quote & source: Russia on Territory and the Donbas — Vladimir Putin")
        in labels
    )


def test_popover_names_stay_distinct_when_the_matrix_narrows():
    at = open_positions(party="russia")
    labels = popover_labels(at)
    assert labels and len(set(labels)) == len(labels)
    assert all(label.startswith(markdown_text("Quote & source: Russia on ")) for label in labels)


def test_later_statements_are_off_by_default_and_dated_when_switched_on():
    at = open_positions(issue="nuclear_plant")
    texts = markdown_texts(at)
    assert at.toggle(key="positions_later").value is False
    notes = [c.value for c in at.caption]
    hidden = "3 statements made after the article (23–24 Dec 2025) are left out"
    assert any(hidden in note for note in notes)
    assert not any("after the article:" in t for t in texts)
    # the US 28-point draft, Rosatom's and Kyiv's positions of Nov–Dec are on record
    assert any("IAEA supervision" in t for t in texts)
    at.toggle(key="positions_later").set_value(True).run()
    assert not at.exception
    assert url_value(at, "later") == "1"
    texts = markdown_texts(at)
    dated = [t for t in texts if "after the article: 24 Dec 2025" in t]
    assert len(dated) >= 2  # Zelenskyy's account of the US plan and Kyiv's counter-offer
    assert any("after the article: 23 Dec 2025" in t for t in texts)  # Rosatom


def test_a_link_can_switch_later_statements_on():
    at = open_positions(later="1")
    assert at.toggle(key="positions_later").value is True
    assert not at.warning


# --------------------------------------------------------------------------- the grid

GRID_PREFIX = "grid-"


def grid_buttons(at: AppTest) -> dict[str, str]:
    """The grid's buttons by key (``grid-own-<position>`` / ``grid-claim-<position>``)."""
    return {b.key: b.label for b in at.button if b.key and b.key.startswith(GRID_PREFIX)}


def test_the_grid_comes_first_with_one_button_a_position_on_record():
    at = open_positions()
    buttons = grid_buttons(at)
    catalog = load_catalog()
    shown = on_record(catalog.positions, catalog.sources)
    own = shown[shown["claimed_by"].isna() | (shown["claimed_by"] == "")]
    claims = shown[~shown.index.isin(own.index)]
    assert {f"grid-own-{p}" for p in own["position_id"]} | {
        f"grid-claim-{p}" for p in claims["position_id"]
    } == set(buttons)
    # A claim's button says who makes it; every button carries the stance and the gist.
    assert buttons["grid-claim-us_nato_attributed"].startswith("Russia claims: ")
    for key, label in buttons.items():
        position = shown.set_index("position_id").loc[key.split("-", 2)[2]]
        assert position["stance"] in label and markdown_text(position["gist"]) in label
    # The grid's issue column and the empty cells come before the key and the cards.
    texts = markdown_texts(at)
    first_card = next(i for i, t in enumerate(texts) if t.startswith("### "))
    grid_issue = next(
        i for i, t in enumerate(texts) if t.startswith("**Territory and the Donbas**")
    )
    assert grid_issue < first_card
    captions = [c.value for c in at.caption]
    assert sum("no position on record" in c for c in captions) == 4
    assert url_value(at, "position") is None


def test_clicking_a_grid_cell_opens_its_card_and_writes_the_link():
    at = open_positions()
    at.button(key="grid-claim-us_territory_attributed").click().run()
    assert not at.exception
    assert url_value(at, "position") == "us_territory_attributed"
    texts = markdown_texts(at)
    assert any(
        t.startswith("**United States** on Territory and the Donbas") and "claimed by Russia" in t
        for t in texts
    )
    assert "> “territories where Russians have lived for centuries”" in texts
    assert any(t.startswith("**Sergey Lavrov, Russian foreign minister**") for t in texts)
    assert any(c.value.startswith("Source: NZ Herald") for c in at.caption)
    at.button(key="positions_close").click().run()
    assert url_value(at, "position") is None
    assert not any(b.key == "positions_close" for b in at.button)


def test_a_link_to_a_position_opens_its_card():
    at = open_positions(position="ukraine_nato_drop_bid")
    assert any(b.key == "positions_close" for b in at.button)
    assert any(t.startswith("**Ukraine** on NATO membership") for t in markdown_texts(at))


def test_a_link_to_an_unknown_position_is_ignored_with_a_notice():
    at = open_positions(position="nobody_anything")
    assert not any(b.key == "positions_close" for b in at.button)
    assert any("position" in w.value for w in at.warning)
