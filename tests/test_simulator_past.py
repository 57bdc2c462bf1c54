"""The exercise's past computed by the simulator: deterministic, published like the demo feed, no future."""

from __future__ import annotations

from datetime import timedelta

import pytest
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


# ---------------------------------------------------------------- a classroom station's past


def served(path, seed=4, min_count=20):
    """What a station learns from the reference service's /v1/exercise for a scenario file."""
    from druktemeter.plugin.feed.exercise import ServedSimulation

    return ServedSimulation("markt", seed, min_count, path.read_text(encoding="utf-8"))


def test_a_station_computes_the_past_of_a_trainers_scenario_file_as_the_service_simulates_it(tmp_path):
    from druktemeter.plugin.simulator import build_source
    from druktemeter.plugin.simulator.past import ServedExercisePast
    from stats_history import TRAINER_SCENARIO_PEAK, trainer_scenario_file

    path = trainer_scenario_file(tmp_path)
    service = build_source(path, seed=4)  # what `serve --scenario mijn-oefening.json --seed 4` runs
    now = service.clock.now
    published = SimulatedPast(service).snapshot_at(TRAINER_SCENARIO_PEAK)  # what the service served
    station = ServedExercisePast(served(path), now, published)
    here, there = (
        station.columns_at(TRAINER_SCENARIO_PEAK),
        SimulatedPast(service).columns_at(TRAINER_SCENARIO_PEAK),
    )
    assert here.ids == there.ids and here.values.tolist() == there.values.tolist()
    assert here.min_count == 20  # the file's floor, not the bundled market's
    bundled = SimulatedPast(build_source("markt", seed=4)).columns_at(TRAINER_SCENARIO_PEAK)
    assert bundled.ids == here.ids  # same region and seed: the same cells ...
    assert max(here.values) > max(bundled.values) + 1000, (
        "... but yesterday's demonstration is in the file only"
    )


def test_a_served_scenario_this_station_cannot_read_is_said_as_the_history_says_it(tmp_path):
    from druktemeter.plugin.core.history import HistoryError
    from druktemeter.plugin.feed.exercise import ServedSimulation
    from druktemeter.plugin.simulator.past import ServedExercisePast
    from stats_history import TRAINER_SCENARIO_PEAK

    newer = ServedSimulation("<b>markt</b>", 1, 15, '{"name": "markt", "weather": "sunny"}')
    published = SimulatedPast(small_simulation(SUNDAY_15)).snapshot_at(SUNDAY_15)
    station = ServedExercisePast(newer, lambda: TRAINER_SCENARIO_PEAK, published)
    with pytest.raises(HistoryError) as raised:  # the chart and play-back show a HistoryError's words
        station.columns_at(TRAINER_SCENARIO_PEAK)
    message = raised.value.user_message()
    assert "cannot compute the exercise's past" in message and "weather" in message


def test_a_station_whose_simulation_differs_from_the_services_shows_no_past(tmp_path):
    """Another Druktemeter version may simulate otherwise: its past would be wrong, so none is shown."""
    from druktemeter.plugin.core.history import HistoryError
    from druktemeter.plugin.simulator import build_source
    from druktemeter.plugin.simulator.past import ServedExercisePast
    from stats_history import TRAINER_SCENARIO_PEAK, trainer_scenario_file

    path = trainer_scenario_file(tmp_path)
    other = SimulatedPast(build_source(path, seed=5)).snapshot_at(TRAINER_SCENARIO_PEAK)  # not seed 4's
    station = ServedExercisePast(served(path), build_source(path, seed=4).clock.now, other)
    for _ in range(2):  # said every time, built once
        with pytest.raises(HistoryError, match="use the same Druktemeter version"):
            station.columns_at(TRAINER_SCENARIO_PEAK)


def test_published_intervals_are_kept_and_the_exercise_clock_still_decides_what_is_past():
    moment = [SUNDAY_15]
    past = SimulatedPast(small_simulation(SUNDAY_15), now=lambda: moment[0])
    first = past.columns_at(SUNDAY_15)
    assert past.columns_at(SUNDAY_15) is first  # kept: a new scope does not compute it again
    moment[0] = SUNDAY_15 - QUARTER  # the trainer sets the exercise clock back
    assert past.columns_at(SUNDAY_15) is None
    assert past.columns_at(SUNDAY_15 - QUARTER) is not None
