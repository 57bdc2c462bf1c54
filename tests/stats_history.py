"""Real history files for the statistics tests: intervals written with the real HistoryStore.

Two kinds: a week (and more) of the simulator's published intervals, and small
hand-made days whose presence and movement are known exactly.
"""

from __future__ import annotations

import json
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


# A trainer's own scenario: a copy of the bundled market that kept its name ("markt") but was
# edited. A demonstration in the Zuiderpark the day BEFORE the exercise starts, so yesterday differs
# from the bundled market's yesterday; seed 4. A station can only know this past from the file itself.
TRAINER_SCENARIO = {
    "name": "markt",
    "description": {"nl": "Demonstratie gisteren in het Zuiderpark.", "en": "A demonstration yesterday."},
    "start": "2026-06-13T07:00",
    "region": "brabant-noord",
    "seed": 4,
    "min_count": 20,
    "events": [
        {
            "kind": "gathering",
            "name": "Demonstratie",
            "location": [5.2985, 51.6790],
            "radius_m": 250,
            "start": "2026-06-12T09:00",
            "peak": "2026-06-12T12:00",
            "end": "2026-06-12T18:00",
            "peak_extra": 6000,
        }
    ],
}
TRAINER_SCENARIO_PEAK = datetime(2026, 6, 12, 10, 15, tzinfo=timezone.utc)  # 12:15 local, yesterday


def trainer_scenario_file(folder: Path) -> Path:
    """The trainer's scenario written as a file (as a trainer passes it to ``serve --scenario``)."""
    path = folder / "mijn-oefening.json"
    path.write_text(json.dumps(TRAINER_SCENARIO, indent=2, ensure_ascii=False), encoding="utf-8")
    return path
