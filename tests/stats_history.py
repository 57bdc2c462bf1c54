"""Real history files for the statistics tests: intervals written with the real HistoryStore.

Two kinds: a week (and more) of the simulator's published intervals, and small
hand-made days whose presence and movement are known exactly.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Optional

from druktemeter.plugin.core.history import HistoryStore
from druktemeter.plugin.core.model import CountsSnapshot, Interval, Trend
from druktemeter.plugin.simulator import build_source
from druktemeter.plugin.simulator.past import SimulatedPast

SLOT = timedelta(minutes=15)
SUNDAY_15 = datetime(2026, 11, 29, 15, 0, tzinfo=timezone.utc)  # a Sunday, 15:00 UTC


def small_simulation(now: datetime, sites: int = 40):
    """The market scenario on a small geography (~120 cells), its clock paused at ``now``."""
    source = build_source("markt", seed=3, start=now, site_count=sites)
    source.clock.pause()
    return source


def record_simulated_days(store: HistoryStore, past: SimulatedPast, until: datetime, days: float) -> int:
    """Record every interval of ``days`` before ``until`` (inclusive) from the simulator; return how many."""
    end, written = until - timedelta(days=days), 0
    while end <= until:
        store.record(past.snapshot_at(end))
        end += SLOT
        written += 1
    return written


def alternating_snapshot(end: datetime, factor: float, extra: Optional[dict] = None) -> CountsSnapshot:
    """Cells a and b swap 1000*factor and 2000*factor every slot: movement = 1000*factor per interval,
    presence = 3000*factor. ``extra`` adds cells as given (``None`` = suppressed)."""
    low, high = round(1000 * factor), round(2000 * factor)
    even = (int(end.timestamp()) // 900) % 2 == 0
    counts = {"a": low if even else high, "b": high if even else low, **(extra or {})}
    trends = {cell: Trend.UNKNOWN for cell in counts}
    return CountsSnapshot(Interval(end - SLOT, end), 15, counts, trends, "Test provider")


def record_day(
    store: HistoryStore,
    day_end: datetime,
    factor: float,
    make: Callable = alternating_snapshot,
    hours: float = 1.5,
):
    """The ``hours`` up to ``day_end`` (every commit is a real fsync: keep it short) at ``factor``."""
    end = day_end - timedelta(hours=hours)
    while end <= day_end:
        store.record(make(end, factor))
        end += SLOT


def open_store(path: Path, now: datetime, days: int = 15) -> HistoryStore:
    return HistoryStore(path, days, clock=lambda: now)
