"""Overview page in AppTest: it runs, shows its title and each key figure with a source line."""

from __future__ import annotations

import pytest

from dashboard.page_scripts import PAGES


@pytest.fixture(scope="module")
def overview():
    from tests.app.conftest import start_page

    return start_page("overview")


def test_runs_without_exception_or_error_box(overview):
    assert not overview.exception
    assert [error.value for error in overview.error] == []


def test_shows_the_title(overview):
    assert len(overview.title) == 1
    assert "peace talks" in overview.title[0].value


def test_credits_the_article(overview):
    assert any(
        caption.value.startswith("Based on ") and "published" in caption.value
        for caption in overview.caption
    )


def test_shows_key_figures(overview):
    metrics = overview.metric
    assert len(metrics) >= 2
    for metric in metrics:
        assert metric.label.strip(), "a key figure has no label"
        assert str(metric.value).strip(), f"{metric.label!r} has no value"


def test_every_key_figure_names_its_source(overview):
    columns = [column for column in overview.columns if column.metric]
    assert len(columns) == len(overview.metric), "each key figure sits in its own column"
    for column in columns:
        (metric,) = column.metric
        sources = [c.value for c in column.caption if "Source:" in c.value]
        assert sources, f"{metric.label!r} has no source line"


def test_the_default_page_is_the_overview(run_page):
    (default,) = [spec for spec in PAGES if spec.default]
    assert default.file_name == "overview.py"
    at = run_page(default)
    assert at.title[0].value.startswith("Russia–Ukraine peace talks")


def test_every_page_runs_in_apptest(run_page, each_page):
    at = run_page(each_page)
    assert at.title or at.header, f"{each_page.url_path} shows no title"


def test_the_donbas_figure_sits_beside_a_published_estimate(overview):
    # our DeepState figure (grey zone counted as not Russian-held) and Reuters' ~5,000 km²,
    # each with its source, wherever the Donbas figure is shown
    columns = [c for c in overview.columns if c.metric and "Donbas" in c.metric[0].label]
    assert len(columns) == 1
    caption = " ".join(c.value for c in columns[0].caption)
    assert "grey zone" in caption
    assert "about 5,000 km²" in caption
    assert "Reuters" in caption and "DeepStateMap.Live" in caption
