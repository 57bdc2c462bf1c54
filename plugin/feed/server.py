"""The reference service: any :class:`~..core.model.FeedSource` served over the v1 contract.

Trainers run it (``python3 -m plugin.feed serve``) so a classroom of QGIS
stations polls one shared exercise; the tests run it on loopback. Standard
library only: ``ThreadingHTTPServer`` with HTTP/1.1 keep-alive.

What it adds to the source's payloads: weak ``ETag`` + ``304`` for cells and
counts, gzip when the client accepts it, bearer-token checks (``/v1/health``
stays open), RFC 9457 problem documents, and a per-client rate floor: one
client address may request one path at most once per ``min_interval`` seconds,
else ``429`` with ``Retry-After``.

The cell list (~60,000 polygons at national scale) is encoded once per
version, not on every request: by the source's ``cells_etag`` when it has one,
else by the identity of the object ``cells_payload()`` returns (a source then
hands out a new object when the cells change).
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import hmac
import json
import logging
import math
import socket
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Optional
from urllib.parse import parse_qs, urlsplit

from ..core.model import FeedSource
from .contract import (
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

LOGGER = logging.getLogger("druktemeter.feed.server")

GZIP_MIN_BYTES = 1024
MAX_REQUEST_BYTES = 16 * 1024
MAX_SPEED = 3600.0


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


class ReferenceHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30  # an idle keep-alive connection is closed after this
    server_version = "DruktemeterReference/1"

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

    def do_GET(self) -> None:
        self._answer(self._get)

    def do_POST(self) -> None:
        self._answer(self._post)

    # ------------------------------------------------------------ routing

    def _answer(self, route) -> None:
        url = urlsplit(self.path)
        path = url.path.rstrip("/") or "/"
        try:
            route(path, parse_qs(url.query))
        except _ProblemError as problem:
            self._problem(problem)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client left mid-answer: nothing to tell it
        except Exception:
            LOGGER.exception("The reference service failed on %s", path)
            self._problem(_ProblemError(500, "The feed source failed; see the service log."))

    def _get(self, path: str, query: dict) -> None:
        if path == PATH_HEALTH:
            return self._json(200, self.reference.call_source(self.reference.source.health_payload))
        self.reference.check_token(self.headers.get("Authorization"))
        if path not in (PATH_META, PATH_CELLS, PATH_COUNTS, PATH_EXERCISE):
            raise _ProblemError(404, f"There is no {path}; see /v1/meta, /v1/cells, /v1/counts, /v1/health.")
        self.reference.check_rate(self.client_address[0], path)
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
            form = query.get("form", [""])[0]
            if form not in ("", COLUMNAR):
                raise _ProblemError(400, f"Unknown form {form!r}; use form=columnar or leave it out.")
            columnar = form == COLUMNAR
            if columnar and query.get("ids", [""])[0] == IDS_OMITTED:
                return self._conditional(self._aligned_counts(), "application/json")
            encoded = self.reference.encoded(
                f"counts-{form}", lambda: source.counts_payload(columnar=columnar)
            )
            return self._conditional(encoded, "application/json")
        return self._json(200, self._exercise_state())

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
        self.reference.check_token(self.headers.get("Authorization"), trainer_only=True)
        if path != PATH_EXERCISE:
            raise _ProblemError(405 if path in (PATH_META, PATH_CELLS, PATH_COUNTS, PATH_HEALTH) else 404)
        command = self._json_request()
        clock = self._clock()
        speed, paused, jump_to = _exercise_command(command)
        with self.reference.source_lock:
            if speed is not None:
                clock.set_speed(speed)
            if paused is True:
                clock.pause()
            if paused is False:
                clock.resume()
            if jump_to is not None:
                clock.jump_to(jump_to)
        LOGGER.info("Exercise steered: %s", {k: v for k, v in command.items() if k in _EXERCISE_KEYS})
        self._json(200, self._exercise_state())

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

    def _json_request(self) -> dict:
        length = self.headers.get("Content-Length", "")
        if not length.isdigit() or int(length) > MAX_REQUEST_BYTES:
            raise _ProblemError(
                400, f"Send a JSON object of at most {MAX_REQUEST_BYTES} bytes with Content-Length."
            )
        try:
            command = json.loads(self.rfile.read(int(length)))
        except ValueError:
            raise _ProblemError(400, "The request body is not valid JSON.") from None
        if not isinstance(command, dict):
            raise _ProblemError(400, "Send a JSON object.")
        return command

    # ------------------------------------------------------------ responses

    def _conditional(self, encoded: _Encoded, content_type: str) -> None:
        if _etag_matches(self.headers.get("If-None-Match"), encoded.etag):
            self.reference.count(304)
            self.send_response(304)
            self.send_header("ETag", encoded.etag)
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", "0")
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
        self.end_headers()
        self.wfile.write(body)


class ReferenceServer:
    """Serves ``source`` on ``host:port`` (port 0: any free port) in a background thread."""

    handler_class: type[BaseHTTPRequestHandler] = ReferenceHandler

    def __init__(
        self,
        source: FeedSource,
        host: str = "127.0.0.1",
        port: int = 0,
        token: Optional[str] = None,
        min_interval: float = 2.0,
        trainer_token: Optional[str] = None,
    ) -> None:
        self.source = source
        self.token = token
        self.trainer_token = trainer_token
        self.min_interval = min_interval
        self.status_counts: dict[int, int] = {}
        self.source_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self._encoded: dict[str, tuple[Any, _Encoded]] = {}
        self._last_request: dict[tuple[str, str], float] = {}
        self._connections: set[socket.socket] = set()
        self._thread: Optional[threading.Thread] = None
        self._httpd = ThreadingHTTPServer((host, port), self.handler_class)
        self._httpd.daemon_threads = True
        self._httpd.reference = self  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        return f"ReferenceServer({self.url!r})"

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

    def check_rate(self, client: str, path: str) -> None:
        """The per-client floor: one request per path per ``min_interval`` seconds."""
        if self.min_interval <= 0:
            return
        now = time.monotonic()
        with self._state_lock:
            last = self._last_request.get((client, path))
            if last is not None and now - last < self.min_interval:
                wait = math.ceil(self.min_interval - (now - last))
                raise _ProblemError(
                    429,
                    f"Poll {path} at most every {self.min_interval:g} s; retry after {wait} s.",
                    {"Retry-After": str(wait)},
                )
            if len(self._last_request) > 10_000:
                self._last_request = {k: t for k, t in self._last_request.items() if now - t < 600}
            self._last_request[(client, path)] = now

    def check_token(self, authorization: Optional[str], trainer_only: bool = False) -> None:
        """Reads take the station token or the trainer's; steering the exercise only the
        trainer's (the station token when no trainer token is set)."""
        if trainer_only and self.trainer_token is not None:
            accepted = [self.trainer_token]
        else:
            accepted = [t for t in (self.token, self.trainer_token) if t is not None]
            if self.token is None:
                return
        scheme, _, presented = (authorization or "").partition(" ")
        given = presented.strip().encode()
        if scheme.lower() == "bearer" and any(hmac.compare_digest(given, t.encode()) for t in accepted):
            return
        challenge = 'Bearer realm="druktemeter"' + (', error="invalid_token"' if authorization else "")
        raise _ProblemError(401, "A valid bearer token is required.", {"WWW-Authenticate": challenge})

    def count(self, status: int) -> None:
        with self._state_lock:
            self.status_counts[status] = self.status_counts.get(status, 0) + 1

    def track(self, connection: socket.socket, open_: bool) -> None:
        with self._state_lock:
            (self._connections.add if open_ else self._connections.discard)(connection)


_EXERCISE_KEYS = ("speed", "paused", "jump_to")


def _simulation(source) -> dict:
    """Which simulation is served, so classroom stations can compute the exercise's past themselves
    (the simulator is deterministic): ``{"simulation": {"scenario", "seed", "min_count"}}``."""
    scenario, seed = getattr(source, "scenario", None), getattr(source, "seed", None)
    if scenario is None or seed is None:
        return {}
    return {"simulation": {"scenario": scenario.name, "seed": seed, "min_count": source.min_count}}


def _exercise_command(command: dict) -> tuple[Optional[float], Optional[bool], Optional[datetime]]:
    unknown = set(command) - set(_EXERCISE_KEYS)
    if unknown:
        raise _ProblemError(400, f"Unknown field(s) {sorted(unknown)}; use speed, paused, jump_to.")
    speed = command.get("speed")
    if speed is not None and (type(speed) not in (int, float) or not 0 < speed <= MAX_SPEED):
        raise _ProblemError(400, f"speed must be a number above 0 and at most {MAX_SPEED:g}.")
    paused = command.get("paused")
    if paused is not None and type(paused) is not bool:
        raise _ProblemError(400, "paused must be true or false.")
    jump_to = command.get("jump_to")
    if jump_to is not None:
        jump_to = _utc_time(jump_to)
    return (None if speed is None else float(speed)), paused, jump_to


def _utc_time(value: Any) -> datetime:
    text = value[:-1] + "+00:00" if isinstance(value, str) and value.endswith("Z") else value
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise _ProblemError(400, "jump_to must be a time in ISO 8601 with a time zone.") from None
    if moment.tzinfo is None:
        raise _ProblemError(400, "jump_to must be a time in ISO 8601 with a time zone.")
    return moment.astimezone(timezone.utc)


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


def _shutdown_quietly(connection: socket.socket) -> None:
    with contextlib.suppress(OSError):
        connection.shutdown(socket.SHUT_RDWR)
