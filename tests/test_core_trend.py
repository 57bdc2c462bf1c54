"""The provider's privacy rules: dead-band trends and suppression under min_count."""

from __future__ import annotations

import math

import pytest
from druktemeter.plugin.core.model import Trend
from druktemeter.plugin.core.trend import (
    MIN_COUNT_FLOOR,
    count_floor,
    dead_band,
    lowest_unambiguous_count,
    publish,
    published_trend,
    published_trends,
    suppress,
    trend_between,
)
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
    assert trends == {"a": Trend.UNKNOWN, "b": Trend.UP, "c": Trend.UP}  # b: no data before, shown now


def test_trends_come_from_the_published_counts():
    # 100.4 -> 115.3 is +14.9 unrounded, but the published 100 -> 115 differ by 15: up
    counts, trends = publish({"x": 115.3}, {"x": 100.4}, min_count=15)
    assert counts == {"x": 115} and trends == {"x": Trend.UP}


def test_a_cell_crossing_the_threshold_is_up_whatever_the_suppressed_count_was():
    """Trend differencing: '29, equal' would say 'exactly 14 before' if computed from raw counts."""
    for before in (0.0, 3.0, 14.0, 14.4):
        counts, trends = publish({"x": 29.0}, {"x": before}, min_count=15)
        assert counts == {"x": 29} and trends == {"x": Trend.UP}, before


def test_the_feeds_first_interval_has_no_trends():
    counts, trends = publish({"x": 40.0, "y": 3.0}, None, min_count=15)
    assert counts == {"x": 40, "y": None} and set(trends.values()) == {Trend.UNKNOWN}


@pytest.mark.parametrize(
    ("previous", "current", "trend"),
    [(None, 15, Trend.UP), (None, 5000, Trend.UP), (30, None, Trend.UNKNOWN), (None, None, Trend.UNKNOWN)],
)
def test_published_trend_edges(previous, current, trend):
    assert published_trend(previous, current) is trend


def test_the_floor_is_never_under_15():
    assert (
        count_floor(0) == 15
        and count_floor(3, 0) == 15
        and count_floor(20) == 20
        and count_floor(15, 40) == 40
    )
    assert MIN_COUNT_FLOOR == 15


@pytest.mark.parametrize("floor", [15, 20, 150, 400])
def test_from_the_lowest_unambiguous_count_on_an_equal_never_stands_for_a_suppressed_count(floor):
    """Raw (unrounded) previous counts under the floor, as a wrong provider would compare with."""
    limit = lowest_unambiguous_count(floor)
    assert limit == floor + dead_band(floor)
    hidden = [h / 10 for h in range(floor * 10 - 5)]  # every raw count that rounds under the floor
    for count in range(math.ceil(limit), math.ceil(limit) + 50):
        assert not [h for h in hidden if trend_between(h, count) is Trend.EQUAL], count
    assert [h for h in hidden if trend_between(h, math.ceil(limit) - 1) is Trend.EQUAL]  # the bound is tight


@given(
    st.dictionaries(st.sampled_from("abcdef"), st.floats(0, 200), min_size=1),
    st.dictionaries(st.sampled_from("abcdef"), st.floats(0, 200)),
    st.integers(0, 40),
)
def test_published_output_is_a_function_of_published_values_only(current, previous, min_count):
    """Whatever the raw counts, counts and trends equal those computed from the published
    counts alone: nothing under min_count can influence what is published."""
    counts, trends = publish(current, previous, min_count)
    shown_before = {i: suppress(v, min_count) for i, v in previous.items()}
    for cell_id, count in counts.items():
        assert count is None or count >= min_count
        assert trends[cell_id] is published_trend(shown_before.get(cell_id), count)
        if count is None:
            assert trends[cell_id] is Trend.UNKNOWN


@given(st.floats(0, 1e6), st.floats(0, 1e6))
def test_trend_is_antisymmetric_outside_the_dead_band(a, b):
    forward, backward = trend_between(a, b), trend_between(b, a)
    if forward is Trend.UP:
        assert backward in (Trend.DOWN, Trend.EQUAL)  # the band is relative to the previous count
    if forward is Trend.EQUAL and abs(a - b) < 15:
        assert backward is Trend.EQUAL


@given(st.lists(st.tuples(st.none() | st.integers(0, 3000), st.none() | st.integers(0, 3000)), max_size=30))
def test_the_list_form_agrees_with_the_rule_cell_by_cell(pairs):
    """published_trends is published_trend without a call per cell: the same answers."""
    previous, current = [p for p, _ in pairs], [c for _, c in pairs]
    expected = [
        Trend.UNKNOWN if c is None else Trend.UP if p is None else trend_between(p, c) for p, c in pairs
    ]
    assert published_trends(previous, current) == expected
