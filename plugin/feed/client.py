"""Reading the feed: the :class:`FeedReader` protocol and its HTTP implementation.

The demo mode implements :class:`FeedReader` in-process; :class:`HttpFeedReader`
reads a v1 service through the plugin's one :class:`~.transport.HttpTransport`
(proxies, TLS, token, redirects, limits, typed errors: see there). Both are
called from the poller's worker thread only, never from the QGIS main thread.

Every failure becomes a typed :class:`~.errors.FeedError`. Exception texts and
log records name the path and the HTTP status only: never the token, never
the full URL (it might carry credentials), never a server-supplied text.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Optional, Protocol, runtime_checkable
from urllib.parse import urlsplit

from ..core.model import CellSet, CountsSnapshot, FeedMeta
from .cache import MAX_CELL_LIST_BYTES, CellsCache
from .cells_file import UnusableCellsFileError, cells_from_packed, packed_bytes
from .contract import COLUMNAR, IDS_OMITTED, PATH_CELLS, PATH_COUNTS, PATH_HEALTH, PATH_META
from .errors import FeedTimeError
from .parsing import parse_cells, parse_counts, parse_health_time, parse_meta
from .transport import MEGABYTE, Answer, HttpTransport

LOGGER = logging.getLogger("druktemeter.feed")

# Body caps, decoded bytes. Measured: the real national list (39,644 sector cells from the
# antenna register, median 6 and at most 28 vertices) is 12.3 MB, 1.6 MB gzipped; a synthetic
# 60,000-cell list 18.3 MB; counts at 60,000 cells ~1 MB columnar, ~3 MB per cell.
DEFAULT_MAX_BODY_BYTES = 16 * MEGABYTE  # counts: 200,000 cells per cell with ids fit
CELLS_DEADLINE_S = 300.0  # the cell list may take a while on a slow line; everything else has DEADLINE_S


class FeedReader(Protocol):
    """What the poller needs from a feed (HTTP or the in-process demo feed).

    Each method raises :class:`~.errors.FeedError` on failure.
    """

    def read_meta(self) -> FeedMeta: ...

    def read_cells(self) -> Optional[CellSet]:
        """The cell list, or None when unchanged since the last one returned."""

    def read_counts(self, previous: Optional[CountsSnapshot]) -> Optional[CountsSnapshot]:
        """The latest interval, or None when unchanged since ``previous``."""


@runtime_checkable
class Abortable(Protocol):
    def abort(self) -> None:
        """Make a read blocked in another thread fail now (used when polling stops)."""


@runtime_checkable
class FeedClock(Protocol):
    def clock_offset(self) -> timedelta:
        """The feed's clock minus this computer's: not zero for an exercise running on simulated time."""


class HttpFeedReader:
    """A v1 feed over HTTP(S): conditional requests, bounded bodies, the cell list cached on disk.

    ``connection`` are the :class:`~.transport.HttpTransport` options (token
    provider, timeouts, TLS, proxies), as ``runtime/network.connection_options``
    builds them from the settings.
    """

    def __init__(
        self,
        base_url: str,
        *,
        cache_dir: Optional[Path] = None,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        max_cells_bytes: int = MAX_CELL_LIST_BYTES,
        **connection: Any,
    ) -> None:
        self._http = HttpTransport(base_url, **connection)
        self.base_url = self._http.base_url
        self._max_body_bytes = max_body_bytes
        self._max_cells_bytes = max_cells_bytes
        self._cache = CellsCache(cache_dir, max_cells_bytes) if cache_dir is not None else None
        self._cells_etag: Optional[str] = None
        self._counts_etag: Optional[str] = None
        self.cells_progress: Optional[Callable[[float], None]] = None  # share of a new cell list read
        self._known_ids: Optional[frozenset[str]] = None
        self._cells: Optional[CellSet] = None  # the list held: counts may come aligned to it, without ids
        self._source = urlsplit(self.base_url).hostname or ""
        self._exercise = False
        self._clock_offset = timedelta(0)
        self._meta_min_count = 0  # the provider's threshold: the plugin's floor never goes under it

    def __repr__(self) -> str:
        return f"HttpFeedReader({self._source!r})"

    # ------------------------------------------------------------ FeedReader

    def read_meta(self) -> FeedMeta:
        meta = parse_meta(self._http.get(PATH_META).body)
        self._source = meta.provider or self._source
        self._exercise = meta.exercise
        self._meta_min_count = meta.min_count
        if not meta.exercise:
            self._clock_offset = timedelta(0)
        return meta

    def read_cells(self) -> Optional[CellSet]:
        if self._cells_etag is None and self._cache is not None:
            cached = self._cached_cells()
            if cached is not None:
                return self._read_cells_revalidating(cached)
        answer = self._get_cells(self._cells_etag)
        if answer.status == 304:
            return None
        return self._accept_cells(answer.body, answer.headers.get("ETag"))

    def read_counts(self, previous: Optional[CountsSnapshot]) -> Optional[CountsSnapshot]:
        if self._exercise:  # every poll: a paused or jumped exercise clock moves differently from ours
            self._clock_offset = self._measure_clock_offset()
        etag = self._counts_etag if previous is not None else None
        params = {"form": COLUMNAR}
        if self._cells is not None and self._cells.etag:
            params["ids"] = IDS_OMITTED  # a provider that does not know it sends ids: parsed all the same
        answer = self._http.get(PATH_COUNTS, params=params, etag=etag, limit=self._max_body_bytes)
        if answer.status == 304:
            return None
        snapshot = self._parse_counts(answer.body, previous)
        self._counts_etag = answer.headers.get("ETag")
        return dataclasses.replace(snapshot, source=self._source)

    def clock_offset(self) -> timedelta:
        return self._clock_offset

    def _parse_counts(self, body: bytes, previous: Optional[CountsSnapshot]) -> CountsSnapshot:
        """Live feeds are judged by this computer's clock. An exercise runs on simulated time:
        it is judged by the service's clock, and a trainer's jump back is not an old interval."""
        parse = functools.partial(
            parse_counts,
            body,
            known_ids=self._known_ids,
            cells=self._cells,
            meta_min_count=self._meta_min_count,
        )
        if not self._exercise:
            return parse(previous=previous)
        now = datetime.now(timezone.utc) + self._clock_offset
        try:
            return parse(previous=previous, now=now)
        except FeedTimeError as error:
            if error.future:
                raise
            return parse(previous=None, now=now)

    def _measure_clock_offset(self) -> timedelta:
        asked = datetime.now(timezone.utc)
        service_time = parse_health_time(self._http.get(PATH_HEALTH).body)
        return service_time - asked

    def abort(self) -> None:
        self._http.abort()

    def close(self) -> None:
        self._http.close()

    # ------------------------------------------------------------ cells

    def _cached_cells(self) -> Optional[CellSet]:
        """The list parsed before the restart, if the cache has one this parser wrote."""
        stored = self._cache.load(self.base_url)
        if stored is None:
            return None
        etag, block = stored
        try:
            return CellSet(cells_from_packed(block), etag=etag)
        except UnusableCellsFileError as why:
            LOGGER.info("The cached cell list is not used (%s); it is fetched again.", why)
            self._cache.discard(self.base_url)
            return None

    def _read_cells_revalidating(self, cached: CellSet) -> CellSet:
        """After a restart: ask whether the cached list is current; a 304 costs no download or parse."""
        answer = self._get_cells(cached.etag)
        if answer.status != 304:
            return self._accept_cells(answer.body, answer.headers.get("ETag"))
        return self._hold_cells(cached)

    def _accept_cells(self, body: bytes, etag: Optional[str]) -> CellSet:
        cells = dataclasses.replace(parse_cells(body, progress=self.cells_progress), etag=etag)
        if self._cache is not None and etag:
            self._cache.save(self.base_url, etag, packed_bytes(cells.cells))
        return self._hold_cells(cells)

    def _hold_cells(self, cells: CellSet) -> CellSet:
        self._cells_etag = cells.etag
        self._known_ids = frozenset(cells.cells.ids)  # parsed lists are core.geometry.PackedCells
        self._cells = cells
        return cells

    def _get_cells(self, etag: Optional[str]) -> Answer:
        return self._http.get(PATH_CELLS, etag=etag, limit=self._max_cells_bytes, deadline=CELLS_DEADLINE_S)
