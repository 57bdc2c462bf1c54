"""The one HTTP transport of the plugin: every request it makes goes through :class:`HttpTransport`.

The poller's :class:`~.client.HttpFeedReader`, *Test connection* (:mod:`.probe`) and
the classroom exercise clock (:mod:`.exercise`) share these rules:

- **Proxies** are passed in (``runtime/network.py`` builds them from QGIS's
  network settings); None means direct, or the system proxy from the environment.
- **TLS** certificates are checked unless the settings turn that off.
- **Token**: ``Authorization: Bearer <token>``, checked by :func:`clean_token`
  before it goes into a header, and sent to the configured origin only.
- **Redirects** are followed only for GET and only within the configured origin
  (same scheme, host and port), at most :data:`MAX_REDIRECTS` times. Any other
  redirect is refused (:class:`~.errors.FeedRedirected`): the token never goes to
  another host and ``https`` is never downgraded. ``requests`` is never left to
  follow redirects itself.
- **Limits**: a connect timeout, a read timeout (the longest silence), a deadline
  on the *whole* exchange (a server trickling a byte a second cannot hold a poll),
  a cap on the raw and on the *decoded* body, one ``Content-Encoding`` layer
  (gzip or deflate) decoded incrementally under that cap (a gzip bomb stops at
  the cap, not at a gigabyte), and truncation judged from our own count of the
  bytes received against ``Content-Length`` (the same on urllib3 1.26 and 2).
- **Errors** are typed :class:`~.errors.FeedError`; their texts name the method,
  the path, the status and the *type* of a network exception only: never its
  text, the URL, a header or the token.
- **Abort**: :meth:`HttpTransport.abort` from another thread cuts the connection
  in use, so stopping the poller never waits for a timeout.

Requests through one transport run one at a time (the deadline cuts the
transport's connections, so it must not cut another request's).
"""

from __future__ import annotations

import contextlib
import email.utils
import logging
import re
import socket
import threading
import time
import weakref
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timezone
from typing import Any, Callable, Optional
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter

from ..core.metadata import user_agent
from .errors import (
    FeedAuthError,
    FeedError,
    FeedNotFound,
    FeedPayloadError,
    FeedRateLimited,
    FeedRedirected,
    FeedServerError,
    FeedTokenError,
    FeedUnreachable,
)

LOGGER = logging.getLogger("druktemeter.feed")

MEGABYTE = 2**20
SMALL_BODY_BYTES = 1 * MEGABYTE  # meta, health, the exercise state: a few hundred bytes each
DEADLINE_S = 60.0  # a whole exchange of a small document, from connecting to the last byte
MAX_REDIRECTS = 3
CHUNK_BYTES = 64 * 1024  # raw bytes per read, and decoded bytes per decompression step
TOKEN_CHARACTERS = re.compile(r"[\x21-\x7e]+")  # visible ASCII: what a bearer token can hold in a header
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_IDENTITY = "identity"
_ENCODINGS = {"gzip": "gzip", "x-gzip": "gzip", "deflate": "deflate"}
_REQUEST_HEADERS = {"Accept": "application/json", "Accept-Encoding": "gzip, deflate"}
# What requests, urllib3 and the socket layer raise (ValueError: a URL or header they refuse).
_NETWORK_FAILURES = (requests.exceptions.RequestException, urllib3.exceptions.HTTPError, OSError, ValueError)


@dataclass(frozen=True)
class Answer:
    """A 200 with its decoded body, or a 304 (no body)."""

    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""


class HttpTransport:
    """HTTP(S) to one feed: the shared rules of the module docstring, one reused session.

    ``token_provider`` is called for every request (on the calling thread) and
    may raise :class:`~.errors.FeedTokenError`. ``deadline`` bounds every
    exchange (never below connect + read timeout, so longer configured timeouts
    are honoured); :meth:`request` may ask for a longer one (the cell list).
    """

    def __init__(
        self,
        base_url: str,
        *,
        token_provider: Callable[[], Optional[str]] = lambda: None,
        connect_timeout: float = 5.0,
        read_timeout: float = 20.0,
        deadline: float = DEADLINE_S,
        verify_tls: bool = True,
        proxies: Optional[dict[str, str]] = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = (connect_timeout, read_timeout)
        self.verify_tls = verify_tls
        self._deadline = deadline
        self._token_provider = token_provider
        self._origin = _origin(self.base_url)
        self._lock = threading.Lock()
        self._watch: Optional[_Watch] = None  # of the exchange in progress
        self._adapter = _AbortableAdapter()
        self._session = requests.Session()
        self._session.mount("http://", self._adapter)
        self._session.mount("https://", self._adapter)
        self._session.verify = verify_tls
        if proxies:
            self._session.proxies.update(proxies)

    def __repr__(self) -> str:
        return f"HttpTransport({urlsplit(self.base_url).hostname or ''!r})"

    def get(self, path: str, **options: Any) -> Answer:
        return self.request("GET", path, **options)

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Optional[dict[str, str]] = None,
        json_body: Optional[dict] = None,
        etag: Optional[str] = None,
        limit: int = SMALL_BODY_BYTES,
        deadline: Optional[float] = None,
    ) -> Answer:
        """One exchange: an :class:`Answer` for 200 and 304, a typed error for anything else."""
        seconds = max(deadline or self._deadline, sum(self.timeout))
        with self._lock, _Watch(seconds, self._adapter.abort) as watch:
            self._watch = watch
            try:
                answer = self._exchange(method, path, params, json_body, etag, limit)
            except FeedError as error:
                raise watch.cut_error(method, path) or error from None
            except _NETWORK_FAILURES as error:
                raise watch.cut_error(method, path) or _unreachable(method, path, error) from None
            finally:
                self._watch = None
            cut = watch.cut_error(method, path)  # a cut connection can look like the end of a body
            if cut is not None:
                raise cut
            return answer

    def abort(self) -> None:
        """Make a request blocked in another thread fail now (polling stops, the plugin unloads)."""
        watch = self._watch
        if watch is not None:
            watch.aborted = True
        self._adapter.abort()

    def close(self) -> None:
        self._session.close()

    # ------------------------------------------------------------ one exchange

    def _exchange(
        self,
        method: str,
        path: str,
        params: Optional[dict[str, str]],
        json_body: Optional[dict],
        etag: Optional[str],
        limit: int,
    ) -> Answer:
        url = self.base_url + path
        headers = self._headers(etag)
        for _hop in range(MAX_REDIRECTS + 1):
            response = self._session.request(
                method,
                url,
                params=params,
                json=json_body,
                headers=headers,
                timeout=self.timeout,
                verify=self.verify_tls,
                stream=True,
                allow_redirects=False,
                auth=_headers_as_given,
            )
            with response:
                status = response.status_code
                LOGGER.debug("%s %s: HTTP %d", method, path, status)
                if status in _REDIRECTS:
                    url, params = self._redirect_target(method, path, url, response), None
                    continue
                if status == 304:
                    return Answer(304, response.headers)
                if status != 200:
                    raise status_error(path, status, response.headers)
                return Answer(200, response.headers, read_body(response, limit))
        raise FeedRedirected(f"more than {MAX_REDIRECTS} redirects on {method} {path}")

    def _headers(self, etag: Optional[str]) -> dict[str, str]:
        headers = {**_REQUEST_HEADERS, "User-Agent": user_agent()}
        token = clean_token(self._token_provider())
        if token:
            headers["Authorization"] = "Bearer " + token
        if etag:
            headers["If-None-Match"] = etag
        return headers

    def _redirect_target(self, method: str, path: str, url: str, response: requests.Response) -> str:
        """Where a redirect leads, if it may be followed (see the module docstring)."""
        location = response.headers.get("Location", "")
        target = urljoin(url, location)
        if method != "GET" or not location or _origin(target) != self._origin:
            raise FeedRedirected(f"HTTP {response.status_code} on {method} {path} not followed")
        return target


def _headers_as_given(request: requests.PreparedRequest) -> requests.PreparedRequest:
    """An explicit "auth" that changes nothing: without one, ``requests`` adds credentials
    from ``~/.netrc`` for the host, which could replace the token or reach the feed unasked."""
    return request


# ---------------------------------------------------------------- tokens and redaction


def clean_token(raw: Optional[str]) -> Optional[str]:
    """The token without the whitespace a paste adds around it; None when there is none.

    Raises :class:`~.errors.FeedTokenError` (which never holds the token) for
    whitespace or control characters inside, or anything but visible ASCII.
    """
    token = (raw or "").strip()
    if not token:
        return None
    if not TOKEN_CHARACTERS.fullmatch(token):
        raise FeedTokenError("characters")
    return token


REDACTED = "***"
_SECRET_PATTERNS = (
    (re.compile(r"(?i)(\bbearer\s+)[^\s'\",;]+"), r"\1" + REDACTED),
    (re.compile(r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?)[^'\"\r\n,}]+"), r"\1" + REDACTED),
    (
        re.compile(r"(?i)([?&;][\w.-]*(?:token|key|secret|password|passwd|pwd)[\w.-]*=)[^&#\s'\"]+"),
        r"\1" + REDACTED,
    ),
    (re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://[^\s/@:'\"]*:)[^\s/@'\"]+@"), r"\1" + REDACTED + "@"),
)
MIN_SECRET_LENGTH = 4  # shorter "secrets" would blank out ordinary words


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """``text`` without known secrets, Authorization/Bearer values, secret query parameters
    (``token=``, ``api_key=``, ...) and passwords in URLs (``scheme://user:password@``)."""
    for secret in secrets:
        if secret and len(secret) >= MIN_SECRET_LENGTH:
            text = text.replace(secret, REDACTED)
    for pattern, replacement in _SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


# ---------------------------------------------------------------- bounded body


def read_body(response: requests.Response, limit: int) -> bytes:
    """The decoded body, read raw and decoded here, refused beyond ``limit`` (raw or decoded) bytes.

    ``requests``/urllib3 decoding is bypassed (``decode_content=False``): they
    decode a whole chunk at once and accept stacked encodings, so a small gzip
    bomb would be inflated in full before any limit could be checked.
    """
    declared = _declared_length(response.headers)
    if declared is not None and declared > limit:
        raise _too_large(limit)
    decoder = _BoundedDecoder(content_encoding(response.headers), limit)
    raw = response.raw
    raw.enforce_content_length = False  # urllib3 2 would raise with no count: we compare ourselves
    received = 0
    try:
        while chunk := raw.read(CHUNK_BYTES, decode_content=False):
            received += len(chunk)
            if received > limit:
                raise _too_large(limit)
            decoder.feed(chunk)
    except (urllib3.exceptions.TimeoutError, socket.timeout):
        raise FeedUnreachable("timeout while the body arrived", timeout=True) from None
    except (urllib3.exceptions.HTTPError, OSError):
        raise FeedPayloadError("truncated", received=received, expected=declared or "?") from None
    if declared is not None and received < declared:
        raise FeedPayloadError("truncated", received=received, expected=declared)
    return decoder.finish(received)


def content_encoding(headers: Mapping[str, str]) -> str:
    """The one encoding layer of a body: ``gzip``, ``deflate`` or ``identity``; more or others are refused."""
    layers = [layer.strip().lower() for layer in headers.get("Content-Encoding", "").split(",")]
    layers = [layer for layer in layers if layer and layer != _IDENTITY]
    if len(layers) > 1:
        raise FeedPayloadError("stacked_encoding", layers=len(layers))
    if not layers:
        return _IDENTITY
    if layers[0] not in _ENCODINGS:
        name = layers[0] if re.fullmatch(r"[a-z0-9._-]{1,20}", layers[0]) else "?"
        raise FeedPayloadError("unknown_encoding", encoding=name)
    return _ENCODINGS[layers[0]]


class _BoundedDecoder:
    """One content-coding layer, decoded as the bytes arrive, at most ``CHUNK_BYTES`` per step.

    Memory stays within ``limit`` plus one step however far the data would
    inflate. gzip may come as several members (RFC 1952); deflate as zlib (what
    RFC 9110 means) or raw (what some servers send), told apart by the header.
    """

    def __init__(self, encoding: str, limit: int) -> None:
        self.encoding = encoding
        self.decoded = 0
        self._limit = limit
        self._parts: list[bytes] = []
        self._stream: Any = None  # a zlib decompressobj, opened on the first bytes

    def feed(self, data: bytes) -> None:
        if self.encoding == _IDENTITY:
            self._keep(data)
            return
        try:
            self._inflate(data)
        except zlib.error:
            raise FeedPayloadError("bad_encoding", encoding=self.encoding) from None

    def finish(self, received: int) -> bytes:
        if self._stream is not None and not self._stream.eof:
            raise FeedPayloadError("truncated", received=received, expected="?")
        return b"".join(self._parts)

    def _inflate(self, data: bytes) -> None:
        while True:
            if self._stream is None or self._stream.eof:
                data = (self._stream.unused_data if self._stream is not None else b"") + data
                if not data:
                    return
                self._stream = self._open(data)
            piece = self._stream.decompress(data, CHUNK_BYTES)
            self._keep(piece)
            data = self._stream.unconsumed_tail
            more_output = len(piece) == CHUNK_BYTES
            if not data and not more_output and not (self._stream.eof and self._stream.unused_data):
                return

    def _open(self, data: bytes) -> Any:
        if self._stream is not None and self.encoding != "gzip":
            raise zlib.error("data after the end of a deflate stream")
        if self.encoding == "gzip":
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        zlib_header = len(data) >= 2 and data[0] & 0x0F == 8 and ((data[0] << 8) | data[1]) % 31 == 0
        return zlib.decompressobj(zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS)

    def _keep(self, piece: bytes) -> None:
        self.decoded += len(piece)
        if self.decoded > self._limit:
            raise _too_large(self._limit)
        if piece:
            self._parts.append(piece)


def _declared_length(headers: Mapping[str, str]) -> Optional[int]:
    value = headers.get("Content-Length", "").strip()
    return int(value) if value.isdigit() else None


def _too_large(limit: int) -> FeedPayloadError:
    return FeedPayloadError("too_large", limit_mb=round(limit / MEGABYTE, 1))


# ---------------------------------------------------------------- errors


def status_error(path: str, status: int, headers: Mapping[str, str]) -> FeedError:
    """A typed error for an HTTP status other than 200/304 (the body is never read)."""
    detail = f"HTTP {status} on {path}"
    retry_after = parse_retry_after(headers.get("Retry-After"))
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


def _unreachable(method: str, path: str, error: BaseException) -> FeedUnreachable:
    """The exception's *type* and the path: its text may hold a header, a URL or a proxy password."""
    detail = f"{type(error).__name__} on {method} {path}"
    if isinstance(error, (requests.exceptions.Timeout, urllib3.exceptions.TimeoutError, socket.timeout)):
        return FeedUnreachable(detail, timeout=True)
    if isinstance(error, (requests.exceptions.SSLError, urllib3.exceptions.SSLError)):
        return FeedUnreachable(detail, tls=True)
    return FeedUnreachable(detail)


def _origin(url: str) -> tuple:
    parts = urlsplit(url)
    default_port = {"http": 80, "https": 443}.get(parts.scheme.lower())
    try:
        port = parts.port or default_port
    except ValueError:
        port = None
    credentials = parts.username is not None or parts.password is not None
    return (parts.scheme.lower(), (parts.hostname or "").lower(), port, credentials)


# ---------------------------------------------------------------- deadline and abort


class _Watch:
    """Watches one exchange: cuts the transport's connections when ``seconds`` pass (a blocked
    read returns at once), and tells a failure (or a short body) caused by that cut, or by
    :meth:`HttpTransport.abort`, apart from the server's doing.

    A timer thread per exchange, cancelled and joined when the exchange ends, so none outlives it.
    """

    def __init__(self, seconds: float, cut: Callable[[], None]) -> None:
        self.seconds = seconds
        self.expired = False
        self.aborted = False
        self._cut = cut
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.name = "DruktemeterDeadline"
        self._timer.daemon = True

    def __enter__(self) -> _Watch:
        self._timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._timer.cancel()
        self._timer.join()

    def cut_error(self, method: str, path: str) -> Optional[FeedUnreachable]:
        if self.expired:
            return FeedUnreachable(
                f"deadline of {self.seconds:.0f} s passed on {method} {path}", timeout=True
            )
        if self.aborted:
            return FeedUnreachable(f"aborted on {method} {path}")
        return None

    def _expire(self) -> None:
        self.expired = True
        self._cut()


class _AbortableAdapter(HTTPAdapter):
    """Remembers the sockets of its connections so :meth:`abort` can cut one that is blocked reading.

    ``requests`` has no way to interrupt a request from another thread; without
    this, stopping the poller (or unloading the plugin) could wait for a whole
    read timeout. Shutting the socket down makes the blocked read return at once.
    Sockets, not connections, are remembered: for an answer that ends by closing
    (``Connection: close``) the connection lets go of its socket while the body
    is still being read from it.
    """

    def __init__(self) -> None:
        self._sockets: weakref.WeakSet = weakref.WeakSet()
        self._lock = threading.Lock()  # the worker adds sockets while another thread aborts
        super().__init__()

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self._track(self.poolmanager)

    def proxy_manager_for(self, *args, **kwargs):
        manager = super().proxy_manager_for(*args, **kwargs)
        self._track(manager)
        return manager

    def _track(self, manager) -> None:
        remember = self._remember
        classes = {}
        for scheme, pool_class in manager.pool_classes_by_scheme.items():

            class TrackingPool(pool_class):
                def _new_conn(self):
                    connection = super()._new_conn()
                    connect = connection.connect

                    def connect_and_remember() -> None:
                        connect()
                        remember(connection.sock)

                    connection.connect = connect_and_remember
                    return connection

            classes[scheme] = TrackingPool
        manager.pool_classes_by_scheme = classes

    def _remember(self, sock: Optional[socket.socket]) -> None:
        if sock is not None:
            with self._lock:
                self._sockets.add(sock)

    def abort(self) -> None:
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the plain socket, also under TLS
