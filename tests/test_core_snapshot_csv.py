"""The briefing table of one interval, written to a real file."""

from __future__ import annotations

import csv
import stat
from datetime import datetime, timedelta, timezone

from druktemeter.plugin.core.model import CountsSnapshot, Interval, Trend
from druktemeter.plugin.core.snapshot_csv import snapshot_csv_headers, write_snapshot_csv

END = datetime(2026, 11, 25, 12, 15, tzinfo=timezone.utc)
SNAPSHOT = CountsSnapshot(
    Interval(END - timedelta(minutes=15), END),
    15,
    {"a": 120, "b": None},
    {"a": Trend.UP, "b": Trend.UNKNOWN},
)


def read_rows(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def test_table_has_count_or_suppressed_trend_words_and_both_times(tmp_path):
    path = tmp_path / "snapshot.csv"
    assert write_snapshot_csv(SNAPSHOT, path) == 2
    header, first, second = read_rows(path)
    assert header == snapshot_csv_headers()
    local_start = (END - timedelta(minutes=15)).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    local_end = END.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert first == [
        "a",
        "120",
        "rising",
        local_start,
        local_end,
        "2026-11-25T12:00:00Z",
        "2026-11-25T12:15:00Z",
    ]
    assert second[:3] == ["b", "< 15", "unknown"]


def test_suppressed_shows_the_feeds_threshold_and_absent_cells_have_no_row(tmp_path):
    path = tmp_path / "snapshot.csv"
    other = CountsSnapshot(SNAPSHOT.interval, 20, {"b": None}, {"b": Trend.UNKNOWN})
    write_snapshot_csv(other, path)
    assert [row[:2] for row in read_rows(path)[1:]] == [["b", "< 20"]]


def test_a_count_under_the_floor_is_never_exported_as_a_number(tmp_path):
    """Whoever made the snapshot (min_count 0, a bug): the briefing file shows "< 15" and no trend."""
    path = tmp_path / "snapshot.csv"
    leaky = CountsSnapshot(SNAPSHOT.interval, 0, {"a": 3, "b": 40}, {"a": Trend.EQUAL, "b": Trend.UP})
    write_snapshot_csv(leaky, path)
    assert [row[:3] for row in read_rows(path)[1:]] == [["a", "< 15", "unknown"], ["b", "40", "rising"]]


def test_cell_ids_that_look_like_formulas_are_written_as_text(tmp_path):
    hostile = CountsSnapshot(SNAPSHOT.interval, 15, {"=1+1": 20, "@x": None}, {"=1+1": Trend.UP})
    target = tmp_path / "briefing.csv"
    write_snapshot_csv(hostile, target)
    assert [row[0] for row in read_rows(target)[1:]] == ["'=1+1", "'@x"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_national_table_written_in_batches_keeps_every_row_in_order(tmp_path):
    from druktemeter.plugin.core.files import ROWS_PER_CALL

    ids = [f"NL-{n:05d}" for n in range(2 * ROWS_PER_CALL + 7)]
    national = CountsSnapshot(SNAPSHOT.interval, 15, {i: 100 + n for n, i in enumerate(ids)}, {})
    assert write_snapshot_csv(national, tmp_path / "nl.csv") == len(ids)
    rows = read_rows(tmp_path / "nl.csv")
    assert [row[0] for row in rows[1:]] == ids and rows[-1][1] == str(100 + len(ids) - 1)
