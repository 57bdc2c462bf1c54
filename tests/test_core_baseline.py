"""Day pictures from real history files: yesterday, last week, the usual level (median over weeks),
the hour compared, and the same picture from the simulator as from its recorded history."""

from __future__ import annotations

import shutil
import sqlite3
import zlib
from array import array
from datetime import timedelta, timezone
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from druktemeter.plugin.core import baseline
from druktemeter.plugin.core.baseline import (
    SLOTS_PER_DAY,
    Reference,
    build_day_picture,
    window_bounds,
    window_change,
)
from druktemeter.plugin.core.indicators import MOVEMENT, PRESENCE, Columns, IndicatorMemo, indicators
from druktemeter.plugin.simulator.past import SimulatedPast
from stats_history import (
    SUNDAY_15,
    alternating_snapshot,
    open_store,
    record_day,
    record_simulated_days,
    small_simulation,
)

UTC = timezone.utc


@pytest.fixture
def known_days(tmp_path):
    """Today 0.77, yesterday 1.0, a week ago 1.305, two weeks ago 1.0 (movement = 1000 x factor)."""
    store = open_store(tmp_path / "history.sqlite", SUNDAY_15)
    record_day(store, SUNDAY_15, 0.77)
    for days, factor in ((1, 1.0), (7, 1.305), (14, 1.0)):
        record_day(store, SUNDAY_15 - timedelta(days=days), factor)
    yield store
    store.close()


def test_series_are_aligned_to_todays_slots(known_days):
    picture = build_day_picture(known_days, SUNDAY_15, weeks=2, zone=UTC)
    assert len(picture.slot_ends) == SLOTS_PER_DAY and picture.now_slot == 59  # 15:00 is the 60th slot end
    assert picture.series(Reference.TODAY, MOVEMENT)[59] == pytest.approx(770.0)
    assert picture.series(Reference.TODAY, MOVEMENT)[60] is None  # the future
    assert picture.series(Reference.YESTERDAY, MOVEMENT)[59] == pytest.approx(1000.0)
    assert picture.series(Reference.LAST_WEEK, PRESENCE)[59] == pytest.approx(3000 * 1.305, abs=1)


def test_usual_level_is_the_median_of_the_same_weekday_over_the_weeks(known_days):
    picture = build_day_picture(known_days, SUNDAY_15, weeks=2, zone=UTC)
    assert picture.usual(MOVEMENT)[59] == pytest.approx((1305 + 1000) / 2)
    assert picture.usual_weeks(MOVEMENT) == 2
    one_week = build_day_picture(known_days, SUNDAY_15, weeks=1, zone=UTC)
    assert one_week.usual(MOVEMENT)[59] == pytest.approx(1305.0)


def test_the_last_hour_sums_movement_and_averages_presence(known_days):
    picture = build_day_picture(known_days, SUNDAY_15, weeks=2, zone=UTC)
    assert window_bounds(picture) == (SUNDAY_15 - timedelta(hours=1), SUNDAY_15)
    movement = window_change(picture, Reference.YESTERDAY, MOVEMENT)
    assert (movement.now, movement.before) == (pytest.approx(4 * 770), pytest.approx(4 * 1000))
    assert movement.percent == pytest.approx(-23.0)
    presence = window_change(picture, Reference.LAST_WEEK, PRESENCE)
    assert presence.now == pytest.approx(3000 * 0.77, abs=1)
    assert presence.percent == pytest.approx(100 * (0.77 / 1.305 - 1), abs=0.1)


def test_no_change_when_a_slot_of_the_hour_has_too_few_valid_cells(tmp_path):
    store = open_store(tmp_path / "history.sqlite", SUNDAY_15)
    record_day(store, SUNDAY_15, 1.0)

    def mostly_suppressed(end, factor):
        extra = {f"s{i}": None for i in range(5)} if end == SUNDAY_15 - timedelta(days=1, minutes=30) else {}
        return alternating_snapshot(end, factor, extra)

    record_day(store, SUNDAY_15 - timedelta(days=1), 1.0, mostly_suppressed)
    picture = build_day_picture(store, SUNDAY_15, zone=UTC)
    assert picture.series(Reference.YESTERDAY, PRESENCE)[57] is None  # 2 of 7 cells valid
    assert window_change(picture, Reference.YESTERDAY, PRESENCE).percent is None
    assert window_change(picture, Reference.LAST_WEEK, PRESENCE).percent is None  # nothing recorded
    store.close()


def test_the_live_interval_not_yet_recorded_is_used_for_now(known_days):
    shown = Columns.from_snapshot(alternating_snapshot(SUNDAY_15 + timedelta(minutes=15), 0.5))
    picture = build_day_picture(known_days, shown.interval.end, weeks=2, zone=UTC, current=shown)
    # a and b swap: 770/1540 at 15:00, then 1000/500: (|1000 - 770| + |500 - 1540|) / 2
    assert picture.series(Reference.TODAY, MOVEMENT)[60] == pytest.approx(635.0)


def test_days_are_wall_clock_days_across_daylight_saving(tmp_path):
    """On the Sunday clocks go back, 15:00 today is compared with 15:00 yesterday, 25 hours earlier."""
    amsterdam = ZoneInfo("Europe/Amsterdam")
    now = SUNDAY_15.replace(month=10, day=25)  # 2026-10-25: CET since 01:00 UTC
    store = open_store(tmp_path / "history.sqlite", now)
    record_day(store, now, 1.0)
    record_day(store, now - timedelta(hours=25), 2.0)
    picture = build_day_picture(store, now, zone=amsterdam)
    assert now.astimezone(amsterdam).hour == 16 and picture.slot_ends[picture.now_slot] == now
    assert picture.series(Reference.YESTERDAY, MOVEMENT)[picture.now_slot] == pytest.approx(2000.0)
    store.close()


def count_computed(monkeypatch, store) -> list:
    """Record the end of every interval whose indicators are computed (not remembered) from now on."""
    computed = []
    real = baseline.indicators

    def counting(now, before=None, scope=None):
        computed.append(now.interval.end)
        return real(now, before, scope)

    monkeypatch.setattr(baseline, "indicators", counting)
    return computed


def complete(store, ends) -> set:
    """Those of ``ends`` recorded together with the interval before (figures that can be remembered)."""
    return {end for end in ends if store.columns_at(end - timedelta(minutes=15)) is not None}


def test_memo_gives_the_same_picture_and_reads_only_the_new(known_days, monkeypatch):
    memo = IndicatorMemo()
    first = build_day_picture(known_days, SUNDAY_15, weeks=2, zone=UTC, memo=memo)
    computed = count_computed(monkeypatch, known_days)
    again = build_day_picture(known_days, SUNDAY_15, weeks=2, zone=UTC, memo=memo)
    assert again == first
    assert complete(known_days, computed) == {SUNDAY_15}  # only the newest interval is summed again


def test_indicators_kept_in_the_history_file_survive_a_restart(tmp_path, monkeypatch):
    path = tmp_path / "history.sqlite"
    store = open_store(path, SUNDAY_15)
    for days, factor in ((0, 0.77), (1, 1.0), (7, 1.305)):
        record_day(store, SUNDAY_15 - timedelta(days=days), factor)
    region = frozenset({"a", "b"})
    first = build_day_picture(store, SUNDAY_15, region, zone=UTC, memo=store.indicator_memo())
    store.close()
    reopened = open_store(path, SUNDAY_15)
    computed = count_computed(monkeypatch, reopened)
    earlier = SUNDAY_15 - timedelta(minutes=15)
    again = build_day_picture(reopened, earlier, region, zone=UTC, memo=reopened.indicator_memo())
    assert complete(reopened, computed) == {earlier}  # all others came from the file
    assert again.series(Reference.YESTERDAY, MOVEMENT) == first.series(Reference.YESTERDAY, MOVEMENT)
    assert again.series(Reference.LAST_WEEK, PRESENCE) == first.series(Reference.LAST_WEEK, PRESENCE)
    reopened.purge(SUNDAY_15 + timedelta(days=30))
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM indicators").fetchone() == (0,)  # purged with the intervals
    reopened.close()


def test_exercise_past_from_the_simulator_equals_its_recorded_history(tmp_path):
    """The simulator's past is what a recorded week of the same exercise would show."""
    source = small_simulation(SUNDAY_15)
    past = SimulatedPast(source)
    store = open_store(tmp_path / "history.sqlite", SUNDAY_15)
    record_simulated_days(store, past, SUNDAY_15, days=7.25)
    from_file = build_day_picture(store, SUNDAY_15, zone=UTC)
    from_simulator = build_day_picture(past, SUNDAY_15, zone=UTC)
    assert (from_file.today, from_file.yesterday) == (from_simulator.today, from_simulator.yesterday)
    first = 35  # the file starts 7 days 6 hours back: 09:00 UTC a week ago, without the interval before
    assert from_file.weeks[0][first + 1 :] == from_simulator.weeks[0][first + 1 :]
    assert from_file.weeks[0][first].movement is None and set(from_file.weeks[0][:first]) == {None}
    assert from_simulator.series(Reference.YESTERDAY, PRESENCE)[59] is not None
    assert from_simulator.series(Reference.LAST_WEEK, MOVEMENT)[59] is not None
    store.close()


@pytest.fixture(scope="module")
def simulated_week_file(tmp_path_factory):
    """Eight days of the simulator's published intervals in a real history file, and the same week
    rewritten as the first version of the store wrote it (zlib over int32): the reading before."""
    folder = tmp_path_factory.mktemp("week")
    store = open_store(folder / "history.sqlite", SUNDAY_15)
    record_simulated_days(store, SimulatedPast(small_simulation(SUNDAY_15)), SUNDAY_15, days=8)
    store.close()
    shutil.copy(folder / "history.sqlite", folder / "first-format.sqlite")
    old = open_store(folder / "first-format.sqlite", SUNDAY_15)
    with old._lock, old._connection as db:
        keys = [key for (key,) in db.execute("SELECT end_utc FROM intervals ORDER BY end_utc")]
    values = [old.columns_at(interval.end).values.tolist() for interval in old.intervals()]
    rows = [(zlib.compress(array("i", v).tobytes(), 1), key) for v, key in zip(values, keys)]
    with old._lock, old._connection as db:
        db.executemany("UPDATE intervals SET counts = ? WHERE end_utc = ?", rows)
    yield open_store(folder / "history.sqlite", SUNDAY_15), old
    old.close()


def interval_by_interval(store, ends, scope, until=None):
    """The figures as the chart first read them: each interval and the one before, one query each."""
    figures = []
    for end in ends:
        now = store.columns_at(end) if until is None or end <= until else None
        before = store.columns_at(end - timedelta(minutes=15))
        figures.append(None if now is None else indicators(now, before, scope))
    return tuple(figures)


def by_definition(store, end, scope) -> tuple:
    """Presence, movement and the cell tallies of one interval in plain Python from the recorded
    snapshots, as docs/statistics.md defines them (the reference for the numpy code)."""
    now, before = store.snapshot_at(end), store.snapshot_at(end - timedelta(minutes=15))
    cells = set(now.counts) if scope is None else set(scope)
    valid = {c: now.counts[c] for c in cells if now.counts.get(c) is not None}
    both = [c for c in valid if before is not None and before.counts.get(c) is not None]
    movement = None if before is None else sum(abs(valid[c] - before.counts[c]) for c in both) / 2
    suppressed = sum(1 for c in cells if c in now.counts and now.counts[c] is None)
    return sum(valid.values()) if valid else None, movement, len(valid), suppressed, len(both)


def test_a_new_scope_reads_the_week_in_batches_and_gets_the_figures_read_one_by_one(simulated_week_file):
    store, first_format = simulated_week_file
    ids = sorted(store.columns_at(SUNDAY_15).ids)
    large = np.count_nonzero(store.columns_at(SUNDAY_15).values >= 256)
    assert large, "the week should hold counts beyond one byte"
    scopes = (
        None,
        frozenset(ids[::3]),
        frozenset({ids[7]}),
        frozenset({ids[7], "gone"}),
        frozenset(ids) | {"gone"},
    )
    for scope in scopes:
        picture = build_day_picture(store, SUNDAY_15, scope, zone=UTC, memo=store.indicator_memo())
        day = picture.slot_ends
        assert picture.today == interval_by_interval(store, day, scope, until=SUNDAY_15)
        assert picture.yesterday == interval_by_interval(store, [e - timedelta(days=1) for e in day], scope)
        assert picture.weeks[0] == interval_by_interval(store, [e - timedelta(days=7) for e in day], scope)
        for slot in range(0, picture.now_slot + 1, 5):
            found = picture.today[slot]
            figures = (found.presence, found.movement, found.valid, found.suppressed, found.moved_cells)
            assert figures == by_definition(store, day[slot], scope)
        assert build_day_picture(first_format, SUNDAY_15, scope, zone=UTC) == picture  # the old file
        remembered = build_day_picture(store, SUNDAY_15, scope, zone=UTC, memo=store.indicator_memo())
        assert remembered == picture  # figures kept in the file per scope
    store.close()
