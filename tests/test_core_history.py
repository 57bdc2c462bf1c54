"""The history store against real SQLite files in tmp: round trip, idempotence, purge, restart, damage."""

from __future__ import annotations

import sqlite3
import stat
import threading
import zlib
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from druktemeter.plugin.core.history import (
    Comparison,
    HistoryBusy,
    HistoryStore,
    HistoryUnavailable,
    HistoryUnreadable,
    comparison_words,
    earlier_end,
)
from druktemeter.plugin.core.model import CountsSnapshot, Interval, Trend
from filesystems import run_with_file_size_limit

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOON = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
BOMB = zlib.compress(bytes(10_000_000), 9)  # a high-byte plane of 10 MB for three cells


class FakeNow:
    """FAKE UTC clock the store reads for its purge schedule."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def snapshot(end: datetime, counts=None, trends=None) -> CountsSnapshot:
    counts = {"a": 120, "b": None, "c": 15} if counts is None else counts
    trends = trends or {i: Trend.UP if c else Trend.UNKNOWN for i, c in counts.items()}
    return CountsSnapshot(Interval(end - timedelta(minutes=15), end), 15, counts, trends, "Provider X")


@pytest.fixture
def now():
    return FakeNow(NOON)


@pytest.fixture
def store(tmp_path, now):
    opened = HistoryStore(tmp_path / "profile" / "history.sqlite", 8, clock=now)
    yield opened
    opened.close()


def test_round_trip_keeps_counts_suppression_trends_and_interval(store):
    recorded = snapshot(
        NOON, {"a": 120, "b": None, "c": 15}, {"a": Trend.UP, "b": Trend.UNKNOWN, "c": Trend.DOWN}
    )
    store.record(recorded)
    assert store.snapshot_at(NOON) == recorded
    assert store.snapshot_at(NOON).state("b").value == "suppressed"


def test_suppressed_never_comes_back_as_a_number(store):
    store.record(snapshot(NOON, {"x": None}))
    assert store.snapshot_at(NOON).counts == {"x": None}


def test_only_the_exact_interval_is_returned(store):
    store.record(snapshot(NOON))
    assert store.snapshot_at(NOON + timedelta(minutes=1)) is None
    assert store.snapshot_at(NOON.astimezone(AMSTERDAM)) is not None  # same moment, other zone


def test_recording_an_interval_twice_keeps_one_the_latest(store):
    store.record(snapshot(NOON, {"a": 100}))
    store.record(snapshot(NOON, {"a": 200}))
    assert store.intervals() == [Interval(NOON - timedelta(minutes=15), NOON)]
    assert store.snapshot_at(NOON).counts == {"a": 200}


def test_intervals_are_listed_oldest_first(store):
    ends = [NOON, NOON - timedelta(minutes=30), NOON - timedelta(minutes=15)]
    for end in ends:
        store.record(snapshot(end))
    assert [i.end for i in store.intervals()] == sorted(ends)


def test_cells_may_change_between_intervals(store):
    store.record(snapshot(NOON - timedelta(minutes=15), {"a": 20, "b": 30}))
    store.record(snapshot(NOON, {"b": 40, "new": None}))
    assert store.snapshot_at(NOON - timedelta(minutes=15)).counts == {"a": 20, "b": 30}
    assert store.snapshot_at(NOON).counts == {"b": 40, "new": None}


def test_purge_deletes_what_is_older_than_the_retention(store):
    old, kept = NOON - timedelta(days=8, minutes=15), NOON - timedelta(days=8)
    store.record(snapshot(old))
    store.record(snapshot(kept))
    assert store.purge(NOON) == 1
    assert [i.end for i in store.intervals()] == [kept]


def test_a_shorter_retention_purges_at_once(store):
    store.record(snapshot(NOON - timedelta(days=3)))
    store.record(snapshot(NOON))
    store.set_retention_days(2)
    assert [i.end for i in store.intervals()] == [NOON]


def test_history_never_keeps_more_than_31_days_whatever_the_setting_says(tmp_path, now):
    """A hand-edited history/retention_days of 400 still keeps 31 days (privacy by design)."""
    path = tmp_path / "history.sqlite"
    store = HistoryStore(path, 400, clock=now)
    store.record(snapshot(NOON - timedelta(days=32)))
    store.record(snapshot(NOON - timedelta(days=31)))
    store.record(snapshot(NOON - timedelta(days=30)))
    assert store.purge(NOON) == 1
    assert [i.end for i in store.intervals()] == [NOON - timedelta(days=31), NOON - timedelta(days=30)]
    store.set_retention_days(10_000)
    store.record(snapshot(NOON - timedelta(days=40)))
    assert store.purge(NOON) == 1
    store.close()
    now.moment = NOON + timedelta(days=1)
    reopened = HistoryStore(path, 400, clock=now)  # at start too
    assert [i.end for i in reopened.intervals()] == [NOON - timedelta(days=30)]
    reopened.close()


def test_a_count_under_the_floor_is_never_stored_as_a_number(tmp_path, now):
    """Whoever hands the store a snapshot (a feed with min_count 0, a bug): what is under
    max(15, min_count) is recorded as suppressed, with no trend."""
    store = HistoryStore(tmp_path / "history.sqlite", 8, clock=now)
    leaky = CountsSnapshot(
        Interval(NOON - timedelta(minutes=15), NOON),
        0,
        {"a": 3, "b": 14, "c": 15},
        dict.fromkeys("abc", Trend.EQUAL),
    )
    store.record(leaky)
    stored = store.snapshot_at(NOON)
    assert stored.counts == {"a": None, "b": None, "c": 15} and stored.min_count == 15
    assert stored.trends == {"a": Trend.UNKNOWN, "b": Trend.UNKNOWN, "c": Trend.EQUAL}
    store.close()
    with sqlite3.connect(tmp_path / "history.sqlite") as db:
        (blob,) = db.execute("SELECT counts FROM intervals").fetchone()
    low, high_length = blob[4:7], int.from_bytes(blob[7:11], "little")
    assert (low, zlib.decompress(blob[11 : 11 + high_length])) == (bytes([0, 0, 15]), bytes(3))
    assert len(blob) == 11 + high_length  # no large counts after it: 3 and 14 are nowhere


def first_format(counts: list[int]) -> bytes:
    """A counts blob as the first version of the store wrote it: zlib over int32, -1 suppressed."""
    from array import array

    return zlib.compress(array("i", counts).tobytes(), 1)


@pytest.mark.parametrize("min_count", [0, 15, 300, 70_000])
def test_counts_of_any_size_come_back_and_the_floor_holds(store, min_count):
    """Small, byte-sized, two-byte and escaped (>= 65,280) counts, each floored by max(15, min_count)."""
    counts = {"s": None, "a": 15, "b": 254, "c": 255, "d": 300, "e": 65_279, "f": 65_280, "g": 2_000_000}
    record = CountsSnapshot(
        Interval(NOON - timedelta(minutes=15), NOON), min_count, counts, dict.fromkeys(counts, Trend.UP)
    )
    store.record(record)
    floor = max(15, min_count)
    expected = {i: None if c is None or c < floor else c for i, c in counts.items()}
    assert store.snapshot_at(NOON).counts == expected
    assert store.columns_at(NOON).values.tolist() == [-1 if c is None else c for c in expected.values()]


def test_rows_of_the_first_format_are_still_read(store):
    store.record(snapshot(NOON, {"a": 120, "b": None, "c": 70_000}))
    with store._lock, store._connection as db:
        db.execute("UPDATE intervals SET counts = ?", (first_format([120, -1, 70_000]),))
    assert store.snapshot_at(NOON).counts == {"a": 120, "b": None, "c": 70_000}
    assert store.columns_at(NOON).values.tolist() == [120, -1, 70_000]


def test_intervals_are_read_in_batches_oldest_first_and_only_recorded_ones(store):
    ends = [NOON + timedelta(minutes=15 * k) for k in range(40)]
    for k, end in enumerate(ends):
        if k % 7:  # every seventh interval was not recorded
            store.record(snapshot(end, {"a": 100 + k, "b": None}))
    asked = [*reversed(ends), NOON - timedelta(days=1)]
    read = list(store.columns_for(asked))
    assert [c.interval.end for c in read] == [end for k, end in enumerate(ends) if k % 7]
    assert [c.values.tolist() for c in read] == [[100 + k, -1] for k in range(40) if k % 7]
    assert [store.columns_at(c.interval.end).values.tolist() for c in read] == [
        c.values.tolist() for c in read
    ]


def test_a_hand_edited_row_cannot_bring_back_a_number_under_the_floor(tmp_path, now):
    path = tmp_path / "history.sqlite"
    store = HistoryStore(path, 8, clock=now)
    store.record(snapshot(NOON, {"a": 120, "b": None}, {"a": Trend.UP, "b": Trend.UNKNOWN}))
    store.close()
    from array import array

    high = zlib.compress(bytes(2), 1)
    this_format = b"\x00dm2" + bytes([120, 3]) + len(high).to_bytes(4, "little") + high
    for counts in (zlib.compress(array("i", [120, 3]).tobytes()), this_format):
        with sqlite3.connect(path) as db:
            db.execute(
                "UPDATE intervals SET min_count = 0, counts = ?, trends = ?", (counts, zlib.compress(b"ue"))
            )
        reopened = HistoryStore(path, 8, clock=now)
        stored = reopened.snapshot_at(NOON)
        assert stored.counts == {"a": 120, "b": None} and stored.trends["b"] is Trend.UNKNOWN
        assert reopened.columns_at(NOON).values.tolist() == [120, -1]
        reopened.close()


def test_purge_runs_at_start(tmp_path, now):
    path = tmp_path / "history.sqlite"
    first = HistoryStore(path, 8, clock=now)
    first.record(snapshot(NOON))
    first.close()
    now.moment = NOON + timedelta(days=9)
    reopened = HistoryStore(path, 8, clock=now)
    assert reopened.intervals() == []
    reopened.close()


def test_purge_runs_after_a_write_at_most_once_an_hour(store, now):
    store.record(snapshot(NOON - timedelta(days=10)))  # purged at start already happened: kept until due
    assert len(store.intervals()) == 1
    now.moment = NOON + timedelta(minutes=59)
    store.record(snapshot(NOON))
    assert len(store.intervals()) == 2
    now.moment = NOON + timedelta(hours=1)
    store.record(snapshot(NOON + timedelta(minutes=15)))
    assert [i.end for i in store.intervals()] == [NOON, NOON + timedelta(minutes=15)]


def test_purged_counts_do_not_linger_in_the_file(tmp_path, now):
    path = tmp_path / "history.sqlite"
    store = HistoryStore(path, 1, clock=now)
    store.record(snapshot(NOON - timedelta(days=2), {"cell-with-a-unique-name": 777}))
    store.record(snapshot(NOON, {"a": 1}))
    store.purge(NOON)
    store.close()
    stored_ids = zlib.compress(b"cell-with-a-unique-name", 1)  # how the store writes a cell order
    assert stored_ids not in path.read_bytes()


def test_history_survives_a_restart(tmp_path, now):
    path = tmp_path / "history.sqlite"
    first = HistoryStore(path, 8, clock=now)
    first.record(snapshot(NOON))
    first.close()
    second = HistoryStore(path, 8, clock=now)
    assert second.snapshot_at(NOON) == snapshot(NOON)
    second.close()


def test_a_damaged_file_raises_a_typed_error_with_a_message(tmp_path, now):
    path = tmp_path / "history.sqlite"
    path.write_bytes(b"this is no database at all" * 200)
    with pytest.raises(HistoryUnreadable) as raised:
        HistoryStore(path, 8, clock=now)
    assert "damaged" in raised.value.user_message()


def test_a_damaged_file_can_be_recreated_empty(tmp_path, now):
    path = tmp_path / "history.sqlite"
    path.write_bytes(b"garbage" * 1000)
    store = HistoryStore.recreate(path, 8, clock=now)
    store.record(snapshot(NOON))
    assert store.intervals() == [snapshot(NOON).interval]
    store.close()


@pytest.mark.parametrize(
    "damage",
    [
        b"\x00\x11\x22\x33",
        b"\x00dm2\x01\x02",  # cut short
        b"\x00dm2" + bytes(3) + (1000).to_bytes(4, "little") + b"x",  # high plane longer than the blob
        b"\x00dm2"
        + bytes(3)
        + (11).to_bytes(4, "little")
        + zlib.compress(bytes(3), 1)
        + b"\x01",  # stray byte
        b"\x00dm2" + bytes(3) + len(BOMB).to_bytes(4, "little") + BOMB,  # inflates far beyond 3 cells
        zlib.compress(bytes(4_000_000), 9),  # the first format, far beyond 3 cells
    ],
)
def test_a_damaged_row_raises_a_typed_error(store, damage):
    store.record(snapshot(NOON))
    with store._lock, store._connection as db:
        db.execute("UPDATE intervals SET counts = ?", (damage,))
    with pytest.raises(HistoryUnreadable):
        store.snapshot_at(NOON)
    with pytest.raises(HistoryUnreadable):
        store.columns_at(NOON)


def test_a_file_locked_by_another_program_raises_busy(tmp_path, now):
    path = tmp_path / "history.sqlite"
    store = HistoryStore(path, 8, clock=now)
    other = sqlite3.connect(path)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(HistoryBusy) as raised:
            store.record(snapshot(NOON))
        assert "another program" in raised.value.user_message()
    finally:
        other.rollback()
        other.close()
        store.close()


def test_naive_times_are_refused(store):
    with pytest.raises(ValueError):
        store.snapshot_at(datetime(2026, 11, 25, 12, 0))


def test_record_from_a_worker_thread_while_the_main_thread_reads(store):
    worker = threading.Thread(target=lambda: store.record(snapshot(NOON)))
    worker.start()
    worker.join()
    assert store.snapshot_at(NOON) == snapshot(NOON)


def test_comparison_points_find_quarter_hour_yesterday_and_last_week(store):
    earlier = {
        Comparison.QUARTER_HOUR: NOON - timedelta(minutes=15),
        Comparison.YESTERDAY: NOON - timedelta(days=1),
    }
    for end in earlier.values():
        store.record(snapshot(end))
    points = store.comparison_points(NOON, AMSTERDAM)
    assert points[Comparison.QUARTER_HOUR].interval.end == earlier[Comparison.QUARTER_HOUR]
    assert points[Comparison.YESTERDAY].interval.end == earlier[Comparison.YESTERDAY]
    assert points[Comparison.LAST_WEEK] is None


def test_same_time_yesterday_follows_the_wall_clock_across_daylight_saving():
    after_switch = datetime(2026, 3, 29, 12, 0, tzinfo=AMSTERDAM)  # summer time began that night
    yesterday = earlier_end(after_switch, Comparison.YESTERDAY, AMSTERDAM)
    assert after_switch - yesterday == timedelta(hours=23)
    assert yesterday.astimezone(AMSTERDAM).hour == 12
    last_week = earlier_end(after_switch, Comparison.LAST_WEEK, AMSTERDAM)
    assert last_week.astimezone(AMSTERDAM) == datetime(2026, 3, 22, 12, 0, tzinfo=AMSTERDAM)


def test_every_comparison_has_words():
    assert {comparison_words(c) for c in Comparison} == {
        "15 minutes earlier",
        "same time yesterday",
        "same weekday last week",
    }


@pytest.mark.parametrize("cells", [60_000])
def test_a_national_interval_is_compact(tmp_path, now, cells):
    """Prints the size per interval; how fast it is written is `make bench`'s history_write."""
    counts = {f"NL-{i:06d}": None if i % 5 == 0 else 15 + (i * 37) % 3000 for i in range(cells)}
    trends = {i: Trend.UNKNOWN if c is None else Trend.EQUAL for i, c in counts.items()}
    store = HistoryStore(tmp_path / "history.sqlite", 8, clock=now)
    for minutes in range(0, 60, 15):
        store.record(snapshot(NOON + timedelta(minutes=minutes), counts, trends))
    read = store.snapshot_at(NOON)
    store.close()
    per_interval = (tmp_path / "history.sqlite").stat().st_size / 4
    print(f"\nhistory: {cells} cells, {per_interval:.0f} bytes/interval")
    assert read.counts == counts
    assert per_interval < 400_000  # speed: `make bench` (history_write), not a timing assertion here


def test_an_interval_read_as_columns_keeps_suppressed_as_minus_one(store):
    store.record(snapshot(NOON, {"a": 120, "b": None, "c": 15}))
    columns = store.columns_at(NOON)
    assert columns.ids == ("a", "b", "c") and columns.values.tolist() == [120, -1, 15]
    assert columns.interval == Interval(NOON - timedelta(minutes=15), NOON)
    assert store.columns_at(NOON + timedelta(minutes=15)) is None


def test_a_damaged_row_read_as_columns_raises_a_typed_error(store):
    store.record(snapshot(NOON))
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE intervals SET counts = x'00112233'")
    with pytest.raises(HistoryUnreadable):
        store.columns_at(NOON)


def test_kept_indicators_come_back_and_are_purged_with_their_intervals(store):
    from druktemeter.plugin.core.indicators import indicators

    store.record(snapshot(NOON - timedelta(minutes=15), {"a": 100, "b": 50}))
    store.record(snapshot(NOON, {"a": 120, "b": None}))
    figures = indicators(store.columns_at(NOON), store.columns_at(NOON - timedelta(minutes=15)))
    store.store_indicators([(NOON, None, figures), (NOON, frozenset({"a"}), figures)])
    assert store.stored_indicators(NOON, None) == figures
    assert store.stored_indicators(NOON, frozenset({"b"})) is None  # another scope
    store.purge(NOON + timedelta(days=30))
    assert store.stored_indicators(NOON, None) is None


# ---------------------------------------------------------------- a disk that refuses is not damage


def good_history(folder, now) -> None:
    """A history with one interval, written before the disk fills up or turns read-only."""
    store = HistoryStore(folder / "history.sqlite", 8, clock=now)
    store.record(snapshot(NOON))
    store.close()


def kept_intact(path, now) -> bool:
    reopened = HistoryStore(path, 8, clock=now)
    try:
        return reopened.snapshot_at(NOON) == snapshot(NOON)
    finally:
        reopened.close()


def test_a_full_disk_at_start_keeps_a_good_file_and_refuses_writes_as_unavailable(full_folder, now):
    folder = full_folder(lambda path: good_history(path, now))
    path = folder.path / "history.sqlite"
    store = HistoryStore(path, 8, clock=now)  # opening reads only: a full disk cannot fail it
    try:
        assert store.snapshot_at(NOON) == snapshot(NOON)
        big = {f"cell-{i}": 100 + i for i in range(20_000)}
        with pytest.raises(HistoryUnavailable) as raised:
            store.record(snapshot(NOON + timedelta(minutes=15), big, dict.fromkeys(big, Trend.UP)))
        assert "full" in raised.value.reason and str(path) in raised.value.user_message()
        assert "kept" in raised.value.user_message()
    finally:
        store.close()
    folder.make_room()
    assert kept_intact(path, now)


def test_a_new_history_on_a_full_disk_is_unavailable_not_damaged(full_folder, now):
    folder = full_folder()
    with pytest.raises(HistoryUnavailable):
        HistoryStore(folder.path / "history.sqlite", 8, clock=now)


def test_a_read_only_folder_is_unavailable_and_the_file_is_kept(read_only_folder, now):
    folder = read_only_folder(lambda path: good_history(path, now))
    path = folder.path / "history.sqlite"
    before = path.read_bytes()
    with pytest.raises(HistoryUnavailable) as raised:
        HistoryStore(path, 8, clock=now)  # the purge at start cannot write
    assert "readonly" in raised.value.reason
    with pytest.raises(HistoryUnavailable):
        HistoryStore.recreate(path, 8, clock=now)  # even asked to, it cannot delete it
    assert path.read_bytes() == before


def test_a_file_size_limit_fails_the_write_and_leaves_the_file_whole(tmp_path, now):
    """RLIMIT_FSIZE in a child process: every write beyond the limit fails with EFBIG, like a quota."""
    path = tmp_path / "history.sqlite"
    good_history(tmp_path, now)
    code = f"""
from datetime import datetime, timedelta, timezone
from druktemeter.plugin.core.history import HistoryStore, HistoryUnavailable, HistoryUnreadable
from druktemeter.plugin.core.model import CountsSnapshot, Interval, Trend
noon = datetime(2026, 11, 25, 12, 15, tzinfo=timezone.utc)
big = {{f"cell-{{i}}": 100 + i for i in range(20000)}}
store = HistoryStore({str(path)!r}, 8, clock=lambda: noon)
try:
    store.record(CountsSnapshot(Interval(noon - timedelta(minutes=15), noon), 15, big,
                                dict.fromkeys(big, Trend.UP), "Provider X"))
except HistoryUnavailable as error:
    print("unavailable:", error.reason)
except HistoryUnreadable as error:
    print("DAMAGED", error)
"""
    result = run_with_file_size_limit(code, path.stat().st_size)
    assert result.stdout.startswith("unavailable:"), result.stdout + result.stderr
    assert kept_intact(path, now)


def test_the_history_file_is_private(store):
    store.record(snapshot(NOON))
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
