"""The committed data is sourced and checked; the repository carries no article text beyond
short quotes and no DeepStateMap geometry."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from dashboard import verify
from dashboard.datasets.catalog import load_catalog
from dashboard.datasets.control import load_control_by_region
from dashboard.datasets.schema import MAX_QUOTE_WORDS
from dashboard.summary import article_date, control_figures
from tests.deepstate import MAX_SHARED_VERTICES, deepstate_vertices, shared_vertex_count

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def tracked_text_files() -> dict[Path, str]:
    names = subprocess.run(
        ["git", "ls-files"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    texts = {}
    for name in names:
        path = REPO_ROOT / name
        if path.is_file() and path.stat().st_size < 2_000_000:
            try:
                texts[path] = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
    return texts


def test_every_row_is_sourced_by_a_listed_source(catalog) -> None:
    for name, frame in catalog.tables().items():
        # A town's row is sourced by its population's source (its coordinates: GeoNames).
        column = "source_id" if "source_id" in frame.columns else "population_source_id"
        assert frame[column].notna().all(), name
        assert set(frame[column]) <= set(catalog.sources.index), name


def test_every_article_quote_is_in_the_article(catalog, article_text: str) -> None:
    quotes = list(verify.article_quotes(catalog))
    assert len(quotes) > 20
    assert verify.find_misses(quotes, article_text) == []


def test_sources_carry_their_fields(catalog) -> None:
    for field in ("producer", "title", "url", "licence", "date_accessed"):
        missing = catalog.sources.index[catalog.sources[field].isin([None, ""])].tolist()
        assert missing == [], f"sources without {field}: {missing}"


def test_article_date_and_key_figures(catalog) -> None:
    published = article_date(catalog)
    assert published == pd.Timestamp("2025-12-17")
    figures = {
        f.label: f.value for f in control_figures(catalog, load_control_by_region(), published)
    }
    assert figures["Donetsk Oblast under Russian control"] == "77%"
    assert figures["Luhansk Oblast under Russian control"] == "99%"


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9£$]+", text.lower().replace("’", "'"))


def longest_shared_run(text: str, article: list[str], index: dict[tuple, list[int]]) -> int:
    tokens, best, position, size = words(text), 0, 0, 8
    while position <= len(tokens) - size:
        starts = index.get(tuple(tokens[position : position + size]))
        if not starts:
            position += 1
            continue
        run = size
        for start in starts:
            length = size
            while (
                position + length < len(tokens)
                and start + length < len(article)
                and tokens[position + length] == article[start + length]
            ):
                length += 1
            run = max(run, length)
        best = max(best, run)
        position += run
    return best


def test_no_article_text_beyond_short_quotes(article_text: str) -> None:
    article = words(article_text)
    index: dict[tuple, list[int]] = {}
    for start in range(len(article) - 7):
        index.setdefault(tuple(article[start : start + 8]), []).append(start)
    offenders = {
        str(path.relative_to(REPO_ROOT)): run
        for path, text in tracked_text_files().items()
        if (run := longest_shared_run(text, article, index)) > MAX_QUOTE_WORDS
    }
    assert offenders == {}


def test_no_deepstate_geometry_committed(shared_dir: Path) -> None:
    vertices = deepstate_vertices(shared_dir)
    offenders = {
        str(path.relative_to(REPO_ROOT)): hits
        for path, text in tracked_text_files().items()
        if (hits := shared_vertex_count(text, vertices)) > MAX_SHARED_VERTICES
    }
    assert offenders == {}
