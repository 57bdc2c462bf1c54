"""Figures of the crowd history at national scale, one JSON line per measurement.

``python3 bench/history.py [--cells 60000] [--intervals 12]`` records synthetic
intervals into a fresh file and prints bytes per interval, the time to record
one, to read one back and to purge them all, and the same figures for the obvious alternative (a
row per cell) measured side by side, which is why the store keeps a row per
interval. Times are medians, in seconds. Needs no QGIS.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

_PACKAGE_PARENT = Path(tempfile.mkdtemp(prefix="druktemeter-bench-"))
(_PACKAGE_PARENT / "druktemeter").symlink_to(Path(__file__).resolve().parents[1], target_is_directory=True)
sys.path.insert(0, str(_PACKAGE_PARENT))

from druktemeter.plugin.core.history import HistoryStore  # noqa: E402
from druktemeter.plugin.core.model import CountsSnapshot, Interval, Trend  # noqa: E402

START = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
TRENDS = [Trend.UP, Trend.DOWN, Trend.EQUAL, Trend.EQUAL, Trend.EQUAL]


def synthetic_snapshot(n_cells: int, index: int, rng: random.Random) -> CountsSnapshot:
    """Counts like a national feed: a fifth suppressed, the rest skewed from 15 to a few thousand."""
    end = START + timedelta(minutes=15 * index)
    ids = [f"NL-{i:06d}" for i in range(n_cells)]
    counts = {i: None if rng.random() < 0.2 else int(15 + rng.paretovariate(1.5) * 40) for i in ids}
    trends = {i: Trend.UNKNOWN if counts[i] is None else rng.choice(TRENDS) for i in ids}
    return CountsSnapshot(Interval(end - timedelta(minutes=15), end), 15, counts, trends, "bench")


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def measure_store(folder: Path, snapshots: list[CountsSnapshot]) -> dict:
    store = HistoryStore(folder / "history.sqlite", 8, clock=lambda: snapshots[-1].interval.end)
    record_s = [timed(lambda s=s: store.record(s)) for s in snapshots]
    read_s = [timed(lambda s=s: store.snapshot_at(s.interval.end)) for s in snapshots]
    figures = _figures(
        "row per interval (HistoryStore)", folder / "history.sqlite", snapshots, record_s, read_s
    )
    far_future = snapshots[-1].interval.end + timedelta(days=30)
    figures["purge_all_s"] = round(timed(lambda: store.purge(far_future)), 4)
    store.close()
    return figures


def measure_row_per_cell(folder: Path, snapshots: list[CountsSnapshot]) -> dict:
    path = folder / "per-cell.sqlite"
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE counts (end_utc TEXT, cell TEXT, count INTEGER, trend TEXT,"
        " PRIMARY KEY (end_utc, cell))"
    )

    def record(snapshot: CountsSnapshot) -> None:
        end = snapshot.interval.end.isoformat()
        rows = [(end, i, c, snapshot.trends[i].value) for i, c in snapshot.counts.items()]
        with db:
            db.executemany("INSERT OR REPLACE INTO counts VALUES (?, ?, ?, ?)", rows)

    def read(snapshot: CountsSnapshot) -> None:
        rows = db.execute(
            "SELECT cell, count, trend FROM counts WHERE end_utc = ?", (snapshot.interval.end.isoformat(),)
        )
        {cell: (count, Trend(trend)) for cell, count, trend in rows}

    record_s = [timed(lambda s=s: record(s)) for s in snapshots]
    read_s = [timed(lambda s=s: read(s)) for s in snapshots]
    db.close()
    return _figures("row per cell (alternative)", path, snapshots, record_s, read_s)


def _figures(name: str, path: Path, snapshots: list, record_s: list, read_s: list) -> dict:
    per_interval = path.stat().st_size / len(snapshots)
    return {
        "storage": name,
        "cells": len(snapshots[0].counts),
        "intervals": len(snapshots),
        "bytes_per_interval": round(per_interval),
        "mb_for_8_days": round(per_interval * 96 * 8 / 1e6, 1),
        "record_s": round(statistics.median(record_s), 4),
        "read_s": round(statistics.median(read_s), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cells", type=int, default=60_000)
    parser.add_argument("--intervals", type=int, default=12)
    args = parser.parse_args()
    rng = random.Random(1)
    snapshots = [synthetic_snapshot(args.cells, i, rng) for i in range(args.intervals)]
    with tempfile.TemporaryDirectory() as folder:
        for measure in (measure_store, measure_row_per_cell):
            print(json.dumps(measure(Path(folder), snapshots)), flush=True)


if __name__ == "__main__":
    main()
