"""Readers see prose, not plumbing: no ids, file or column names on the reader pages.

Every reader page, and a deep link to one region, one place and one event, is opened in
Chromium and its drawn text scanned for the shapes internal names take: snake_case ids
(``fc_lavrov_tuesday``, ``us_territory_attributed``) and file names (``sources.yml``,
``positions.csv``). The deep links to every other region, place and event differ only in
their data: ``tests/app/test_reader_text.py`` reads the words of each of them. The Sources
page is left out: it is where the data files are documented.
"""

from __future__ import annotations

import pytest

from tests.harness.browser import open_page
from tests.harness.prose import internal_names, plumbing, reader_links

#: The main column's visible text, without icon ligatures (a material icon's text is its name).
READER_TEXT_JS = """
() => {
  const original = document.querySelector('[data-testid="stMain"]');
  const icons = [...original.querySelectorAll('*')].filter(
    (el) => getComputedStyle(el).fontFamily.includes('Material Symbols'));
  icons.forEach((icon) => icon.setAttribute('data-reader-skip', ''));
  const main = original.cloneNode(true);
  icons.forEach((icon) => icon.removeAttribute('data-reader-skip'));
  main.querySelectorAll('[data-reader-skip]').forEach((icon) => icon.remove());
  const box = document.createElement('div');
  box.style.position = 'absolute';
  box.style.left = '-10000px';
  box.appendChild(main);
  document.body.appendChild(box);
  const text = main.innerText;
  box.remove();
  return text;
}
"""


def test_the_pattern_finds_what_it_should():
    assert plumbing("see fact check fc_lavrov_tuesday") == ["fc_lavrov_tuesday"]
    assert plumbing("best estimate; see sources.yml") == ["sources.yml"]
    assert plumbing("Source: positions.csv — the article") == ["positions.csv"]
    assert plumbing("Kupiansk, 12 Dec 2025: Zelenskyy visits the front.") == []


def drawn_links() -> list[tuple[str, dict[str, str]]]:
    """Every reader page without a query, and the first link of each other kind."""
    links, kinds = [], set()
    for url_path, query in reader_links():
        kind = (url_path, tuple(sorted(query)))
        if not query or kind not in kinds:
            links.append((url_path, query))
        kinds.add(kind)
    return links


def test_the_drawn_sample_covers_every_page_and_kind_of_link():
    links = drawn_links()
    assert {path for path, _ in links} == {path for path, _ in reader_links()}
    assert {"region", "place", "event", "issue"} <= {key for _, query in links for key in query}
    assert len(links) < len(reader_links()) / 3


@pytest.mark.e2e
def test_reader_pages_show_no_ids_or_file_names(page, dashboard_url):
    found = {}
    for url_path, query in drawn_links():
        open_page(page, dashboard_url, url_path, query)
        text = page.evaluate(READER_TEXT_JS)
        assert len(text) > 200, (url_path, query)  # the page drew its content
        names = internal_names(text)
        if names:
            found[f"{url_path}?{query}"] = names
    assert found == {}
