"""The quote matcher, on a small article written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import verify
from dashboard.datasets.catalog import load_catalog
from tests.unit.minimal_data import ARTICLE, TABLES, write_minimal_data, write_table


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    return write_minimal_data(tmp_path / "data")


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_normalise_folds_quote_marks_and_spaces() -> None:
    assert verify.normalise("  “the  border”\n’s  ") == '"the border" \'s'


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        ("Officials met in Berlin on Monday.", True),
        ('"the border must move"', True),  # straight quotes match the article's curly ones
        ("said on Tuesday that\n  “the border", True),  # line breaks and runs of spaces
        ("Kupyansk was taken.\nCritics", True),  # across a line break of the article
        ("Officials met in Berlin on Tuesday.", False),  # one word changed
        ("officials met in Berlin", False),  # case matters
        ("the border must move quickly", False),  # words added
    ],
)
def test_find_misses(quote: str, found: bool) -> None:
    quotes = [verify.Quote("events.csv", 1, "quote", quote)]
    assert (verify.find_misses(quotes, ARTICLE) == []) is found


def test_collects_every_article_quote_column(data_dir: Path) -> None:
    catalog = load_catalog(data_dir)
    columns = {(q.file.rsplit("/", 1)[-1], q.column) for q in verify.article_quotes(catalog)}
    assert ("fact_checks.csv", "article_quote") in columns
    assert ("positions.csv", "quote") in columns
    assert ("regions.csv", "quote") in columns


def test_main_passes_on_good_quotes(data_dir: Path, article: Path, capsys) -> None:
    assert verify.main(["--article", str(article), "--data", str(data_dir)]) == 0
    assert "6 of 6 article quotes found verbatim" in capsys.readouterr().out


def test_share_counts_each_quoted_word_of_the_article_once(article: Path) -> None:
    text = article.read_text(encoding="utf-8")
    quote = verify.Quote("events.csv", 1, "quote", "Officials met in Berlin on Monday.")
    twice = verify.Quote("places.csv", 1, "quote", "met in Berlin")  # inside the first
    share = verify.quoted_share([quote, twice], text)
    assert share.quoted_words == 6
    assert share.article_words == len(text.split())
    assert share.within_limit
    everything = verify.Quote("x.csv", 1, "quote", text)
    assert verify.quoted_share([everything], text).fraction == 1.0


def test_main_prints_the_share_and_fails_above_a_quarter(
    data_dir: Path, article: Path, capsys
) -> None:
    assert verify.main(["--article", str(article), "--data", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "Fair dealing: the quotes reproduce 16 of 76 words of the article (21.1 %" in out
    # a fact check that quotes the whole padding paragraph pushes the share over 25 %
    padding = "It describes a quiet afternoon, a long train journey, three cups of tea"
    rows = [dict(TABLES["fact_checks.csv"][0], article_quote=padding)]
    write_table(data_dir / "fact_checks.csv", rows)
    assert verify.main(["--article", str(article), "--data", str(data_dir)]) == 1
    assert "Over the limit: the quotes reproduce" in capsys.readouterr().out


def test_main_lists_each_miss_and_fails(data_dir: Path, article: Path, capsys) -> None:
    rows = [dict(TABLES["events.csv"][0], quote="Officials met in Paris on Monday.")]
    write_table(data_dir / "events.csv", rows)
    assert verify.main(["--article", str(article), "--data", str(data_dir)]) == 1
    out = capsys.readouterr().out
    assert "events.csv, row 1, column 'quote': not in the article: " in out
    assert "'Officials met in Paris on Monday.'" in out
    assert "5 of 6 article quotes found verbatim" in out


def test_main_reports_broken_data(data_dir: Path, article: Path, capsys) -> None:
    (data_dir / "events.csv").unlink()
    assert verify.main(["--article", str(article), "--data", str(data_dir)]) == 2
    assert "events.csv: file is missing" in capsys.readouterr().err


def test_external_quotes_are_not_checked_against_the_article(data_dir: Path, article: Path) -> None:
    rows = [dict(TABLES["fact_checks.csv"][0])]
    write_table(data_dir / "fact_checks.csv", rows)
    events = [dict(TABLES["events.csv"][0], source_id="deepstatemap", quote="not in article")]
    write_table(data_dir / "events.csv", events)
    catalog = load_catalog(data_dir)
    texts = {q.text for q in verify.article_quotes(catalog)}
    assert "not in article" not in texts
