"""The provider's privacy rules: dead-band trends and suppression under min_count."""

from __future__ import annotations

import pytest
from druktemeter.plugin.core.model import Trend
from druktemeter.plugin.core.trend import dead_band, publish, trend_between
from hypothesis import given
from hypothesis import strategies as st


@pytest.mark.parametrize(
    ("previous", "current", "trend"),
    [
        (100, 114, Trend.EQUAL),  # +14 < 15
        (100, 115, Trend.UP),
        (100, 86, Trend.EQUAL),
        (100, 85, Trend.DOWN),
        (1000, 1099, Trend.EQUAL),  # +99 < 10 % of 1000
        (1000, 1100, Trend.UP),
        (1000, 900, Trend.DOWN),
        (None, 50, Trend.UNKNOWN),
        (50, None, Trend.UNKNOWN),
    ],
)
def test_dead_band(previous, current, trend):
    assert trend_between(previous, current) is trend


def test_dead_band_is_the_larger_of_15_and_ten_percent():
    assert dead_band(20) == 15 and dead_band(400) == 40 and dead_band(-400) == 40


def test_publish_suppresses_under_min_count_without_a_trend():
    counts, trends = publish({"a": 14.4, "b": 14.6, "c": 200.2}, {"a": 300, "c": 100}, min_count=15)
    assert counts == {"a": None, "b": 15, "c": 200}
    assert trends == {"a": Trend.UNKNOWN, "b": Trend.UNKNOWN, "c": Trend.UP}


def test_trends_come_from_unrounded_counts():
    # 100.4 -> 115.3 is +14.9 (equal), though the rounded counts 100 -> 115 differ by 15
    counts, trends = publish({"x": 115.3}, {"x": 100.4}, min_count=15)
    assert counts == {"x": 115} and trends == {"x": Trend.EQUAL}


@given(st.floats(0, 1e6), st.floats(0, 1e6))
def test_trend_is_antisymmetric_outside_the_dead_band(a, b):
    forward, backward = trend_between(a, b), trend_between(b, a)
    if forward is Trend.UP:
        assert backward in (Trend.DOWN, Trend.EQUAL)  # the band is relative to the previous count
    if forward is Trend.EQUAL and abs(a - b) < 15:
        assert backward is Trend.EQUAL
