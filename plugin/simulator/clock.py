"""Simulation time: a replay clock, 15-minute intervals and Dutch local time.

The feed speaks UTC; people (and scenario files) speak Dutch local time. Dutch
time is converted with the EU summer-time rule (last Sunday of March to last
Sunday of October, switching at 01:00 UTC) so the simulator needs no time-zone
database, which QGIS on Windows may lack.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta, timezone
from typing import Callable

from ..core.model import Interval

INTERVAL = timedelta(minutes=15)
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _last_sunday_0100_utc(year: int, month: int) -> datetime:
    last_day = datetime(year, month + 1, 1, 1, tzinfo=timezone.utc) - timedelta(days=1)
    return last_day - timedelta(days=(last_day.weekday() + 1) % 7)


def is_summer_time(moment: datetime) -> bool:
    """Whether Dutch summer time (CEST, UTC+2) applies at the aware ``moment``."""
    utc = moment.astimezone(timezone.utc)
    return _last_sunday_0100_utc(utc.year, 3) <= utc < _last_sunday_0100_utc(utc.year, 10)


def to_local(moment: datetime) -> datetime:
    """Dutch wall-clock time (naive) of the aware ``moment``."""
    utc = moment.astimezone(timezone.utc)
    offset = timedelta(hours=2 if is_summer_time(utc) else 1)
    return (utc + offset).replace(tzinfo=None)


def from_local(local: datetime) -> datetime:
    """The aware UTC moment of Dutch wall-clock time ``local`` (naive).

    In the autumn hour that occurs twice the summer-time reading wins; a time in
    the skipped spring hour is read as winter time.
    """
    summer = (local - timedelta(hours=2)).replace(tzinfo=timezone.utc)
    if is_summer_time(summer):
        return summer
    return (local - timedelta(hours=1)).replace(tzinfo=timezone.utc)


def as_utc(moment: datetime) -> datetime:
    """Aware UTC; a naive datetime is read as Dutch local time, as in scenario files."""
    if moment.tzinfo is None:
        return from_local(moment)
    return moment.astimezone(timezone.utc)


def interval_floor(moment: datetime) -> datetime:
    """The start of the 15-minute interval containing ``moment`` (UTC)."""
    elapsed = as_utc(moment) - _EPOCH
    return _EPOCH + (elapsed // INTERVAL) * INTERVAL


def latest_complete_interval(now: datetime) -> Interval:
    """The last interval that has fully ended at ``now``."""
    end = interval_floor(now)
    return Interval(end - INTERVAL, end)


class SimClock:
    """Simulated time: ``anchor + speed x wall-clock time elapsed since the anchor``.

    ``wall`` returns seconds (default :func:`time.monotonic`); tests inject their own.
    Every change of speed, pause or jump re-anchors, so sim time never jumps by
    itself. Thread-safe: the trainer steers from one thread while a poller or
    the reference service reads from others.
    """

    def __init__(self, start: datetime, speed: float = 1.0, wall: Callable[[], float] = time.monotonic):
        self._wall = wall
        self._lock = threading.Lock()
        self._anchor_sim = as_utc(start)
        self._anchor_wall = wall()
        self._speed = _checked_speed(speed)
        self._paused = False

    problem = ""  # a local clock is always reachable (a classroom's shared clock may not be)

    @property
    def speed(self) -> float:
        return self._speed

    @property
    def paused(self) -> bool:
        return self._paused

    def now(self) -> datetime:
        """The current simulated moment (aware UTC)."""
        with self._lock:
            return self._now()

    def latest_interval(self) -> Interval:
        return latest_complete_interval(self.now())

    def set_speed(self, speed: float) -> None:
        speed = _checked_speed(speed)
        with self._lock:
            self._reanchor(self._now())
            self._speed = speed

    def pause(self) -> None:
        with self._lock:
            self._reanchor(self._now())
            self._paused = True

    def resume(self) -> None:
        with self._lock:
            self._reanchor(self._now())
            self._paused = False

    def jump_to(self, moment: datetime) -> None:
        """Continue from ``moment`` (naive = Dutch local time); pause state and speed are kept."""
        with self._lock:
            self._reanchor(as_utc(moment))

    def _now(self) -> datetime:
        if self._paused:
            return self._anchor_sim
        return self._anchor_sim + timedelta(seconds=(self._wall() - self._anchor_wall) * self._speed)

    def _reanchor(self, sim_now: datetime) -> None:
        self._anchor_sim = sim_now
        self._anchor_wall = self._wall()


def _checked_speed(speed: float) -> float:
    if not speed > 0:
        raise ValueError(f"speed must be positive, got {speed!r}")
    return float(speed)
