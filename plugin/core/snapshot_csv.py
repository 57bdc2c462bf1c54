"""One interval as a CSV table for a briefing: cell, count (or "< min_count"), trend in words, interval.

Aggregates only, as on the map: a suppressed cell, or a count under the plugin's
floor ``max(15, min_count)`` whoever made the snapshot, shows ``< 15``, never a
number, and no trend; a cell absent from the interval has no row.
"""

from __future__ import annotations

import os
from typing import Union

from .alert_log import local_time, utc_time
from .collector import collector_paused
from .files import write_csv
from .i18n import tr
from .model import CountsSnapshot, Trend
from .trend import count_floor
from .words import trend_word


def snapshot_csv_headers() -> list[str]:
    return [
        tr("Cell"),
        tr("Count"),
        tr("Trend"),
        tr("Interval start (local time)"),
        tr("Interval end (local time)"),
        tr("Interval start (UTC)"),
        tr("Interval end (UTC)"),
    ]


def snapshot_csv_rows(snapshot: CountsSnapshot) -> list[tuple[str, ...]]:
    """One row per cell; tuples of strings, which the cycle collector stops walking at once.

    The plugin's floor applies whoever made the snapshot: a count under it is written
    as "< floor" and without a trend, never as a number.
    """
    start, end = snapshot.interval.start, snapshot.interval.end
    times = (local_time(start), local_time(end), utc_time(start), utc_time(end))
    words = {trend: trend_word(trend) for trend in Trend}  # translated once, not per cell
    floor = count_floor(snapshot.min_count)
    suppressed, no_trend = f"< {floor}", words[Trend.UNKNOWN]
    trends = snapshot.trends
    return [
        (cell_id, suppressed, no_trend, *times)
        if count is None or count < floor
        else (cell_id, str(count), words[trends.get(cell_id, Trend.UNKNOWN)], *times)
        for cell_id, count in snapshot.counts.items()
    ]


def write_snapshot_csv(snapshot: CountsSnapshot, path: Union[str, os.PathLike]) -> int:
    """Write the table (private, formula-safe; see ``core.files``); returns the number of cells written."""
    with collector_paused():  # 60,000 rows would set off full collections, which stop QGIS
        return write_csv(path, snapshot_csv_headers(), snapshot_csv_rows(snapshot))
