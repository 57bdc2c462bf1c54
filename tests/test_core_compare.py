"""Comparing two intervals: only cells valid at both moments, never a number for a suppressed count."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from druktemeter.plugin.core import i18n
from druktemeter.plugin.core.compare import (
    CellDifference,
    ComparisonSummary,
    cell_differences,
    change_words,
    summarize,
    summary_words,
)
from druktemeter.plugin.core.history import Comparison
from druktemeter.plugin.core.model import CountsSnapshot, Interval, Trend

END = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def snapshot(counts: dict, end: datetime = END) -> CountsSnapshot:
    trends = {i: Trend.UNKNOWN for i in counts}
    return CountsSnapshot(Interval(end - timedelta(minutes=15), end), 15, counts, trends)


NOW = snapshot({"a": 150, "b": 40, "c": None, "d": 30, "new": 99})
BEFORE = snapshot({"a": 100, "b": None, "c": 20, "d": 30, "gone": 50}, END - timedelta(days=1))


def test_differences_only_where_both_counts_are_valid():
    assert cell_differences(NOW, BEFORE) == {"a": CellDifference(150, 100), "d": CellDifference(30, 30)}


def test_difference_absolute_and_percent():
    assert CellDifference(150, 100).absolute == 50
    assert CellDifference(150, 100).percent == pytest.approx(50.0)
    assert CellDifference(75, 100).percent == pytest.approx(-25.0)
    assert CellDifference(20, 0).percent is None


def test_differences_limited_to_a_region():
    assert cell_differences(NOW, BEFORE, {"d", "b"}) == {"d": CellDifference(30, 30)}


def test_summary_totals_like_for_like():
    assert summarize(NOW, BEFORE) == ComparisonSummary(cells=2, now_total=180, before_total=130)
    assert summarize(NOW, BEFORE).percent == pytest.approx(100 * 50 / 130)


def test_summary_in_words():
    summary = ComparisonSummary(cells=85, now_total=12_340, before_total=9_870)
    assert summary_words(summary, Comparison.YESTERDAY) == (
        "Now 12,340 in 85 cells vs 9,870 same time yesterday (+25 %)."
    )


def test_summary_numbers_in_the_callers_format():
    summary = ComparisonSummary(cells=2, now_total=1_500, before_total=2_000)
    words = summary_words(summary, Comparison.LAST_WEEK, number=lambda n: f"{n:,}".replace(",", "."))
    assert words == "Now 1.500 in 2 cells vs 2.000 same weekday last week (-25 %)."


def test_summary_without_common_cells_says_so():
    words = summary_words(summarize(snapshot({"a": None}), snapshot({"a": 40})), Comparison.QUARTER_HOUR)
    assert words == "No cell was counted both now and 15 minutes earlier; nothing to compare."


def test_change_words():
    assert change_words(0.4) == "about the same"
    assert change_words(-12.6) == "-13 %"
    assert change_words(None) == "was 0"


def test_summary_in_dutch_when_the_translator_is_installed():
    dutch = {
        "Now {0} in {1} cells vs {2} {3} ({4}).": "Nu {0} in {1} cellen tegen {2} {3} ({4}).",
        "same time yesterday": "gisteren op hetzelfde tijdstip",
    }
    i18n.install(lambda context, text: dutch.get(text, text))
    try:
        words = summary_words(ComparisonSummary(1, 30, 15), Comparison.YESTERDAY)
    finally:
        i18n.install(None)
    assert words == "Nu 30 in 1 cellen tegen 15 gisteren op hetzelfde tijdstip (+100 %)."
