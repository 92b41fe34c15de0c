"""The export's Jinja2 templates: autoescaped, strict about missing names, https-only links."""

from __future__ import annotations

import dataclasses

import jinja2
import pytest
from markupsafe import Markup

from dashboard.export import content, embed, pages, site

ATTACK = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture(scope="module")
def inputs() -> content.Inputs:
    return site.load_inputs()


@pytest.fixture(scope="module")
def hostile(inputs) -> content.Inputs:
    """The real data with the attack in an event's title and quote and in source names."""
    catalog = inputs.catalog
    events = catalog.events.copy()
    first = events.index[0]
    events.loc[first, "title"] = f"Title {ATTACK}"
    events.loc[first, "quote"] = f"Quote {ATTACK}"
    positions = catalog.positions.copy()
    positions.loc[positions.index[0], "quote"] = f"Said {ATTACK}"
    sources = catalog.sources.copy()
    for source_id in (events.loc[first, "source_id"], "geonames"):
        sources.loc[source_id, "credit"] = f"Source {ATTACK}"
    changed = dataclasses.replace(catalog, events=events, positions=positions, sources=sources)
    return dataclasses.replace(inputs, catalog=changed)


def test_environment_autoescapes_values_but_not_marked_markup() -> None:
    env = pages.environment()
    assert env.autoescape is True
    template = env.from_string("<p title='{{ text }}'>{{ text }}</p>{{ safe }}{{ nothing }}")
    html = template.render(text=ATTACK + "'\"&", safe=Markup("<b>kept</b>"), nothing=None)
    assert html == (f"<p title='{ESCAPED}&#39;&#34;&amp;'>{ESCAPED}&#39;&#34;&amp;</p><b>kept</b>")


def test_hostile_text_in_the_data_is_escaped_on_every_page(hostile) -> None:
    documents = {
        "index": pages.index_page(hostile),
        "timeline": pages.timeline_page(hostile, content.timeline_content(hostile)),
        "positions": pages.positions_page(hostile, content.positions_content(hostile)),
    }
    for name, document in documents.items():
        assert ATTACK not in document, name
        assert f"Source {ESCAPED}" in document, name  # the credits in the footer
    timeline = documents["timeline"]
    assert f"<h3>Title {ESCAPED}</h3>" in timeline
    assert f"<blockquote>“Quote {ESCAPED}”</blockquote>" in timeline
    assert f"<blockquote>“Said {ESCAPED}”</blockquote>" in documents["positions"]


def test_embedded_json_is_the_only_markup_and_stays_whole(hostile) -> None:
    document = pages.timeline_page(hostile, content.timeline_content(hostile))
    data = embed.read_embedded(document, "timeline-data")
    assert any(ATTACK in event["text"] for event in data["events"])
    element = embed.json_script("x", embed.to_json({"title": ATTACK}))
    assert isinstance(element, Markup) and element.count("</script>") == 1


def test_a_missing_value_raises_instead_of_printing_nothing(inputs) -> None:
    with pytest.raises(jinja2.UndefinedError):
        pages.environment().from_string("{{ missing }}").render()
    with pytest.raises(jinja2.UndefinedError, match="key_figures"):
        pages.render_page(inputs, "index", "Title", figures=False, article_credit="the article")


def test_links_only_for_plain_https_addresses() -> None:
    link = pages.environment().get_template("macros.html.j2").module.link
    assert str(link("https://example.org/a?b=1&c=2", "Name")) == (
        '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">Name</a>'
    )
    for bad in ("javascript:alert(1)", "http://example.org", 'https://x.org/" onclick="', ""):
        assert str(link(bad, ATTACK)) == ESCAPED, bad


def test_every_template_compiles() -> None:
    env = pages.environment()
    names = env.list_templates()
    assert {f"{key}.html.j2" for key, _, _ in pages.PAGES} <= set(names)
    for name in names:
        env.get_template(name)
