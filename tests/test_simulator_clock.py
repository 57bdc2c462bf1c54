"""Replay clock (speed, pause, jump), 15-minute intervals and Dutch local time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from druktemeter.plugin.simulator.clock import (
    SimClock,
    from_local,
    interval_floor,
    is_summer_time,
    latest_complete_interval,
    to_local,
)

UTC = timezone.utc
START = datetime(2026, 6, 13, 9, 0, tzinfo=UTC)


def test_sim_time_runs_at_speed_times_wall_time(wall):
    clock = SimClock(START, speed=60, wall=wall)
    wall.advance(30)
    assert clock.now() == START + timedelta(minutes=30)


def test_changing_speed_keeps_the_time_reached(wall):
    clock = SimClock(START, speed=1, wall=wall)
    wall.advance(600)
    clock.set_speed(120)
    assert clock.now() == START + timedelta(minutes=10)
    wall.advance(60)
    assert clock.now() == START + timedelta(hours=2, minutes=10)
    assert clock.speed == 120


def test_pause_freezes_and_resume_continues_from_there(wall):
    clock = SimClock(START, speed=60, wall=wall)
    wall.advance(10)
    clock.pause()
    assert clock.paused
    wall.advance(1000)
    assert clock.now() == START + timedelta(minutes=10)
    clock.resume()
    assert not clock.paused
    wall.advance(5)
    assert clock.now() == START + timedelta(minutes=15)


def test_jump_to_moves_to_any_time_keeping_speed_and_pause(wall):
    clock = SimClock(START, speed=60, wall=wall)
    clock.pause()
    clock.jump_to(datetime(2026, 6, 13, 14, 7))  # naive: Dutch local time (CEST)
    assert clock.now() == datetime(2026, 6, 13, 12, 7, tzinfo=UTC)
    assert clock.paused
    clock.resume()
    wall.advance(1)
    assert clock.now() == datetime(2026, 6, 13, 12, 8, tzinfo=UTC)
    clock.jump_to(START)  # back in time
    assert clock.now() == START


def test_latest_interval_is_the_last_complete_quarter_hour(wall):
    clock = SimClock(START + timedelta(minutes=7), wall=wall)
    interval = clock.latest_interval()
    assert (interval.start, interval.end) == (START - timedelta(minutes=15), START)
    on_the_boundary = latest_complete_interval(START + timedelta(minutes=15))
    assert on_the_boundary.start == START
    assert interval_floor(START + timedelta(minutes=14, seconds=59)) == START


def test_speed_must_be_positive(wall):
    with pytest.raises(ValueError):
        SimClock(START, speed=0, wall=wall)
    with pytest.raises(ValueError):
        SimClock(START, wall=wall).set_speed(-1)


def test_dutch_local_time_follows_the_eu_summer_time_rule():
    assert from_local(datetime(2026, 6, 13, 12, 0)) == datetime(2026, 6, 13, 10, 0, tzinfo=UTC)
    assert from_local(datetime(2027, 2, 7, 12, 0)) == datetime(2027, 2, 7, 11, 0, tzinfo=UTC)
    # 2026: summer time from Sunday 29 March to Sunday 25 October, 01:00 UTC
    assert not is_summer_time(datetime(2026, 3, 29, 0, 59, tzinfo=UTC))
    assert is_summer_time(datetime(2026, 3, 29, 1, 0, tzinfo=UTC))
    assert is_summer_time(datetime(2026, 10, 25, 0, 59, tzinfo=UTC))
    assert not is_summer_time(datetime(2026, 10, 25, 1, 0, tzinfo=UTC))
    assert to_local(datetime(2026, 10, 25, 0, 30, tzinfo=UTC)) == datetime(2026, 10, 25, 2, 30)
    assert to_local(datetime(2026, 10, 25, 1, 30, tzinfo=UTC)) == datetime(2026, 10, 25, 2, 30)
    for hours in range(0, 24 * 400, 7):
        moment = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(hours=hours)
        if not (is_summer_time(moment) and not is_summer_time(moment + timedelta(hours=1))):
            assert from_local(to_local(moment)) == moment
