"""Test fakes for the feed tests. Everything here is a FAKE, named as such:

- :class:`FakeFeedSource` — a deterministic FeedSource whose counts a test scripts;
- :class:`FakeClock` — records how a trainer steers the exercise;
- :class:`MisbehavingServer` — the *real* reference service on loopback, plus
  per-path overrides that answer like a broken feed (status codes, cut-off and
  endless bodies, silence). Real HTTP throughout; only the answers are scripted.
- :class:`ScriptedServer` — a loopback HTTP server that answers only what a
  test scripts (bombs, trickles, redirects) and records every request.
"""

from __future__ import annotations

import itertools
import ssl
import threading
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Optional

from druktemeter.plugin.core.model import Cell, FeedMeta, Interval, Trend
from druktemeter.plugin.feed import contract
from druktemeter.plugin.service.server import ReferenceHandler, ReferenceServer

INTERVAL = timedelta(minutes=15)


def latest_interval(now: Optional[datetime] = None) -> Interval:
    """The latest closed 15-minute interval before ``now``."""
    now = now or datetime.now(timezone.utc)
    end = now.replace(minute=now.minute - now.minute % 15, second=0, microsecond=0)
    return Interval(end - INTERVAL, end)


def square(n: int) -> dict:
    x, y, d = 4.80 + (n % 50) * 0.01, 52.30 + (n // 50) * 0.01, 0.01
    return {"type": "Polygon", "coordinates": [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]]}


def cell_ids(n: int, prefix: str = "C") -> list[str]:
    return [f"{prefix}-{i:05d}" for i in range(n)]


class FakeClock:
    """FAKE exercise clock: records commands."""

    def __init__(self, now: datetime) -> None:
        self._now = now
        self.speed = 1.0
        self.paused = False

    def now(self) -> datetime:
        return self._now

    def set_speed(self, speed: float) -> None:
        self.speed = speed

    def pause(self) -> None:
        self.paused = True

    def resume(self) -> None:
        self.paused = False

    def jump_to(self, moment: datetime) -> None:
        self._now = moment


class FakeFeedSource:
    """FAKE FeedSource: fixed cells, counts set by the test; new payload objects on every change."""

    def __init__(self, n_cells: int = 6, prefix: str = "C", with_clock: bool = False) -> None:
        self.meta = FeedMeta("Fake Telecom", "© Fake Telecom", "Test terms.", 15, 15, "")
        self.clock = FakeClock(datetime.now(timezone.utc)) if with_clock else None
        self._payloads: dict = {}
        self.set_cells(cell_ids(n_cells, prefix))
        self.set_counts({i: 100 + 10 * n for n, i in enumerate(cell_ids(n_cells, prefix))})

    def set_cells(self, ids: list[str]) -> None:
        self.cells = [
            Cell(i, square(n), {"site": i[:4], "technology": "LTE", "area_km2": 0.7})
            for n, i in enumerate(ids)
        ]
        self._payloads.pop("cells", None)

    def set_counts(
        self,
        counts: Mapping[str, Optional[int]],
        trends: Optional[Mapping[str, Trend]] = None,
        interval: Optional[Interval] = None,
    ) -> None:
        self.interval = interval or latest_interval()
        self.counts = dict(counts)
        self.trends = dict(trends or {})
        self._payloads = {k: v for k, v in self._payloads.items() if k == "cells"}

    def meta_payload(self) -> dict:
        return contract.meta_payload(self.meta)

    def cells_payload(self) -> dict:
        if "cells" not in self._payloads:
            self._payloads["cells"] = contract.cells_payload(self.cells)
        return self._payloads["cells"]

    def counts_payload(self, columnar: bool = False) -> dict:
        key = ("counts", columnar)
        if key not in self._payloads:
            self._payloads[key] = contract.counts_payload(
                self.interval, self.meta.min_count, self.counts, self.trends, columnar=columnar
            )
        return self._payloads[key]

    def health_payload(self) -> dict:
        now = self.clock.now() if self.clock is not None else datetime.now(timezone.utc)
        return contract.health_payload(self.interval, now)


Responder = Callable[[ReferenceHandler], None]


class _MisbehavingHandler(ReferenceHandler):
    def do_GET(self) -> None:  # noqa: N802
        override = self.server.reference.overrides.get(self.path.split("?")[0])
        if override is None:
            return super().do_GET()
        self.server.reference.count(-1)
        override(self)


class MisbehavingServer(ReferenceServer):
    """FAKE feed: the real reference service, but ``overrides[path]`` answers that path instead."""

    handler_class = _MisbehavingHandler

    def __init__(self, source: FakeFeedSource, **kwargs) -> None:
        kwargs.setdefault("rate_limit", None)
        super().__init__(source, **kwargs)
        self.overrides: dict[str, Responder] = {}
        self.released = threading.Event()
        self.bytes_sent = 0

    def stop(self) -> None:
        self.released.set()
        super().stop()


def answer(status: int, body: bytes = b"", headers: Optional[dict] = None) -> Responder:
    def respond(handler: ReferenceHandler) -> None:
        handler.send_response(status)
        for name, value in {"Content-Type": "application/json", **(headers or {})}.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return respond


def cut_off(body: bytes, keep: int) -> Responder:
    """Declares the full length, sends ``keep`` bytes, then closes the connection."""

    def respond(handler: ReferenceHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body[:keep])
        handler.wfile.flush()
        handler.close_connection = True

    return respond


def silence(server: MisbehavingServer, seconds: float) -> Responder:
    """Accepts the request and says nothing for ``seconds`` (or until the server stops)."""

    def respond(handler: ReferenceHandler) -> None:
        server.released.wait(seconds)
        handler.close_connection = True

    return respond


def endless(server: MisbehavingServer, total: int, declare: bool) -> Responder:
    """A huge body sent in chunks, counting what actually left the server."""

    def respond(handler: ReferenceHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        if declare:
            handler.send_header("Content-Length", str(total))
        handler.end_headers()
        handler.close_connection = True
        chunk = b" " * 65536
        try:
            while server.bytes_sent < total and not server.released.is_set():
                handler.wfile.write(chunk)
                server.bytes_sent += len(chunk)
        except OSError:
            pass  # the client hung up, as it should

    return respond


class _ScriptedHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self) -> None:
        server = self.server.scripted
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        with server.lock:
            server.requests.append((self.command, self.path, dict(self.headers), body))
        route = server.routes.get(self.path.split("?")[0])
        if route is None:
            answer(404, b'{"title": "Not Found"}')(self)
        else:
            route(self)

    do_GET = do_POST = _answer  # noqa: N815

    def log_message(self, *args) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # clients hanging up mid-answer is what these tests provoke


class ScriptedServer:
    """FAKE HTTP server on loopback: ``routes[path]`` answers (any responder of this module);
    ``requests`` records (method, path, headers, body) of everything asked. Real sockets, real HTTP."""

    def __init__(self, tls: Optional[ssl.SSLContext] = None) -> None:
        self.routes: dict[str, Responder] = {}
        self.requests: list[tuple[str, str, dict, bytes]] = []
        self.lock = threading.Lock()
        self.released = threading.Event()
        self.bytes_sent = 0
        self._httpd = _QuietServer(("127.0.0.1", 0), _ScriptedHandler)
        self.scheme = "https" if tls else "http"
        if tls:
            self._httpd.socket = tls.wrap_socket(self._httpd.socket, server_side=True)
        self._httpd.scripted = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05})

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self._httpd.server_address[1]}"

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.released.set()
        self._httpd.shutdown()
        self._thread.join()
        self._httpd.server_close()


def trickle(server, pause: float = 0.2, headers_too: bool = False, declare: bool = True) -> Responder:
    """Sends one byte per ``pause`` seconds (of a body declared as 1 MB or ended by closing, or of
    the header lines too) until the client hangs up or the server stops: each read returns well
    within a read timeout."""

    def respond(handler) -> None:
        length = b"Content-Length: 1000000\r\n" if declare else b"Connection: close\r\n"
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + length + b"\r\n"
        handler.close_connection = True
        try:
            if not headers_too:
                handler.wfile.write(head)
            for byte in itertools.chain(head if headers_too else b"", itertools.repeat(ord(" "), 100_000)):
                if server.released.wait(pause):
                    return
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
        except OSError:
            pass  # the client hung up, as it should

    return respond
