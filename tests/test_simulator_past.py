"""The exercise's past computed by the simulator: deterministic, published like the demo feed, no future."""

from __future__ import annotations

from datetime import timedelta

from druktemeter.plugin.core.trend import publish
from druktemeter.plugin.simulator.past import SimulatedPast
from stats_history import SUNDAY_15, small_simulation

A_WEEK_AGO = SUNDAY_15 - timedelta(days=7)
QUARTER = timedelta(minutes=15)


def test_an_earlier_interval_is_what_the_demo_feed_published_for_it():
    source = small_simulation(SUNDAY_15)
    snapshot = SimulatedPast(source).snapshot_at(A_WEEK_AGO)
    start = A_WEEK_AGO - QUARTER
    counts, trends = publish(
        source.model.raw_counts(start), source.model.raw_counts(start - QUARTER), source.min_count
    )
    assert snapshot.counts == counts and snapshot.trends == trends
    assert snapshot.interval.end == A_WEEK_AGO and snapshot.source == source.meta().provider


def test_the_same_exercise_gives_the_same_past_every_time():
    first = SimulatedPast(small_simulation(SUNDAY_15)).columns_at(A_WEEK_AGO)
    again = SimulatedPast(small_simulation(SUNDAY_15)).columns_at(A_WEEK_AGO)
    assert first.ids == again.ids and first.values.tolist() == again.values.tolist()


def test_suppressed_counts_are_never_numbers_in_the_columns():
    past = SimulatedPast(small_simulation(SUNDAY_15))
    night = SUNDAY_15 - timedelta(hours=12)
    snapshot, columns = past.snapshot_at(night), past.columns_at(night)
    suppressed = {cell for cell, count in snapshot.counts.items() if count is None}
    assert suppressed
    values = dict(zip(columns.ids, columns.values.tolist()))
    assert {cell for cell, value in values.items() if value == -1} == suppressed


def test_the_exercise_has_no_future():
    past = SimulatedPast(small_simulation(SUNDAY_15))
    assert past.columns_at(SUNDAY_15) is not None
    assert past.snapshot_at(SUNDAY_15 + QUARTER) is None and past.columns_at(SUNDAY_15 + QUARTER) is None


def test_published_intervals_are_kept_and_the_exercise_clock_still_decides_what_is_past():
    moment = [SUNDAY_15]
    past = SimulatedPast(small_simulation(SUNDAY_15), now=lambda: moment[0])
    first = past.columns_at(SUNDAY_15)
    assert past.columns_at(SUNDAY_15) is first  # kept: a new scope does not compute it again
    moment[0] = SUNDAY_15 - QUARTER  # the trainer sets the exercise clock back
    assert past.columns_at(SUNDAY_15) is None
    assert past.columns_at(SUNDAY_15 - QUARTER) is not None
