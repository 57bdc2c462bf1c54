"""The rolling crowd history: one SQLite file of past intervals, bounded by retention.

It answers the statistics question ("fewer people than yesterday?") and holds
aggregates only: per interval its start and end, ``min_count``, the source, and
per cell the count (or *suppressed*) and the trend. Nothing else is stored.

Storage: one row per interval. Cell ids are stored once per distinct cell
order (a national feed keeps the same order all day), the counts in that order
as two byte planes (:func:`encode_counts`: the low byte of each count as is,
the high bytes compressed), the trends as a compressed string of one-character
codes. ``bench/history.py`` measures this against a row per cell: at 60,000
cells about 115 kB per interval, 50 times smaller on disk and 10 times faster
to write, so eight days of a national feed stay under 100 MB. Recording one
national interval takes ~40 ms, so the plugin records on a worker thread (see
``gui.history_panel``).

Why byte planes and not the zlib-compressed int32 array of the first format
(still read): the week chart reads a few hundred national intervals for every
new scope, and inflating 240 kB per interval took 1-2 ms each, three quarters
of the chart's time. Only the high bytes (mostly 0) are inflated now, a
quarter of the work, and the planes take less room than the compressed array.

Suppressed counts are encoded as ``0`` (old rows: ``-1``) inside the blob only;
reading turns them back into ``None``, so they never surface as a number. A
count under the plugin's floor ``max(15, min_count)`` is stored and read as
suppressed too, whoever hands it over.

Privacy: rows older than ``retention_days`` (never more than
``config.MAX_RETENTION_DAYS``, 31, whatever the setting says: a hand-edited 400
keeps 31) are deleted at start and then at most once an hour after a write;
``secure_delete`` overwrites the freed pages, so purged counts do not linger in
the file.

Thread use: one connection guarded by a lock, so the plugin may record and
query on a worker thread while the store is created on the main thread.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import struct
import threading
import zlib
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone, tzinfo
from enum import Enum
from pathlib import Path
from typing import Optional, Union

import numpy as np

from .config import MAX_RETENTION_DAYS
from .files import PRIVATE_FILE, make_private, private_folder
from .i18n import tr
from .indicators import Columns, IndicatorMemo, Indicators, Scope, scope_key
from .model import TREND_CODES, TRENDS_BY_CODE, CountsSnapshot, Interval, Trend
from .trend import count_floor

SUPPRESSED = -1  # a suppressed count in a values array (and in rows of the first format)
COUNTS_FORMAT = b"\x00dm2"  # leads a counts blob of byte planes; never the start of a zlib stream
ESCAPED = 0xFF00  # counts from here on are stored whole (high byte 0xFF marks them)
READ_BATCH = 16  # intervals read per query (and per hold of the lock) by ``columns_for``
PURGE_EVERY = timedelta(hours=1)
SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS cell_orders (
    id INTEGER PRIMARY KEY,
    digest TEXT NOT NULL UNIQUE,
    ids BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS indicators (
    end_utc TEXT NOT NULL,
    scope TEXT NOT NULL,
    cells INTEGER NOT NULL,
    valid INTEGER NOT NULL,
    suppressed INTEGER NOT NULL,
    missing INTEGER NOT NULL,
    presence INTEGER,
    movement REAL,
    moved_cells INTEGER NOT NULL,
    PRIMARY KEY (end_utc, scope)
);
CREATE TABLE IF NOT EXISTS intervals (
    end_utc TEXT PRIMARY KEY,
    start_utc TEXT NOT NULL,
    min_count INTEGER NOT NULL,
    source TEXT NOT NULL,
    cell_order INTEGER NOT NULL REFERENCES cell_orders(id),
    counts BLOB NOT NULL,
    trends BLOB NOT NULL
);
"""


class HistoryError(Exception):
    """The history file cannot be used; ``user_message`` says what to do."""

    def user_message(self) -> str:
        return tr("The crowd history cannot be used right now. The live map is not affected.")


class HistoryUnreadable(HistoryError):  # noqa: N818 (names of the public API)
    """The file is damaged or is not a Druktemeter history database."""

    def user_message(self) -> str:
        return tr(
            "The crowd history file is damaged and cannot be read. The live map is not affected; "
            "comparisons are unavailable. Restart QGIS to start a new, empty history."
        )


class HistoryUnavailable(HistoryError):  # noqa: N818
    """The disk or folder refuses (full, read-only, I/O error): the file itself is fine and is kept."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def user_message(self) -> str:
        return tr(
            "The crowd history cannot be used: {0} ({1}). The live map is not affected and the history "
            "file is kept; free disk space or fix the folder, then restart QGIS to use it again."
        ).format(self.reason, self.path)


class HistoryBusy(HistoryError):  # noqa: N818
    """Another program holds a lock on the file."""

    def user_message(self) -> str:
        return tr(
            "The crowd history file is in use by another program. The live map is not affected. "
            "Close other QGIS windows that use Druktemeter, or restart QGIS."
        )


class Comparison(str, Enum):
    """The earlier moments an operator compares the current interval with."""

    QUARTER_HOUR = "15min"
    YESTERDAY = "yesterday"
    LAST_WEEK = "last_week"


def comparison_words(comparison: Comparison) -> str:
    return {
        Comparison.QUARTER_HOUR: tr("15 minutes earlier"),
        Comparison.YESTERDAY: tr("same time yesterday"),
        Comparison.LAST_WEEK: tr("same weekday last week"),
    }[comparison]


def earlier_end(now_end: datetime, comparison: Comparison, zone: Optional[tzinfo] = None) -> datetime:
    """The end of the interval to compare with, in UTC.

    Yesterday and last week mean the same *wall-clock* time in ``zone`` (the
    computer's local zone when ``None``), so across a daylight-saving change
    "same time yesterday" is 23 or 25 hours back, as an operator expects.
    """
    if comparison is Comparison.QUARTER_HOUR:
        return (now_end - timedelta(minutes=15)).astimezone(timezone.utc)
    return days_earlier(now_end, 1 if comparison is Comparison.YESTERDAY else 7, zone)


def days_earlier(moment: datetime, days: int, zone: Optional[tzinfo] = None) -> datetime:
    """The same wall-clock time ``days`` earlier in ``zone`` (``None``: the computer's), in UTC."""
    return wall_to_utc(moment.astimezone(zone).replace(tzinfo=None) - timedelta(days=days), zone)


def wall_to_utc(wall: datetime, zone: Optional[tzinfo] = None) -> datetime:
    """The UTC moment of the naive wall-clock time ``wall`` in ``zone`` (``None``: the computer's)."""
    local = wall.replace(tzinfo=zone) if zone is not None else wall.astimezone()
    return local.astimezone(timezone.utc)


class HistoryStore:
    """The history at ``path`` (created with its folder), keeping ``retention_days`` of intervals."""

    def __init__(
        self,
        path: Union[str, os.PathLike],
        retention_days: int,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ) -> None:
        self.path = Path(path)
        self.retention = bounded_retention(retention_days)
        self._clock = clock
        self._lock = threading.Lock()
        self._orders: dict[int, tuple[str, ...]] = {}
        self._last_purge: Optional[datetime] = None
        self._connection = self._open()
        self.purge(clock())

    @classmethod
    def recreate(cls, path: Union[str, os.PathLike], retention_days: int, **options) -> HistoryStore:
        """Delete a damaged file (``HistoryUnreadable``, never for a full or read-only disk) and start
        an empty history in its place; raises ``HistoryUnavailable`` when the folder refuses."""
        try:
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        except OSError as error:
            raise HistoryUnavailable(Path(path), error.strerror or type(error).__name__) from error
        return cls(path, retention_days, **options)

    def set_retention_days(self, retention_days: int) -> None:
        """Apply a changed ``history/retention_days`` at once: a shorter retention purges now.

        Deleting days of a national feed takes a moment; call it where a
        short wait is acceptable (after the settings dialog closes).
        """
        self.retention = bounded_retention(retention_days)
        self.purge(self._clock())

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def record(self, snapshot: CountsSnapshot) -> None:
        """Store one interval; recording the same interval again replaces it."""
        ids = list(snapshot.counts)
        floor = count_floor(snapshot.min_count)
        counts = [SUPPRESSED if c is None or c < floor else c for c in snapshot.counts.values()]
        unknown = TREND_CODES[Trend.UNKNOWN]
        trends = "".join(
            unknown if c == SUPPRESSED else TREND_CODES[snapshot.trends.get(i, Trend.UNKNOWN)]
            for i, c in zip(ids, counts)
        )
        row = (
            _key(snapshot.interval.end),
            _key(snapshot.interval.start),
            floor,
            snapshot.source,
            encode_counts(np.array(counts, dtype=np.int32)),
            zlib.compress(trends.encode("ascii"), 1),
        )
        with self._sql() as db:
            order = self._cell_order(db, ids)
            db.execute(
                "INSERT OR REPLACE INTO intervals (end_utc, start_utc, min_count, source, counts, trends,"
                " cell_order) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (*row, order),
            )
        self._purge_if_due()

    def snapshot_at(self, interval_end: datetime) -> Optional[CountsSnapshot]:
        """The interval ending exactly at ``interval_end``, or ``None`` when it was not recorded."""
        key = _key(interval_end)
        with self._sql() as db:
            row = db.execute(
                "SELECT start_utc, end_utc, min_count, source, cell_order, counts, trends"
                " FROM intervals WHERE end_utc = ?",
                (key,),
            ).fetchone()
            if row is None:
                return None
            return self._snapshot(db, *row)

    def columns_at(self, interval_end: datetime) -> Optional[Columns]:
        """The interval ending at ``interval_end`` as counts aligned to its cell order (``None``: not
        recorded). No dictionary per cell is built, so indicators over a week of a national feed
        stay fast (``core.indicators``); suppressed counts stay :data:`SUPPRESSED`, never a number.
        """
        return next(self.columns_for([interval_end]), None)

    def columns_for(self, interval_ends: Collection[datetime]) -> Iterator[Columns]:
        """The recorded intervals among ``interval_ends``, oldest first, as :meth:`columns_at` gives
        them: one query per :data:`READ_BATCH` intervals instead of one each, decoded one at a time
        outside the lock (a week of a national feed is never held decoded at once)."""
        keys = sorted({_key(end) for end in interval_ends})
        for first in range(0, len(keys), READ_BATCH):
            batch = keys[first : first + READ_BATCH]
            with self._sql() as db:
                rows = db.execute(
                    "SELECT start_utc, end_utc, min_count, cell_order, counts FROM intervals"
                    f" WHERE end_utc IN ({', '.join('?' * len(batch))}) ORDER BY end_utc",
                    batch,
                ).fetchall()
                orders = {order: self._ids(db, order) for *_, order, _ in rows}
            for start, end, min_count, order, blob in rows:
                ids = orders[order]
                try:
                    values = decode_counts(blob, len(ids), min_count)
                except (zlib.error, ValueError, struct.error) as error:
                    raise HistoryUnreadable(f"{self.path}: {error}") from error
                yield Columns.floored(Interval(_moment(start), _moment(end)), min_count, ids, values)

    def indicator_memo(self) -> IndicatorMemo:
        """A memo of indicators that also keeps them in this file (purged with the intervals)."""
        return _StoredIndicators(self)

    def stored_indicators(self, end: datetime, scope: Scope) -> Optional[Indicators]:
        with self._sql() as db:
            row = db.execute(
                "SELECT cells, valid, suppressed, missing, presence, movement, moved_cells FROM indicators"
                " WHERE end_utc = ? AND scope = ?",
                (_key(end), scope_key(scope)),
            ).fetchone()
        if row is None:
            return None
        end = end.astimezone(timezone.utc)
        return Indicators(Interval(end - timedelta(minutes=15), end), *row)

    def store_indicators(self, items: list[tuple[datetime, Scope, Indicators]]) -> None:
        rows = [
            (
                _key(end),
                scope_key(scope),
                i.cells,
                i.valid,
                i.suppressed,
                i.missing,
                i.presence,
                i.movement,
                i.moved_cells,
            )
            for end, scope, i in items
        ]
        with self._sql() as db:
            db.executemany("INSERT OR REPLACE INTO indicators VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def comparison_points(
        self, now_interval_end: datetime, zone: Optional[tzinfo] = None
    ) -> dict[Comparison, Optional[CountsSnapshot]]:
        """The recorded interval for each comparison (``None`` where there is none yet)."""
        return {c: self.snapshot_at(earlier_end(now_interval_end, c, zone)) for c in Comparison}

    def intervals(self) -> list[Interval]:
        """Every recorded interval, oldest first."""
        with self._sql() as db:
            rows = db.execute("SELECT start_utc, end_utc FROM intervals ORDER BY end_utc").fetchall()
        return [Interval(_moment(start), _moment(end)) for start, end in rows]

    def purge(self, now: datetime) -> int:
        """Delete intervals that ended more than the retention ago; return how many."""
        oldest_kept = _key(now - self.retention)
        with self._sql() as db:
            deleted = db.execute("DELETE FROM intervals WHERE end_utc < ?", (oldest_kept,)).rowcount
            db.execute("DELETE FROM indicators WHERE end_utc < ?", (oldest_kept,))
            db.execute("DELETE FROM cell_orders WHERE id NOT IN (SELECT DISTINCT cell_order FROM intervals)")
            self._orders.clear()  # under the lock: a reader on another thread may be using it
        self._last_purge = now
        return deleted

    def _purge_if_due(self) -> None:
        now = self._clock()
        if self._last_purge is None or now - self._last_purge >= PURGE_EVERY:
            self.purge(now)

    def _open(self) -> sqlite3.Connection:
        try:
            private_folder(self.path.parent)
            _create_private(self.path)
            connection = sqlite3.connect(self.path, timeout=2.0, check_same_thread=False)
        except OSError as error:
            raise HistoryUnavailable(self.path, error.strerror or type(error).__name__) from error
        except sqlite3.Error as error:
            raise self._typed(error) from error
        self._connection = connection
        try:
            self._create_schema()
        except HistoryError:
            connection.close()
            raise
        return connection

    def _create_schema(self) -> None:
        """Tables on a new file; an existing file is only read here, so a full disk cannot fail it."""
        with self._sql() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise HistoryUnavailable(self.path, tr("made by a newer Druktemeter"))
            db.execute("PRAGMA secure_delete = ON")
            if version == 0:
                db.executescript(SCHEMA)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _sql(self) -> Iterator[sqlite3.Connection]:
        """One transaction under the lock; SQLite and decoding failures become typed errors."""
        with self._lock:
            try:
                with self._connection:
                    yield self._connection
            except sqlite3.Error as error:
                raise self._typed(error) from error
            except (zlib.error, ValueError, KeyError, struct.error) as error:
                raise HistoryUnreadable(f"{self.path}: {error}") from error

    def _typed(self, error: sqlite3.Error) -> HistoryError:
        """Busy, unavailable (full, read-only, I/O: keep the file) or really damaged (may be recreated)."""
        primary = _primary_code(error)
        if primary in _BUSY_CODES or (primary is None and ("locked" in str(error) or "busy" in str(error))):
            return HistoryBusy(f"{self.path}: {error}")
        if primary in _DAMAGED_CODES:
            return HistoryUnreadable(f"{self.path}: {error}")
        if primary is None and not isinstance(error, sqlite3.OperationalError):
            return HistoryUnreadable(
                f"{self.path}: {error}"
            )  # Python < 3.11: only corruption is not operational
        return HistoryUnavailable(self.path, str(error))

    def _cell_order(self, db: sqlite3.Connection, ids: list[str]) -> int:
        joined = "\n".join(ids).encode("utf-8")
        digest = hashlib.sha1(joined).hexdigest()
        found = db.execute("SELECT id FROM cell_orders WHERE digest = ?", (digest,)).fetchone()
        if found is not None:
            return found[0]
        return db.execute(
            "INSERT INTO cell_orders (digest, ids) VALUES (?, ?)", (digest, zlib.compress(joined, 1))
        ).lastrowid

    def _ids(self, db: sqlite3.Connection, order: int) -> tuple[str, ...]:
        if order not in self._orders:
            (blob,) = db.execute("SELECT ids FROM cell_orders WHERE id = ?", (order,)).fetchone()
            text = zlib.decompress(blob).decode("utf-8")
            self._orders[order] = tuple(text.split("\n")) if text else ()
        return self._orders[order]

    def _snapshot(self, db, start, end, min_count, source, order, counts_blob, trends_blob) -> CountsSnapshot:
        ids = self._ids(db, order)
        counts = decode_counts(counts_blob, len(ids), min_count).tolist()
        codes = _inflate(trends_blob, len(ids)).decode("ascii")
        return CountsSnapshot(
            interval=Interval(_moment(start), _moment(end)),
            min_count=min_count,
            counts={i: None if c == SUPPRESSED else c for i, c in zip(ids, counts)},
            trends={
                i: Trend.UNKNOWN if c == SUPPRESSED else TRENDS_BY_CODE[code]
                for i, c, code in zip(ids, counts, codes)
            },
            source=source,
        )


def encode_counts(values: np.ndarray) -> bytes:
    """Counts (int32, :data:`SUPPRESSED` for suppressed ones, floor applied) as stored, in cell order:
    the format tag, the low byte of every count (0 for suppressed) as is, the high bytes compressed
    (their length first, 4 bytes), then the counts of :data:`ESCAPED` and more as int32. All
    little-endian. (A count's high byte is mostly 0 or small, so it compresses well; the low byte
    would not.)"""
    clipped = np.clip(values, 0, ESCAPED)
    high = zlib.compress((clipped >> 8).astype(np.uint8).tobytes(), 1)
    return b"".join(
        (
            COUNTS_FORMAT,
            (clipped & 0xFF).astype(np.uint8).tobytes(),
            struct.pack("<I", len(high)),
            high,
            values[values >= ESCAPED].astype("<i4").tobytes(),
        )
    )


def decode_counts(blob: bytes, cells: int, min_count: int) -> np.ndarray:
    """The stored counts of ``cells`` cells as int32, :data:`SUPPRESSED` for suppressed ones and for
    any count under ``max(15, min_count)`` (a hand-edited row cannot bring one back). Reads both
    formats; a blob that does not fit raises ``ValueError``, ``struct.error`` or ``zlib.error``."""
    if blob.startswith(COUNTS_FORMAT):
        body = memoryview(blob)[len(COUNTS_FORMAT) :]
        (high_length,) = struct.unpack_from("<I", body, cells)
        low = np.frombuffer(body[:cells], dtype=np.uint8)
        high = np.frombuffer(_inflate(body[cells + 4 : cells + 4 + high_length], cells), dtype=np.uint8)
        large = np.frombuffer(body[cells + 4 + high_length :], dtype="<i4")
        values = (high.astype(np.int32) << 8) | low
        escaped = high == ESCAPED >> 8
        if len(large) != int(np.count_nonzero(escaped)):
            raise ValueError("escaped counts do not match their cells")
        values[escaped] = large
    else:  # the first format: zlib-compressed int32, -1 for suppressed
        values = np.frombuffer(_inflate(blob, 4 * cells), dtype=np.int32)
    return np.where(values < count_floor(min_count), np.int32(SUPPRESSED), values).astype(
        np.int32, copy=False
    )


def _inflate(data, size: int) -> bytes:
    """Exactly ``size`` bytes inflated from ``data`` (``ValueError`` otherwise): a damaged or
    hand-edited row cannot make the reader inflate more than the cells it names."""
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, size + 1)
    if len(out) != size or not inflater.eof:
        raise ValueError("stored counts or trends do not match the cell list")
    return out


def bounded_retention(retention_days: int) -> timedelta:
    """The retention actually applied: 1 to ``MAX_RETENTION_DAYS`` days, whatever was asked."""
    return timedelta(days=min(max(1, int(retention_days)), MAX_RETENTION_DAYS))


# SQLite's primary result codes (https://www.sqlite.org/rescode.html).
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_DAMAGED_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB: the only reasons to recreate the file


def _primary_code(error: sqlite3.Error) -> Optional[int]:
    """SQLite's primary result code (Python 3.11+), or None when Python does not tell."""
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _create_private(path: Path) -> None:
    """Create the database file ``0600`` before SQLite does (its journals take the same mode)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        with contextlib.suppress(OSError):  # a read-only folder: the file may still be read
            make_private(path)


def _key(moment: datetime) -> str:
    """Interval ends as sortable UTC text, to the second."""
    if moment.tzinfo is None:
        raise ValueError("history times must be timezone-aware")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _moment(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


class _StoredIndicators(IndicatorMemo):
    """An indicator memo backed by the history file: read on a miss, written in one go per picture."""

    def __init__(self, store: HistoryStore) -> None:
        super().__init__()
        self._store = store

    def _load(self, end: datetime, scope: Scope) -> Optional[Indicators]:
        return self._store.stored_indicators(end, scope)

    def _save(self, items: list[tuple[datetime, Scope, Indicators]]) -> None:
        self._store.store_indicators(items)
