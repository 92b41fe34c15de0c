"""The page benchmark's report: the ratio's interval and how the table writes it."""

from __future__ import annotations

from benchmarks.report import (
    INTERVAL_LABEL,
    Row,
    markdown_table,
    ratio_interval,
    stat,
    table,
)

PAGE = [3300.0, 3100.0, 3500.0, 3250.0, 3400.0, 3600.0, 3050.0]
REFERENCE = [2900.0, 2800.0, 3000.0, 2950.0, 2700.0, 3100.0, 2850.0]


def test_the_interval_holds_the_median_ratio_and_is_the_same_every_time():
    low, high = ratio_interval(PAGE, REFERENCE)
    median_ratio = stat(PAGE).median / stat(REFERENCE).median
    assert low < median_ratio < high
    assert (low, high) == ratio_interval(PAGE, REFERENCE)


def test_views_that_agree_give_a_narrow_interval_and_scattered_ones_a_wide_one():
    steady = ratio_interval([3300.0] * 7, [3000.0] * 7)
    assert steady == (1.1, 1.1)
    scattered = [2600.0, 4000.0, 3000.0, 3600.0, 2800.0, 3900.0, 3300.0]
    low, high = ratio_interval(scattered, REFERENCE)
    narrow_low, narrow_high = ratio_interval(PAGE, REFERENCE)
    assert high - low > narrow_high - narrow_low


def test_no_interval_from_fewer_than_three_views():
    assert ratio_interval(PAGE[:2], REFERENCE) is None
    assert ratio_interval(PAGE, REFERENCE[:2]) is None


def test_the_table_writes_the_interval_beside_the_ratio_for_timings_only():
    timing = Row(
        "map", "page load → interactive", stat(PAGE), "ms", stat(REFERENCE), "≤ 1.15× ref", 1.15
    )
    size = Row("map", "figure #0 JSON", stat([294.3] * 7), "KB", stat([182.5] * 7))
    header, timing_cells, size_cells = table([timing, size])
    column = header.index(f"ratio, {INTERVAL_LABEL} interval")
    assert header[column - 1] == "ratio"
    low, high = ratio_interval(PAGE, REFERENCE)
    assert timing_cells[column] == f"{low:.2f}–{high:.2f}×"
    assert size_cells[column] == ""
    # the verdict still compares the median ratio with the budget
    assert timing_cells[header.index("pass")] == "pass"
    assert f"| {low:.2f}–{high:.2f}× |" in markdown_table([timing])
