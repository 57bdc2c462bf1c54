"""Presence and movement: exact values on hand-made intervals, the suppression rules, and the same
figures from a real history file of simulated intervals as from the simulator itself."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest
from druktemeter.plugin.core.indicators import (
    MIN_VALID_SHARE,
    MOVEMENT,
    PRESENCE,
    Columns,
    indicators,
    privacy_floor,
)
from druktemeter.plugin.core.model import CountsSnapshot, Interval, Trend
from druktemeter.plugin.simulator.past import SimulatedPast
from stats_history import SUNDAY_15, open_store, record_simulated_days, small_simulation

END = SUNDAY_15
BEFORE_END = END - timedelta(minutes=15)


def columns(counts: dict, end=END, min_count: int = 15) -> Columns:
    trends = {cell: Trend.UNKNOWN for cell in counts}
    return Columns.from_snapshot(
        CountsSnapshot(Interval(end - timedelta(minutes=15), end), min_count, counts, trends)
    )


def test_presence_sums_valid_counts_and_counts_the_unknown_beside_it():
    found = indicators(columns({"a": 100, "b": None, "c": 40}), scope=frozenset({"a", "b", "c", "gone"}))
    assert (found.presence, found.valid, found.suppressed, found.missing, found.cells) == (140, 2, 1, 1, 4)
    assert found.unknown_share == pytest.approx(0.5)


def test_a_scope_of_only_suppressed_cells_has_no_presence_not_zero():
    found = indicators(columns({"a": None, "b": 300}), scope=frozenset({"a"}))
    assert found.presence is None and found.suppressed == 1
    assert not found.comparable(PRESENCE)


def test_counts_under_the_plugins_floor_are_suppressed_whatever_the_feed_says():
    assert privacy_floor(10) == 15 and privacy_floor(25) == 25
    low_min_count = indicators(columns({"a": 12, "b": 100}, min_count=10))
    assert (low_min_count.presence, low_min_count.suppressed) == (100, 1)
    high_min_count = indicators(columns({"a": 20, "b": 100}, min_count=25))
    assert (high_min_count.presence, high_min_count.suppressed) == (100, 1)


def test_movement_is_half_the_change_over_cells_valid_in_both_intervals():
    before = columns({"a": 100, "b": 50, "c": None, "d": 60}, BEFORE_END)
    now = columns({"a": 80, "b": 70, "c": 500, "d": None, "new": 900})
    found = indicators(now, before)
    assert found.movement == 20.0  # (|80-100| + |70-50|) / 2; c, d and new take no part
    assert found.moved_cells == 2


def test_movement_aligns_intervals_recorded_in_another_cell_order():
    before = columns({"b": 50, "a": 100}, BEFORE_END)
    assert indicators(columns({"a": 80, "b": 70}), before).movement == 20.0


def test_no_movement_without_an_interval_before():
    found = indicators(columns({"a": 80}))
    assert found.movement is None and not found.comparable(MOVEMENT)


@pytest.mark.parametrize("hidden", [0, 1, 9, 14])
def test_nothing_suppressed_enters_or_can_be_recovered(hidden):
    """Whatever a suppressed cell really held (any value under the floor), every figure is the same
    as when the feed sent it as suppressed: the figures carry no trace of it."""
    before = columns({"a": 100, "s": None}, BEFORE_END)
    as_suppressed = indicators(columns({"a": 130, "s": None}), before, frozenset({"a", "s"}))
    as_low_number = indicators(columns({"a": 130, "s": hidden}), before, frozenset({"a", "s"}))
    assert as_low_number == as_suppressed
    assert (as_suppressed.presence, as_suppressed.movement, as_suppressed.suppressed) == (130, 15.0, 1)


def test_comparable_needs_the_documented_share_of_valid_cells():
    cells = {f"c{i}": 100 for i in range(10)}
    enough = {**cells, **{f"c{i}": None for i in range(round(10 * (1 - MIN_VALID_SHARE)))}}
    too_few = {**enough, "c9": None}
    assert indicators(columns(enough)).comparable(PRESENCE)
    assert not indicators(columns(too_few)).comparable(PRESENCE)


def test_columns_are_read_only_and_keep_the_cell_order():
    found = columns({"z": 20, "a": None})
    assert found.ids == ("z", "a") and found.values.tolist() == [20, -1]
    with pytest.raises(ValueError):
        found.values[0] = 5


@pytest.fixture(scope="module")
def simulated_week(tmp_path_factory):
    """Eight days of the simulator's published intervals in a real history file."""
    source = small_simulation(SUNDAY_15)
    past = SimulatedPast(source)
    store = open_store(tmp_path_factory.mktemp("week") / "history.sqlite", SUNDAY_15)
    written = record_simulated_days(store, past, SUNDAY_15, days=8)
    yield store, past, written
    store.close()


def test_a_week_of_history_gives_the_figures_the_simulator_published(simulated_week):
    store, past, written = simulated_week
    assert written == 8 * 96 + 1 and len(store.intervals()) == written
    region = frozenset(sorted(past.columns_at(SUNDAY_15).ids)[::3])
    for end in (SUNDAY_15, SUNDAY_15 - timedelta(days=1, hours=5), SUNDAY_15 - timedelta(days=7)):
        previous = end - timedelta(minutes=15)
        for scope in (None, region):
            from_file = indicators(store.columns_at(end), store.columns_at(previous), scope)
            from_simulator = indicators(past.columns_at(end), past.columns_at(previous), scope)
            assert from_file == from_simulator
            assert from_file.presence > 0 and from_file.movement > 0


def test_history_columns_hold_suppressed_as_minus_one_only(simulated_week):
    store, _, _ = simulated_week
    night = SUNDAY_15 - timedelta(hours=12)  # 03:00 UTC: many cells under the floor
    read = store.columns_at(night)
    snapshot = store.snapshot_at(night)
    suppressed = [cell for cell, count in snapshot.counts.items() if count is None]
    assert suppressed, "the night should suppress some cells"
    values = dict(zip(read.ids, read.values.tolist()))
    assert all(values[cell] == -1 for cell in suppressed)
    assert np.all((read.values == -1) | (read.values >= 15))
    assert store.columns_at(night + timedelta(minutes=1)) is None


def test_columns_said_to_be_floored_are_checked_not_trusted():
    interval = Interval(BEFORE_END, END)
    ids = ("a", "b", "c")
    kept = Columns.floored(interval, 15, ids, np.array([-1, 15, 70_000], dtype=np.int32))
    assert kept.values.tolist() == [-1, 15, 70_000] and not kept.values.flags.writeable
    for leaky in ([-1, 14, 20], [0, 20, 20]):
        with pytest.raises(ValueError):
            Columns.floored(interval, 15, ids, np.array(leaky, dtype=np.int32))
    with pytest.raises(ValueError):  # a higher min_count raises the floor
        Columns.floored(interval, 100, ids, np.array([-1, 50, 200], dtype=np.int32))
    with pytest.raises(ValueError):
        Columns.floored(interval, 15, ids, np.array([-1, 15], dtype=np.int32))
