"""The load benchmark's pure parts: statistics, results sections, nginx config, log parsing."""

from __future__ import annotations

import pytest

from benchmarks.load_browser import is_known_probe
from benchmarks.load_nginx import (
    DEPLOY_CONFIG,
    parse_access_log,
    render_site_config,
    stickiness,
)
from benchmarks.load_stats import (
    Interaction,
    Samples,
    error_counts,
    markdown_table,
    percentile,
    replace_section,
    summarise,
)


def test_percentile_interpolates_like_numpy():
    values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]
    assert percentile(values, 0.5) == pytest.approx(5.5)
    assert percentile(values, 0.95) == pytest.approx(9.55)
    assert percentile(values, 0) == 1.0
    assert percentile(values, 1) == 10.0
    assert percentile([3.0], 0.95) == 3.0
    with pytest.raises(ValueError):
        percentile([], 0.5)
    with pytest.raises(ValueError):
        percentile(values, 95)


def test_summary_leaves_failures_out_of_the_latencies():
    results = [
        Interaction(0, "click region", 0.0, 1.0, server=0.4),
        Interaction(1, "click region", 0.1, 3.0, server=0.6),
        Interaction(0, "switch page", 0.2, 0.5),
        Interaction(1, "click region", 0.3, 60.0, error="timeout"),
    ]
    rows = {row.kind: row for row in summarise(results)}
    assert list(rows) == ["click region", "switch page"]
    click = rows["click region"]
    assert (click.count, click.errors, click.median, click.maximum) == (3, 1, 2.0, 3.0)
    assert click.p95 == pytest.approx(2.9)
    assert click.server_median == pytest.approx(0.5)
    assert rows["switch page"].server_median is None
    assert error_counts(results) == {"timeout": 1}
    only_failed = summarise([Interaction(0, "x", 0, 1.0, error="timeout")])
    assert only_failed[0].median is None


def test_samples_report_first_peak_last():
    samples = Samples()
    assert samples.peak is None
    for at, value in enumerate([10.0, 30.0, 20.0]):
        samples.add(at, value)
    assert (samples.first, samples.peak, samples.last, samples.mean) == (10.0, 30.0, 20.0, 20.0)


def test_a_section_is_replaced_in_place_and_other_sections_stay():
    document = replace_section("# Title\n", "load", "## Load\n\nfirst")
    document = replace_section(document, "compression", "## Compression\n\nA")
    document = replace_section(document, "load", "## Load\n\nsecond")
    assert document.count("<!-- load:start -->") == 1
    assert "second" in document and "first" not in document
    assert document.index("## Load") < document.index("## Compression")
    assert "## Compression\n\nA" in document
    assert document.startswith("# Title")


def test_markdown_table_escapes_pipes():
    table = markdown_table(("a", "b"), [("x|y", 1)])
    assert table.splitlines() == ["| a | b |", "| --- | --- |", "| x\\|y | 1 |"]


def test_the_deep_link_probe_is_recognised_and_nothing_else():
    probe = "http://127.0.0.1:8501/map/_stcore/health"
    assert is_known_probe(f"404 {probe}")
    assert is_known_probe(f"Failed to load resource: status of 404 (Not Found) ({probe})")
    assert is_known_probe("404 http://127.0.0.1:8501/timeline/_stcore/host-config")
    assert not is_known_probe("404 http://127.0.0.1:8501/_stcore/health")
    assert not is_known_probe(f"500 {probe}")
    assert not is_known_probe("404 http://127.0.0.1:8501/static/js/index.js")


def test_the_sample_config_is_rendered_with_local_ports(tmp_path):
    source = DEPLOY_CONFIG.read_text(encoding="utf-8")
    text = render_site_config(source, 18080, [40001, 40002], tmp_path / "cache", gzip=False)
    assert "listen 127.0.0.1:18080;" in text
    assert "listen 80" not in text and "[::]" not in text
    assert "server 127.0.0.1:40001 " in text and "server 127.0.0.1:40002 " in text
    assert "127.0.0.1:8501" not in text
    assert f"proxy_cache_path {tmp_path / 'cache'} " in text
    assert "gzip off;" in text and "gzip on;" not in text
    assert "hash $dashboard_route consistent;" in text
    on = render_site_config(source, 18080, [40001], tmp_path, gzip=True)
    assert "gzip on;" in on
    with pytest.raises(ValueError, match="upstream"):
        render_site_config("server {\n}\n", 1, [2], tmp_path, gzip=True)


def test_the_static_export_is_served_from_the_given_folder(tmp_path):
    source = DEPLOY_CONFIG.read_text(encoding="utf-8")
    text = render_site_config(source, 18080, [40001], tmp_path, gzip=True, export_root=tmp_path)
    assert f"root {tmp_path};" in text and "root /var/www/dashboard;" not in text
    assert "gzip_static on;" in text
    off = render_site_config(source, 18080, [40001], tmp_path, gzip=False)
    assert "gzip_static off;" in off and "gzip_static on;" not in off
    with pytest.raises(ValueError, match="export"):
        render_site_config(
            source.replace("location /export/", "location /site/"),
            18080,
            [40001],
            tmp_path,
            gzip=True,
            export_root=tmp_path,
        )


def test_access_log_lines_show_whether_sessions_stayed_on_one_replica():
    log = "\n".join(
        [
            'aaa 127.0.0.1:1 200 GET "/map" 7000 4.10 -',
            'aaa 127.0.0.1:1 101 GET "/_stcore/stream" 0 - -',
            'aaa - 200 GET "/static/js/a.js" 9000 3.20 HIT',
            'bbb 127.0.0.1:2 200 GET "/" 7000 4.10 -',
            'ccc 127.0.0.1:1 200 GET "/" 7000 - -',
            'ccc 127.0.0.1:2 200 GET "/_stcore/health" 2 - -',
            "not a log line",
        ]
    )
    lines = parse_access_log(log)
    assert len(lines) == 6
    assert lines[0].uri == "/map" and lines[0].gzip_ratio == "4.10"
    keys, split, per_replica = stickiness(lines)
    assert (keys, split) == (3, 1)
    assert per_replica == {"127.0.0.1:1": 2, "127.0.0.1:2": 2}


def test_a_new_bench_report_keeps_the_load_sections_in_order():
    from benchmarks.run import marked_sections

    previous = (
        "# Benchmarks\n\nold results\n\n"
        + replace_section(replace_section("", "load", "## Load\n\nL"), "compression", "## C\n\nC")
        + "\n## Definitions\n"
    )
    kept = marked_sections(previous)
    assert kept.index("<!-- load:start -->") < kept.index("<!-- compression:start -->")
    assert "## Load\n\nL" in kept and "## C\n\nC" in kept and "old results" not in kept
    assert replace_section(kept, "load", "## Load\n\nnew").count("<!-- load:start -->") == 1
    assert marked_sections("# Benchmarks\n\nnothing marked\n") == ""
