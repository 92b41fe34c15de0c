"""Text hygiene: every event, position and place label rendered, with no doubled words and
every quote in exactly one pair of quotation marks.

The texts are rendered through the same view functions the pages and the static site use
(hovers, chart labels, cards, grid entries, map hovers, map labels), then checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from dashboard.datasets.catalog import load_catalog
from dashboard.export.pages import environment
from dashboard.summary import article_date
from dashboard.views import timeline as tl
from dashboard.views.map.tables import place_table
from dashboard.views.positions import grid as grid_view
from dashboard.views.positions import page as positions_page
from dashboard.views.timeline import page as timeline_page
from dashboard.views.timeline.chart import hover_text
from dashboard.views.timeline.state import TimelineState
from dashboard.wording import bare_quote, joined_without_repeats, quoted

#: Words that may well repeat inside one short label.
SMALL_WORDS = {"the", "and", "for", "its", "not", "with", "from", "but", "that", "this"}
#: Two double quotation marks with nothing but space between them.
DOUBLED_MARKS = re.compile(r"[“”\"„«»]\s*[“”\"„«»]")


def plain(text: str) -> str:
    """The words a reader sees: tags, markdown escapes and emphasis removed."""
    text = re.sub(r"<br>", "\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = text.replace("\\", "")
    return re.sub(r"\*\*|(?<!\w)_|_(?!\w)", "", text)


def doubled_words(text: str) -> list[str]:
    """Words that follow themselves (``the the``, ``plant, plant``)."""
    return [
        match.group(0)
        for match in re.finditer(r"\b([^\W\d_]+)\b[\s,;:·–—-]+\1\b", plain(text), re.IGNORECASE)
    ]


def repeated_in_line(text: str, longest: int = 12) -> list[str]:
    """Words a short line (a label, a hover line) repeats: ``Nuclear power plant, the nuclear
    plant``."""
    found = []
    # A parenthesis explains a name (a source's type: "Hawaii News Now (news agency)").
    for line in re.sub(r"\([^)]*\)", "", plain(text)).splitlines():
        words = [word.casefold() for word in re.findall(r"[^\W\d_]+", line)]
        if len(words) > longest:
            continue
        seen = set()
        for word in words:
            if word in seen and len(word) > 2 and word not in SMALL_WORDS:
                found.append(f"{word!r} in {line!r}")
            seen.add(word)
    return found


def check(text: str, where: str, short: bool = False) -> None:
    assert not doubled_words(text), f"{where}: doubled words {doubled_words(text)} in {text!r}"
    assert not DOUBLED_MARKS.search(plain(text)), f"{where}: doubled quote marks in {text!r}"
    if short:
        assert not repeated_in_line(text), f"{where}: {repeated_in_line(text)}"


def check_quote(shown: str, where: str) -> None:
    """A quote as shown: one opening and one closing mark, at its ends, none doubled."""
    text = plain(shown).strip().lstrip("> ").split("\n")[0].strip()
    if not text:
        return
    assert text.startswith("“") and text.endswith("”"), f"{where}: {text!r}"
    assert text.count("“") == 1 and text.count("”") == 1, f"{where}: {text!r}"
    assert '"' not in text, f"{where}: {text!r}"
    check(text, where)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


# --------------------------------------------------------------------------- the helpers


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("the border must move", "“the border must move”"),
        ("“the border must move”", "“the border must move”"),
        ('"the border must move"', "“the border must move”"),
        ("““doubled””", "“doubled”"),
        ("“cut short", "“cut short”"),
        ("'single pair'", "“single pair”"),
        ("'root causes' of the war", "“'root causes' of the war”"),
        ("  spaced   out  ", "“spaced out”"),
        ("", ""),
        (None, ""),
    ],
)
def test_a_quote_is_shown_in_exactly_one_pair_of_marks(raw, shown) -> None:
    assert quoted(raw) == shown
    assert quoted(quoted(raw)) == shown
    assert bare_quote(shown) == shown[1:-1]


def test_a_part_that_repeats_earlier_words_is_left_out() -> None:
    assert joined_without_repeats("Nuclear power plant", "the nuclear plant") == (
        "Nuclear power plant"
    )
    assert joined_without_repeats("City", "on the front line") == "City, on the front line"
    assert joined_without_repeats("", "Port") == "Port"


def test_the_checks_catch_what_they_are_for() -> None:
    assert doubled_words("Nuclear plant plant")
    assert repeated_in_line("Nuclear power plant, the nuclear plant")
    assert DOUBLED_MARKS.search("““the quote”")
    assert not doubled_words("15 Dec 2025 · Talks") and not repeated_in_line("Who: Russia")


# --------------------------------------------------------------------------- every event


def test_every_event_renders_clean(catalog) -> None:
    events = tl.prepare_events(catalog)
    setup = timeline_page.timeline_setup(events, catalog.sources, article_date(catalog).date())
    for record in events.to_dict("records"):
        where = f"event {record['event_id']}"
        for line in hover_text(record).split("<br>"):
            check(line, f"{where} hover", short=True)
        if record["chart_label"]:
            check(record["chart_label"], f"{where} chart label", short=True)
        card = timeline_page.event_card(record, setup.details_labels, [])
        for text in (card.header, card.title, card.description, card.who_where, card.context):
            check(text, where)
        check(card.details_label, f"{where} details button", short=True)
        if card.quote:
            check_quote(card.quote, f"{where} quote")
    state = TimelineState(*setup.bounds, show_all=True)
    drawn = timeline_page.timeline_page(setup, state, []).chart
    assert drawn is not None
    for label in drawn.labels:
        check(label.text, f"label {label.event_id}", short=True)


def test_every_position_renders_clean(catalog) -> None:
    setup = positions_page.positions_setup(catalog)
    grid = grid_view.position_grid(catalog.issues, catalog.positions, setup.published)
    for row in grid.rows:
        check(row.label, f"issue {row.issue_id}", short=True)
        for cell in row.cells:
            for entry in cell.entries:
                check(entry.gist, f"gist {entry.position_id}", short=True)
                check(entry.label, f"grid entry {entry.position_id}")
    for record in catalog.positions.to_dict("records"):
        card = setup.card(record)
        where = f"position {card.position_id}"
        for text in (card.summary, card.source_label, card.speaker, card.when):
            check(text, where)
        if card.quote:
            check_quote(quoted(card.quote), f"{where} quote")
    for quote in catalog.issues["quote"]:
        check_quote(quoted(quote), "issue quote")


def test_every_place_label_renders_clean(catalog) -> None:
    for row in place_table(catalog.places, catalog.sources).to_dict("records"):
        for line in row["hover"].split("<br>"):
            check(line, f"place {row['place_id']} hover", short=True)
    for row in catalog.map_labels.to_dict("records"):
        for column in ("text", "status"):
            value = row.get(column)
            if isinstance(value, str) and value:
                check(value, f"map label {row['label_id']} {column}", short=True)


def export_quotes(html: str) -> Iterator[str]:
    """The quotes of an exported page (its blockquotes)."""
    yield from re.findall(r"<blockquote>(.*?)</blockquote>", html, re.S)


def test_the_static_site_quotes_in_one_pair_of_marks() -> None:
    env = environment()
    template = env.from_string("<blockquote>{{ q|quoted }}</blockquote>")
    for raw in ("“already marked”", "plain words", '"straight"'):
        (shown,) = export_quotes(template.render(q=raw))
        check_quote(shown, "export")
