"""Readers see prose, not plumbing, behind every deep link: no ids, file or column names.

Every reader page, and a deep link to every region, place and event, is run in AppTest and
the words it shows are scanned for the shapes internal names take (``tests.harness.prose``):
markdown as it reads (no escapes, link targets or icons), HTML without its scripts, styles
and tags, widgets' labels and options, metrics. The browser test
(``tests/e2e/test_reader_text.py``) reads the drawn text of every page and of one link of
each kind; the links differ only in their data, which this checks for all of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.app.conftest import start_page
from tests.harness.prose import (
    html_visible,
    internal_names,
    markdown_visible,
    reader_links,
)

#: Elements whose ``value`` is markdown the reader reads.
MARKDOWN_ELEMENTS = frozenset(
    {
        "Markdown",
        "Caption",
        "Title",
        "Header",
        "Subheader",
        "Text",
        "Warning",
        "Info",
        "Error",
        "Success",
        "Toast",
        "Latex",
        "Code",
    }
)
#: Elements whose ``label`` the reader reads (with their options, for the select widgets).
LABELLED_ELEMENTS = frozenset(
    {
        "Button",
        "DownloadButton",
        "PageLink",
        "Selectbox",
        "SelectSlider",
        "Multiselect",
        "Radio",
        "Checkbox",
        "Toggle",
        "TextInput",
        "DateInput",
        "Slider",
        "Expander",
        "Tab",
        "Metric",
    }
)


def elements(node: Any) -> Iterator[Any]:
    """Every element and block under ``node``, depth first."""
    for child in getattr(node, "children", {}).values():
        yield child
        yield from elements(child)


def visible_words(at: Any) -> str:
    """What the page run in ``at`` shows in its main column, as words."""
    words = []
    for element in elements(at.main):
        kind = type(element).__name__
        if kind in MARKDOWN_ELEMENTS:
            words.append(markdown_visible(str(element.value)))
        if kind == "Html":
            words.append(html_visible(element.proto.body))
        if kind in LABELLED_ELEMENTS:
            words.append(markdown_visible(str(getattr(element, "label", "") or "")))
            words += [markdown_visible(str(option)) for option in getattr(element, "options", ())]
        if kind == "Metric":
            words += [str(element.value), str(element.proto.delta)]
    return "\n".join(words)


def test_the_visible_words_leave_out_markup_not_names() -> None:
    source = (
        r"See [the deal](/deal?proposal=russia_donbas) :material/handshake: "
        r":small[Source\: fc\_lavrov\_tuesday] :red_circle: in sources\.yml"
    )
    assert internal_names(markdown_visible(source)) == ["fc_lavrov_tuesday", "sources.yml"]
    html = '<ul class="map_key"><li data-id="x_y">Rest of the Donbas</li></ul><script>a_b</script>'
    assert internal_names(html_visible(html)) == []
    assert internal_names(html_visible("<p>see claimed_by</p>")) == ["claimed_by", "claimed_by"]


@pytest.mark.parametrize(
    ("url_path", "query"),
    reader_links(),
    ids=[
        f"{path or 'overview'}?{'&'.join(f'{k}={v}' for k, v in q.items())}"
        for path, q in reader_links()
    ],
)
def test_a_reader_page_shows_no_ids_or_file_names(url_path: str, query: dict[str, str]) -> None:
    at = start_page(url_path or "overview", query)
    words = visible_words(at)
    assert len(words) > 200, (url_path, query)  # the page ran and wrote its content
    assert internal_names(words) == [], (url_path, query)
