"""Reading the feed: the :class:`FeedReader` protocol and its HTTP implementation.

The demo mode implements :class:`FeedReader` in-process; :class:`HttpFeedReader`
reads a v1 service with ``requests``. Both are called from the poller's worker
thread only, never from the QGIS main thread.

Every failure becomes a typed :class:`~.errors.FeedError`. Exception texts and
log records name the path and the HTTP status only: never the token, never
the full URL (it might carry credentials), never a server-supplied text.
"""

from __future__ import annotations

import contextlib
import dataclasses
import email.utils
import logging
import socket
import threading
import time
import weakref
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Optional, Protocol, runtime_checkable
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

from ..core.metadata import user_agent
from ..core.model import CellSet, CountsSnapshot, FeedMeta
from .cache import CellsCache
from .contract import COLUMNAR, IDS_OMITTED, PATH_CELLS, PATH_COUNTS, PATH_HEALTH, PATH_META
from .errors import (
    FeedAuthError,
    FeedError,
    FeedNotFound,
    FeedPayloadError,
    FeedRateLimited,
    FeedServerError,
    FeedTimeError,
    FeedUnreachable,
)
from .parsing import parse_cells, parse_counts, parse_health_time, parse_meta

LOGGER = logging.getLogger("druktemeter.feed")

MEGABYTE = 2**20
DEFAULT_MAX_BODY_BYTES = 64 * MEGABYTE  # meta and counts (60,000 columnar cells are ~1 MB)
DEFAULT_MAX_CELLS_BYTES = 512 * MEGABYTE  # the cell list (60,000 polygons are tens of MB)
CHUNK_BYTES = 256 * 1024


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


@dataclasses.dataclass
class _Answer:
    status: int
    headers: Mapping[str, str]
    body: bytes = b""


class HttpFeedReader:
    """A v1 feed over HTTP(S): one reused session, conditional requests, bounded bodies."""

    def __init__(
        self,
        base_url: str,
        *,
        token_provider: Callable[[], Optional[str]],
        connect_timeout: float = 5.0,
        read_timeout: float = 20.0,
        verify_tls: bool = True,
        proxies: Optional[dict[str, str]] = None,
        cache_dir: Optional[Path] = None,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        max_cells_bytes: int = DEFAULT_MAX_CELLS_BYTES,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._token_provider = token_provider
        self._timeout = (connect_timeout, read_timeout)
        self._max_body_bytes = max_body_bytes
        self._max_cells_bytes = max_cells_bytes
        self._cache = CellsCache(cache_dir) if cache_dir is not None else None
        self._session = requests.Session()
        self._adapter = _AbortableAdapter()
        self._session.mount("http://", self._adapter)
        self._session.mount("https://", self._adapter)
        self._session.headers.update({"User-Agent": user_agent(), "Accept": "application/json"})
        self._session.verify = verify_tls
        if proxies:
            self._session.proxies.update(proxies)
        self._cells_etag: Optional[str] = None
        self._counts_etag: Optional[str] = None
        self.cells_progress: Optional[Callable[[float], None]] = None  # share of a new cell list read
        self._known_ids: Optional[frozenset[str]] = None
        self._cells: Optional[CellSet] = None  # the list held: counts may come aligned to it, without ids
        self._source = urlsplit(self.base_url).hostname or ""
        self._exercise = False
        self._clock_offset = timedelta(0)

    def __repr__(self) -> str:
        return f"HttpFeedReader({self._source!r})"

    # ------------------------------------------------------------ FeedReader

    def read_meta(self) -> FeedMeta:
        meta = parse_meta(self._get(PATH_META, limit=self._max_body_bytes).body)
        self._source = meta.provider or self._source
        self._exercise = meta.exercise
        if not meta.exercise:
            self._clock_offset = timedelta(0)
        return meta

    def read_cells(self) -> Optional[CellSet]:
        if self._cells_etag is None and self._cache is not None:
            cached = self._cache.load(self.base_url)
            if cached is not None:
                return self._read_cells_revalidating(*cached)
        answer = self._get(PATH_CELLS, etag=self._cells_etag, limit=self._max_cells_bytes)
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
        answer = self._get(PATH_COUNTS, params=params, etag=etag, limit=self._max_body_bytes)
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
        if not self._exercise:
            return parse_counts(body, known_ids=self._known_ids, previous=previous, cells=self._cells)
        now = datetime.now(timezone.utc) + self._clock_offset
        try:
            return parse_counts(
                body, known_ids=self._known_ids, previous=previous, now=now, cells=self._cells
            )
        except FeedTimeError as error:
            if error.future:
                raise
            return parse_counts(body, known_ids=self._known_ids, previous=None, now=now, cells=self._cells)

    def _measure_clock_offset(self) -> timedelta:
        asked = datetime.now(timezone.utc)
        service_time = parse_health_time(self._get(PATH_HEALTH, limit=self._max_body_bytes).body)
        return service_time - asked

    def abort(self) -> None:
        self._adapter.abort()

    def close(self) -> None:
        self._session.close()

    # ------------------------------------------------------------ cells

    def _read_cells_revalidating(self, cached_etag: str, cached_body: bytes) -> CellSet:
        """After a restart: ask whether the cached list is current; a 304 costs no download."""
        answer = self._get(PATH_CELLS, etag=cached_etag, limit=self._max_cells_bytes)
        if answer.status != 304:
            return self._accept_cells(answer.body, answer.headers.get("ETag"))
        try:
            return self._accept_cells(cached_body, cached_etag, from_cache=True)
        except FeedPayloadError:
            LOGGER.warning("The cached cell list no longer passes validation; fetching it again.")
            self._cache.discard(self.base_url)
            answer = self._get(PATH_CELLS, limit=self._max_cells_bytes)
            return self._accept_cells(answer.body, answer.headers.get("ETag"))

    def _accept_cells(self, body: bytes, etag: Optional[str], *, from_cache: bool = False) -> CellSet:
        cells = dataclasses.replace(parse_cells(body, progress=self.cells_progress), etag=etag)
        if self._cache is not None and etag and not from_cache:
            self._cache.save(self.base_url, etag, body)
        self._cells_etag = etag
        self._known_ids = frozenset(cell.id for cell in cells.cells)
        self._cells = cells
        return cells

    # ------------------------------------------------------------ HTTP

    def _get(
        self, path: str, *, limit: int, etag: Optional[str] = None, params: Optional[dict] = None
    ) -> _Answer:
        headers = {}
        token = self._token_provider()
        if token:
            headers["Authorization"] = "Bearer " + token
        if etag:
            headers["If-None-Match"] = etag
        try:
            response = self._session.get(
                self.base_url + path, params=params, headers=headers, timeout=self._timeout, stream=True
            )
        except requests.exceptions.Timeout:
            raise FeedUnreachable(f"timeout on {path}", timeout=True) from None
        except requests.exceptions.SSLError:
            raise FeedUnreachable(f"TLS failure on {path}", tls=True) from None
        except requests.exceptions.RequestException as exc:
            raise FeedUnreachable(f"{type(exc).__name__} on {path}") from None
        with response:
            LOGGER.debug("GET %s: HTTP %d", path, response.status_code)
            if response.status_code == 304:
                return _Answer(304, response.headers)
            if response.status_code != 200:
                raise _status_error(path, response)
            return _Answer(200, response.headers, _bounded_body(path, response, limit))


class _AbortableAdapter(HTTPAdapter):
    """Remembers its connections so :meth:`abort` can cut one that is blocked reading.

    ``requests`` has no way to interrupt a request from another thread; without
    this, stopping the poller (or unloading the plugin) could wait for a whole
    read timeout. Shutting the socket down makes the blocked read return at once.
    """

    def __init__(self) -> None:
        self._connections: weakref.WeakSet = weakref.WeakSet()
        self._lock = threading.Lock()  # the worker adds connections while the main thread aborts
        super().__init__()

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self._track(self.poolmanager)

    def proxy_manager_for(self, *args, **kwargs):
        manager = super().proxy_manager_for(*args, **kwargs)
        self._track(manager)
        return manager

    def _track(self, manager) -> None:
        registry, lock = self._connections, self._lock
        classes = {}
        for scheme, pool_class in manager.pool_classes_by_scheme.items():

            class TrackingPool(pool_class):
                def _new_conn(self):
                    connection = super()._new_conn()
                    with lock:
                        registry.add(connection)
                    return connection

            classes[scheme] = TrackingPool
        manager.pool_classes_by_scheme = classes

    def abort(self) -> None:
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            sock = getattr(connection, "sock", None)
            if sock is not None:
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain socket, also under TLS


def _bounded_body(path: str, response: requests.Response, limit: int) -> bytes:
    """The (decoded) body, read in chunks and abandoned as soon as it exceeds ``limit``."""
    too_large = FeedPayloadError("too_large", limit_mb=round(limit / MEGABYTE, 1))
    declared = _declared_length(response)
    if declared is not None and declared > limit and "Content-Encoding" not in response.headers:
        raise too_large
    chunks, total = [], 0
    try:
        for chunk in response.iter_content(CHUNK_BYTES):
            total += len(chunk)
            if total > limit:
                raise too_large
            chunks.append(chunk)
    except requests.exceptions.ConnectionError:  # a read timeout while the body trickles in
        raise FeedUnreachable(f"timeout reading {path}", timeout=True) from None
    except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError):
        raise FeedPayloadError("truncated", received=total, expected="?") from None
    received = response.raw.tell()  # bytes off the wire, before any gzip decoding
    if declared is not None and received < declared:
        raise FeedPayloadError("truncated", received=received, expected=declared)
    return b"".join(chunks)


def _declared_length(response: requests.Response) -> Optional[int]:
    value = response.headers.get("Content-Length", "")
    return int(value) if value.isdigit() else None


def _status_error(path: str, response: requests.Response) -> FeedError:
    status = response.status_code
    detail = f"HTTP {status} on {path}"
    retry_after = parse_retry_after(response.headers.get("Retry-After"))
    if status in (401, 403):
        return FeedAuthError(status, detail)
    if status == 404:
        return FeedNotFound(detail)
    if status == 429:
        return FeedRateLimited(detail, retry_after=retry_after)
    return FeedServerError(status, detail, retry_after=retry_after)


def parse_retry_after(value: Optional[str], now: Optional[float] = None) -> Optional[float]:
    """``Retry-After`` as seconds from now: delta-seconds or an HTTP date (RFC 9110)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return max(0.0, moment.timestamp() - (time.time() if now is None else now))
