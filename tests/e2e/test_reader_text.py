"""Readers see prose, not plumbing: no ids, file or column names on the reader pages.

Every reader page, and a deep link to every region, place and event, is opened in Chromium
and its visible text scanned for the shapes internal names take: snake_case ids
(``fc_lavrov_tuesday``, ``us_territory_attributed``) and file names (``sources.yml``,
``positions.csv``). The Sources page is left out: it is where the data files are documented.
"""

from __future__ import annotations

import pytest

from dashboard.datasets.catalog import load_catalog
from tests.harness.browser import open_page
from tests.harness.prose import plumbing

#: Words that name internal columns even without an underscore in them.
COLUMN_WORDS = ("date_basis", "source_id", "claimed_by", "in_article")


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


def reader_links() -> list[tuple[str, dict[str, str]]]:
    """Every reader page, and a deep link to each region, place and event."""
    catalog = load_catalog()
    links: list[tuple[str, dict[str, str]]] = [
        ("", {}),
        ("map", {}),
        ("timeline", {}),
        ("positions", {}),
        ("positions", {"later": "1", "issue": "nuclear_plant"}),
    ]
    links += [("map", {"region": region}) for region in catalog.regions["region_id"]]
    links += [("map", {"place": place}) for place in catalog.places["place_id"]]
    links += [("timeline", {"event": event}) for event in catalog.events["event_id"]]
    return links


@pytest.mark.e2e
def test_reader_pages_show_no_ids_or_file_names(page, dashboard_url):
    found = {}
    for url_path, query in reader_links():
        open_page(page, dashboard_url, url_path, query)
        text = page.evaluate(READER_TEXT_JS)
        assert len(text) > 200, (url_path, query)  # the page drew its content
        names = plumbing(text) + [word for word in COLUMN_WORDS if word in text]
        if names:
            found[f"{url_path}?{query}"] = names
    assert found == {}
