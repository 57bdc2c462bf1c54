"""The reference service: any :class:`~..core.model.FeedSource` served over the v1 contract.

Trainers run it (``python3 -m plugin.service serve``) so a classroom of QGIS
stations polls one shared exercise; the tests run it on loopback. Standard
library only: ``ThreadingHTTPServer`` with HTTP/1.1 keep-alive.

What it adds to the source's payloads: weak ``ETag`` + ``304`` for cells and
counts, gzip when the client accepts it, bearer tokens (``/v1/health`` stays
open; steering the exercise takes the trainer's), RFC 9457 problem documents
for every error (``405`` with ``Allow`` for a method the contract does not
declare), and token-bucket rate limits per connection and per address
(:mod:`.ratelimit`).

What it withstands: a request head, and then its body, must each arrive
within ``read_deadline_s`` (slowloris); at most ``max_connections`` are served
at once (more get ``503``); the listen backlog holds a classroom connecting at
once; request bodies are bounded in size, time and nesting; a body the service
did not read closes the connection instead of being read as the next request.

The cell list (~60,000 polygons at national scale) is encoded once per
version, not on every request: by the source's ``cells_etag`` when it has one,
else by the identity of the object ``cells_payload()`` returns (a source then
hands out a new object when the cells change).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gzip
import hashlib
import http.client
import json
import logging
import socket
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BufferedReader
from typing import Any, Callable, Optional
from urllib.parse import parse_qs, urlsplit

from ..core.model import FeedSource
from ..feed.contract import (
    COLUMNAR,
    IDS_OMITTED,
    PATH_CELLS,
    PATH_COUNTS,
    PATH_EXERCISE,
    PATH_HEALTH,
    PATH_META,
    PROBLEM_JSON,
    aligned_columnar,
    iso_utc,
    problem_payload,
)
from .ratelimit import RateLimit, RateLimiter
from .steering import SteeringError, parse_command
from .tokens import Tokens

LOGGER = logging.getLogger("druktemeter.service")

GZIP_MIN_BYTES = 1024
MAX_REQUEST_BYTES = 16 * 1024
MAX_REQUEST_LINE = 8 * 1024
# Deeper JSON is refused before parsing: how deep json.loads gets before a RecursionError depends on
# the Python version (3.11 stops near 1,000 levels, 3.13 parses 8,000), so the service counts itself.
MAX_JSON_DEPTH = 32
IDLE_TIMEOUT_S = 30.0  # a kept-alive connection with no new request is closed after this
READ_DEADLINE_S = 10.0  # for a request's head (from its first byte) and again for its body
SEND_TIMEOUT_S = 30.0  # per write of an answer: a client that stops reading is let go
MAX_CONNECTIONS = 128  # a classroom holds ~2 per station (poller, exercise clock)
LISTEN_BACKLOG = 128  # connections the kernel queues while the service accepts: a whole class at once
BUSY_RETRY_AFTER_S = 5

# The methods the contract declares per path; anything else is 405 with Allow.
METHODS = {
    PATH_META: ("GET",),
    PATH_HEALTH: ("GET",),
    PATH_CELLS: ("GET",),
    PATH_COUNTS: ("GET",),
    PATH_EXERCISE: ("GET", "POST"),
}


@dataclass
class _Encoded:
    body: bytes
    etag: str
    _gzipped: Optional[bytes] = None

    def gzipped(self) -> bytes:
        if self._gzipped is None:
            self._gzipped = gzip.compress(self.body, compresslevel=6, mtime=0)
        return self._gzipped


class _ProblemError(Exception):
    def __init__(self, status: int, detail: str = "", headers: Optional[dict[str, str]] = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}


class _DeadlineReader:
    """Reads from a connection's buffered stream, all of it by one deadline.

    A socket timeout bounds a single ``recv``; a client sending one byte just
    before each timeout would hold the connection for ever. Here every ``recv``
    gets only the time left until the deadline.
    """

    def __init__(self, stream: BufferedReader, connection: socket.socket, deadline: float) -> None:
        self._stream = stream
        self._connection = connection
        self._deadline = deadline

    def readline(self, limit: int = -1) -> bytes:
        line = bytearray()
        while limit < 0 or len(line) < limit:
            chunk = self._peek()
            if not chunk:
                break
            end = chunk.find(b"\n") + 1 or len(chunk)
            if limit >= 0:
                end = min(end, limit - len(line))
            line += self._stream.read(end)
            if line.endswith(b"\n"):
                break
        return bytes(line)

    def read(self, size: int) -> bytes:
        data = bytearray()
        while len(data) < size:
            if not self._peek():
                break
            data += self._stream.read1(size - len(data))
        return bytes(data)

    def _peek(self) -> bytes:
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("deadline passed")
        self._connection.settimeout(remaining)
        return self._stream.peek(1)


class ReferenceHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    default_request_version = "HTTP/1.1"  # so a malformed request still gets a status line, not a bare body
    server_version = "DruktemeterReference/1"
    disable_nagle_algorithm = True  # head and body are two writes: no 40 ms wait for a delayed ACK

    @property
    def reference(self) -> ReferenceServer:
        return self.server.reference  # type: ignore[attr-defined]

    def setup(self) -> None:
        super().setup()
        self.reference.track(self.connection, True)

    def finish(self) -> None:
        self.reference.track(self.connection, False)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        LOGGER.debug("%s %s", self.client_address[0], format % args)  # request line only: no headers

    def handle_one_request(self) -> None:
        """Wait (idle) for a request, read its head by the deadline, answer it."""
        self.headers = http.client.HTTPMessage()
        self.command, self.requestline, self.request_version = None, "", "HTTP/1.1"
        self._body_read = False
        try:
            self.connection.settimeout(IDLE_TIMEOUT_S)
            if not self.rfile.peek(1):
                self.close_connection = True  # the client closed its kept-alive connection
                return
        except OSError:  # idle for too long, or reset: closed without a word
            self.close_connection = True
            return
        if self._read_head():
            self.connection.settimeout(SEND_TIMEOUT_S)
            {"GET": self.do_GET, "POST": self.do_POST}.get(self.command, self._answer)()
        with contextlib.suppress(OSError):
            self.wfile.flush()

    def _read_head(self) -> bool:
        """Request line and headers, all within ``read_deadline_s`` of their first byte."""
        stream = self.rfile
        self.rfile = _DeadlineReader(
            stream, self.connection, time.monotonic() + self.reference.read_deadline_s
        )
        try:
            self.raw_requestline = self.rfile.readline(MAX_REQUEST_LINE + 1)
            if len(self.raw_requestline) > MAX_REQUEST_LINE:
                self.send_error(414, "The request line is too long.")
                return False
            return self.parse_request()
        except TimeoutError:
            self._timed_out()
        except OSError:
            self.close_connection = True
        finally:
            self.rfile = stream
        return False

    def send_error(self, code: int, message: Optional[str] = None, explain: Optional[str] = None) -> None:
        """The standard library's errors (malformed request, too many headers…) as problem documents."""
        self.close_connection = True
        self._problem(_ProblemError(code, message or explain or ""))

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    # ------------------------------------------------------------ routing

    def _answer(self) -> None:
        """Any method: limits, 404/405, then GET or POST (the only methods the contract declares)."""
        url = urlsplit(self.path)
        path = url.path.rstrip("/") or "/"
        try:
            wait = self.reference.admit(self.client_address[0], self.connection)
            if wait:
                raise _ProblemError(
                    429, f"Too many requests; retry after {wait} s.", {"Retry-After": str(wait)}
                )
            if path not in METHODS:
                raise _ProblemError(
                    404, f"There is no {path}; see /v1/meta, /v1/cells, /v1/counts, /v1/health."
                )
            if self.command not in METHODS[path]:
                allowed = ", ".join(METHODS[path])
                raise _ProblemError(405, f"{path} answers {allowed}.", {"Allow": allowed})
            route = self._post if self.command == "POST" else self._get
            route(path, parse_qs(url.query, keep_blank_values=True))
        except _ProblemError as problem:
            self._problem(problem)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True  # the client left or stopped reading mid-answer
        except Exception:
            LOGGER.exception("The reference service failed on %s", path)
            self._problem(_ProblemError(500, "The feed source failed; see the service log."))

    def _get(self, path: str, query: dict) -> None:
        if path == PATH_HEALTH:
            return self._json(200, self.reference.call_source(self.reference.source.health_payload))
        self._authorize(steering=False)
        source = self.reference.source
        if path == PATH_META:
            meta = self.reference.call_source(source.meta_payload)
            if getattr(source, "clock", None) is not None:
                meta = {**meta, "exercise": True}  # simulated time: clients judge it by /v1/health
            return self._json(200, meta)
        if path == PATH_CELLS:
            return self._conditional(
                self.reference.encoded("cells", source.cells_payload, getattr(source, "cells_etag", None)),
                "application/geo+json",
            )
        if path == PATH_COUNTS:
            return self._counts(query)
        return self._json(200, self._exercise_state())

    def _counts(self, query: dict) -> None:
        form = _single(query, "form", (COLUMNAR,))
        ids = _single(query, "ids", (IDS_OMITTED,))
        columnar = form == COLUMNAR
        if columnar and ids == IDS_OMITTED:
            return self._conditional(self._aligned_counts(), "application/json")
        source = self.reference.source
        encoded = self.reference.encoded(
            f"counts-{form or ''}", lambda: source.counts_payload(columnar=columnar)
        )
        return self._conditional(encoded, "application/json")

    def _aligned_counts(self) -> _Encoded:
        """Columnar counts in the order of the current cell list, without ids (``ids=omit``)."""
        source = self.reference.source
        cells = self.reference.encoded("cells", source.cells_payload, getattr(source, "cells_etag", None))
        order = self.reference.call_source(lambda: [f["id"] for f in source.cells_payload()["features"]])
        payload = self.reference.call_source(lambda: source.counts_payload(columnar=True))
        if not set(payload["ids"]) <= set(order):  # counts for cells not listed: the ids say which
            return self.reference.encoded(f"counts-{COLUMNAR}", lambda: payload)
        return self.reference.encoded("counts-aligned", lambda: aligned_columnar(payload, order, cells.etag))

    def _post(self, path: str, query: dict) -> None:
        self._authorize(steering=True)
        clock = self._clock()
        try:
            command = parse_command(self._json_request(), self.reference.exercise_origin)
        except SteeringError as refused:
            raise _ProblemError(refused.status, refused.detail) from None
        with self.reference.source_lock:
            command.apply(clock)
        LOGGER.info("Exercise steered: %s", command)
        self._json(200, self._exercise_state())

    def _authorize(self, steering: bool) -> None:
        """Reads take the station token or the trainer's; steering the exercise only the
        trainer's (the station token when no trainer token is set). No token set: open."""
        tokens = self.reference.tokens
        required = (tokens.trainer or tokens.station) if steering else tokens.station
        if required is None:
            return
        authorization = self.headers.get("Authorization")
        role = tokens.role(authorization)
        if role is None:
            challenge = 'Bearer realm="druktemeter"' + (', error="invalid_token"' if authorization else "")
            raise _ProblemError(401, "A valid bearer token is required.", {"WWW-Authenticate": challenge})
        if steering and tokens.trainer is not None and role != "trainer":
            raise _ProblemError(403, "Only the trainer's token may steer the exercise.")

    # ------------------------------------------------------------ exercise

    def _clock(self):
        clock = getattr(self.reference.source, "clock", None)
        if clock is None:
            raise _ProblemError(404, "This feed has no exercise clock (it is not a simulation).")
        return clock

    def _exercise_state(self) -> dict:
        clock = self._clock()
        with self.reference.source_lock:
            return {
                "clock": True,
                "now": iso_utc(clock.now()),
                "speed": _attribute(clock, "speed"),
                "paused": _attribute(clock, "paused"),
                **_simulation(self.reference.source),
            }

    def _json_request(self) -> Any:
        if "Transfer-Encoding" in self.headers:
            raise _ProblemError(411, "Send the body with Content-Length, not in chunks.")
        length = self.headers.get("Content-Length", "")
        if not length.isdigit():
            raise _ProblemError(411, "Send a JSON object with Content-Length.")
        if int(length) > MAX_REQUEST_BYTES:
            raise _ProblemError(413, f"Send a JSON object of at most {MAX_REQUEST_BYTES} bytes.")
        deadline = time.monotonic() + self.reference.read_deadline_s
        reader = _DeadlineReader(self.rfile, self.connection, deadline)
        try:
            body = reader.read(int(length))
        except TimeoutError:
            self.close_connection = True
            raise _ProblemError(408, "The request body did not arrive in time.") from None
        finally:
            self.connection.settimeout(SEND_TIMEOUT_S)
        if len(body) < int(length):
            self.close_connection = True
            raise _ProblemError(400, "The request body ended before its Content-Length.")
        self._body_read = True
        if _nesting_depth(body) > MAX_JSON_DEPTH:
            raise _ProblemError(400, "The request body is nested too deeply.")
        try:
            return json.loads(body)
        except ValueError:
            raise _ProblemError(400, "The request body is not valid JSON.") from None

    # ------------------------------------------------------------ responses

    def _conditional(self, encoded: _Encoded, content_type: str) -> None:
        if _etag_matches(self.headers.get("If-None-Match"), encoded.etag):
            self.reference.count(304)
            self.send_response(304)
            self.send_header("ETag", encoded.etag)
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Vary", "Accept-Encoding")
            self._connection_header()
            self.end_headers()
            return
        self._send(200, encoded, content_type, {"ETag": encoded.etag, "Cache-Control": "no-cache"})

    def _json(self, status: int, payload: Any) -> None:
        body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        self._send(status, _Encoded(body, ""), "application/json", {"Cache-Control": "no-store"})

    def _problem(self, problem: _ProblemError) -> None:
        title = HTTPStatus(problem.status).phrase
        payload = problem_payload(problem.status, title, problem.detail)
        body = json.dumps(payload).encode("utf-8")
        self._send(problem.status, _Encoded(body, ""), PROBLEM_JSON, problem.headers)

    def _send(self, status: int, encoded: _Encoded, content_type: str, headers: dict[str, str]) -> None:
        self.reference.count(status)
        body = encoded.body
        gzipped = len(body) >= GZIP_MIN_BYTES and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            body = encoded.gzipped()
        self.send_response(status)
        self.send_header("Content-Type", content_type + "; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        for name, value in headers.items():
            self.send_header(name, value)
        self._connection_header()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _connection_header(self) -> None:
        """``Connection: close`` when this answer ends the connection: always when the client
        sent a body the service did not read, which must not be taken for the next request."""
        unread = not self._body_read and (
            "Transfer-Encoding" in self.headers or self.headers.get("Content-Length", "0").strip() != "0"
        )
        if unread:
            self.close_connection = True
        if self.close_connection:
            self.send_header("Connection", "close")

    def _timed_out(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.settimeout(1.0)
            self.send_error(408, "The request did not arrive in time.")


class _SocketServer(ThreadingHTTPServer):
    """One thread per connection, at most ``max_connections`` of them; a deep listen backlog."""

    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG

    def __init__(self, address: tuple[str, int], handler: type, reference: ReferenceServer) -> None:
        self.reference = reference
        self._slots = threading.BoundedSemaphore(reference.max_connections)
        super().__init__(address, handler)

    def process_request(self, request: socket.socket, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            self.reference.count(503)
            _refuse_busy(request)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: socket.socket, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


class ReferenceServer:
    """Serves ``source`` on ``host:port`` (port 0: any free port) in a background thread.

    ``rate_limit`` None serves without limits (tests of other things); ``clock``
    drives the rate limiter's buckets (tests and benchmarks compress time).
    """

    handler_class: type[BaseHTTPRequestHandler] = ReferenceHandler

    def __init__(
        self,
        source: FeedSource,
        host: str = "127.0.0.1",
        port: int = 0,
        token: Optional[str] = None,
        trainer_token: Optional[str] = None,
        *,
        rate_limit: Optional[RateLimit] = RateLimit(),  # noqa: B008 - frozen, shared safely
        clock: Callable[[], float] = time.monotonic,
        read_deadline_s: float = READ_DEADLINE_S,
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        self.source = source
        self.tokens = Tokens(station=token, trainer=trainer_token)
        self.read_deadline_s = read_deadline_s
        self.max_connections = max_connections
        self.status_counts: dict[int, int] = {}
        self.source_lock = threading.Lock()
        self._limiter = None if rate_limit is None else RateLimiter(rate_limit, clock)
        self._state_lock = threading.Lock()
        self._encoded: dict[str, tuple[Any, _Encoded]] = {}
        self._connections: set[socket.socket] = set()
        self._thread: Optional[threading.Thread] = None
        clock_of_source = getattr(source, "clock", None)
        self.exercise_origin = None if clock_of_source is None else clock_of_source.now()
        self._httpd = _SocketServer((host, port), self.handler_class, self)

    def __repr__(self) -> str:
        return f"ReferenceServer({self.url!r})"

    @property
    def token(self) -> Optional[str]:
        """The station token; setting it rotates it while serving (the trainer's stays)."""
        return self.tokens.station

    @token.setter
    def token(self, value: Optional[str]) -> None:
        self.tokens = dataclasses.replace(self.tokens, station=value)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="druktemeter-reference-server",
        )
        self._thread.start()
        LOGGER.info("Reference service listening on %s", self.url)

    def stop(self) -> None:
        """Stop accepting, close open keep-alive connections, and join the serving thread."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        with self._state_lock:
            for connection in list(self._connections):
                _shutdown_quietly(connection)
        self._httpd.server_close()

    # ------------------------------------------------------------ used by the handler

    def encoded(self, key: str, produce, version: object = None) -> _Encoded:
        """The payload ``produce()`` returns, encoded once per content.

        Content is recognised by ``version`` when the source declares one (a
        source's ``cells_etag``: then the payload is not even built while it
        holds), else by the identity of the object ``produce()`` returns.
        """
        with self.source_lock:
            cached = self._encoded.get(key)
            if cached is not None and version is not None and cached[0] == version:
                return cached[1]
            payload = produce()
            if cached is not None and version is None and cached[0] is payload:
                return cached[1]
            body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
            encoded = _Encoded(body, 'W/"' + hashlib.sha256(body).hexdigest()[:20] + '"')
            self._encoded[key] = (payload if version is None else version, encoded)
            return encoded

    def call_source(self, function, *args):
        with self.source_lock:
            return function(*args)

    def admit(self, address: str, connection: socket.socket) -> int:
        """0 when the request may be served, else the seconds for ``Retry-After``."""
        return 0 if self._limiter is None else self._limiter.admit(address, id(connection))

    def count(self, status: int) -> None:
        with self._state_lock:
            self.status_counts[status] = self.status_counts.get(status, 0) + 1

    def track(self, connection: socket.socket, open_: bool) -> None:
        with self._state_lock:
            (self._connections.add if open_ else self._connections.discard)(connection)
        if not open_ and self._limiter is not None:
            self._limiter.forget(id(connection))


def _single(query: dict, name: str, allowed: tuple[str, ...]) -> Optional[str]:
    """The one value of query parameter ``name`` (None when absent); anything else is 400."""
    values = query.get(name)
    if values is None:
        return None
    if len(values) != 1 or values[0] not in allowed:
        raise _ProblemError(400, f"{name} may only be {' or '.join(allowed)}, once, or left out.")
    return values[0]


def _simulation(source) -> dict:
    """Which simulation is served, so classroom stations can compute the exercise's past themselves
    (the simulator is deterministic): ``{"simulation": {"scenario", "seed", "min_count",
    "definition"}}``, the definition being the scenario file's text (bundled or the trainer's own)."""
    scenario, seed = getattr(source, "scenario", None), getattr(source, "seed", None)
    if scenario is None or seed is None:
        return {}
    served = {"scenario": scenario.name, "seed": seed, "min_count": source.min_count}
    return {"simulation": {**served, "definition": scenario.text}}


def _attribute(clock: Any, name: str) -> Any:
    value = getattr(clock, name, None)
    if callable(value):
        value = value()
    return value if isinstance(value, (bool, int, float)) else None


def _etag_matches(if_none_match: Optional[str], etag: str) -> bool:
    """Weak comparison (RFC 9110 §13.1.2): ``W/`` prefixes are ignored."""
    if not if_none_match:
        return False
    wanted = etag.removeprefix("W/")
    candidates = [c.strip() for c in if_none_match.split(",")]
    return any(c == "*" or c.removeprefix("W/") == wanted for c in candidates)


def _refuse_busy(connection: socket.socket) -> None:
    """``503`` on a connection over the cap, written without waiting (a fresh socket's buffer is empty)."""
    body = json.dumps(
        problem_payload(503, "Service Unavailable", "Too many connections; retry shortly.")
    ).encode("utf-8")
    head = (
        f"HTTP/1.1 503 Service Unavailable\r\nContent-Type: {PROBLEM_JSON}; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\nRetry-After: {BUSY_RETRY_AFTER_S}\r\nConnection: close\r\n\r\n"
    ).encode("ascii")
    with contextlib.suppress(OSError):
        connection.setblocking(False)
        connection.send(head + body)


def _shutdown_quietly(connection: socket.socket) -> None:
    with contextlib.suppress(OSError):
        connection.shutdown(socket.SHUT_RDWR)


def _nesting_depth(body: bytes) -> int:
    """How deeply arrays and objects nest in a JSON text (brackets inside strings do not count)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # closing quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return deepest
