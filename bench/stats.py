"""Figures of the statistics at national scale, one JSON line per measurement (part of ``make bench``).

- ``stats_indicators``: presence and movement of one 60,000-cell interval read from a
  real history file (read + both indicators, whole feed and a 3,000-cell region), and
  the conversion of a live snapshot into columns; off the main thread, budget 50 ms.
- ``stats_chart_week``: the day picture behind the chart from a week of national
  history (today until 15:00, yesterday, last week: ~255 intervals): the first time
  for a scope (every interval read), the next interval (figures remembered), and
  after a restart (figures kept in the history file), plus drawing it with
  matplotlib (on the worker); budget 1 s.

Times are medians in seconds. ``python3 bench/stats.py [--cells 60000] [--reps 5]``
runs it alone; ``bench/run.py`` calls :func:`run`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

if __name__ == "__main__":
    _PACKAGE_PARENT = Path(tempfile.mkdtemp(prefix="druktemeter-bench-"))
    (_PACKAGE_PARENT / "druktemeter").symlink_to(
        Path(__file__).resolve().parents[1], target_is_directory=True
    )
    sys.path.insert(0, str(_PACKAGE_PARENT))

from druktemeter.plugin.core.baseline import build_day_picture
from druktemeter.plugin.core.history import HistoryStore
from druktemeter.plugin.core.indicators import Columns, indicators
from druktemeter.plugin.core.model import CountsSnapshot, Interval, Trend

NOW = datetime(2026, 11, 29, 15, 0, tzinfo=timezone.utc)
SLOT = timedelta(minutes=15)
REGION_CELLS = 3000


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def median_of(reps: int, action: Callable[[], object]) -> float:
    return statistics.median(timed(action) for _ in range(reps))


class NationalFeed:
    """Synthetic national intervals: a fifth suppressed, skewed counts, a daily swing."""

    def __init__(self, cells: int) -> None:
        rng = random.Random(7)
        self.ids = [f"NL-{i:06d}" for i in range(cells)]
        self.base = [None if rng.random() < 0.2 else int(15 + rng.paretovariate(1.5) * 40) for _ in self.ids]

    def snapshot(self, end: datetime) -> CountsSnapshot:
        swing = 1.0 + 0.3 * ((end.hour * 4 + end.minute // 15) % 7) / 7
        counts = dict(zip(self.ids, [None if b is None else int(b * swing) for b in self.base]))
        trends = dict.fromkeys(self.ids, Trend.EQUAL)
        return CountsSnapshot(Interval(end - SLOT, end), 15, counts, trends, "bench")


def week_ends() -> list[datetime]:
    """The intervals a day picture reads: today until NOW, yesterday and a week ago (with the one before)."""
    midnight = NOW.replace(hour=0, minute=0)
    today = [midnight + SLOT * k for k in range(int((NOW - midnight) / SLOT) + 1)]
    day = [midnight + SLOT * k for k in range(97)]
    return sorted({*today, *(e - timedelta(days=1) for e in day), *(e - timedelta(days=7) for e in day)})


def run(emit: Callable[..., None], reps: int = 5, cells: int = 60_000) -> None:
    feed = NationalFeed(cells)
    region = frozenset(feed.ids[::20][:REGION_CELLS])
    with tempfile.TemporaryDirectory(prefix="druktemeter-stats-bench-") as folder:
        store = HistoryStore(Path(folder) / "history.sqlite", 8, clock=lambda: NOW)
        ends = week_ends()
        for end in ends:
            store.record(feed.snapshot(end))
        before = NOW - SLOT
        read = median_of(reps, lambda: (store.columns_at(NOW), store.columns_at(before)))
        now_columns, before_columns = store.columns_at(NOW), store.columns_at(before)
        feed_s = median_of(reps, lambda: indicators(now_columns, before_columns))
        region_s = median_of(reps, lambda: indicators(now_columns, before_columns, region))
        live = feed.snapshot(NOW)
        convert_s = median_of(reps, lambda: Columns.from_snapshot(live))
        emit(
            "stats_indicators",
            f"synthetic-{cells}",
            cells=cells,
            read_two_intervals_s=read,
            whole_feed_s=feed_s,
            region_s=region_s,
            region_cells=len(region),
            snapshot_to_columns_s=convert_s,
            seconds=read + feed_s + region_s,
            budget_s=0.05,
        )
        cold = median_of(max(1, reps // 2), lambda: build_day_picture(store, NOW, region, 1, timezone.utc))
        memo = store.indicator_memo()
        build_day_picture(store, NOW - SLOT, region, 1, timezone.utc, memo=memo)
        warm = timed(lambda: build_day_picture(store, NOW, region, 1, timezone.utc, memo=memo))
        stored = median_of(
            reps, lambda: build_day_picture(store, NOW, region, 1, timezone.utc, memo=store.indicator_memo())
        )
        draw = chart_draw_seconds(build_day_picture(store, NOW, region, 1, timezone.utc), reps)
        emit(
            "stats_chart_week",
            f"synthetic-{cells}",
            cells=cells,
            intervals_in_file=len(ends),
            picture_first_time_for_scope_s=cold,
            picture_next_interval_s=warm,
            picture_after_restart_s=stored,
            draw_s=draw,
            seconds=stored + draw,
            budget_s=1.0,
        )
        store.close()


def chart_draw_seconds(picture, reps: int) -> float:
    """Drawing the chart as the dock's worker does (``DayChart``: matplotlib's Agg), at the dock's size."""
    from druktemeter.plugin.gui.chart_panel import DayChart
    from matplotlib.backends import backend_agg

    chart = DayChart(backend_agg)
    return median_of(reps, lambda: chart.image(picture, "movement", 4.2, 2.8, 100))


def main(argv: list[str]) -> int:
    import json
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cells", type=int, default=60_000)
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args(argv)
    app = QgsApplication([], False)
    app.initQgis()

    def emit(measure: str, workload: str, **values) -> None:
        rounded = {k: round(v, 4) if isinstance(v, float) else v for k, v in values.items()}
        print(json.dumps({"measure": measure, "workload": workload, **rounded}), flush=True)

    run(emit, args.reps, args.cells)
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
