"""The connection test against a real HTTP server on loopback, in a worker thread."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from druktemeter.plugin.gui.feed_probe import (
    FeedProbe,
    ProbeAnswer,
    ProbeThread,
    describe_answer,
    probe_feed,
)
from druktemeter.plugin.runtime.background import BackgroundWork


class FakeFeedHandler(BaseHTTPRequestHandler):
    """A test fake of a v1 feed: answers ``server.routes[path] = (status, body)``, records headers."""

    def do_GET(self) -> None:
        self.server.seen_headers.append(dict(self.headers))
        status, body = self.server.routes.get(self.path, (404, {"title": "Not Found"}))
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


HEALTH = {"status": "ok", "time": "2026-11-25T14:20:00Z",
          "latest_interval": {"start": "2026-11-25T14:00:00Z", "end": "2026-11-25T14:15:00Z"}}  # fmt: skip
META = {"api_version": "v1", "provider": {"name": "Netwerk Test BV", "attribution": "", "terms": ""},
        "terms_url": "", "interval_minutes": 15, "min_count": 15}  # fmt: skip


@pytest.fixture
def fake_feed():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeFeedHandler)
    server.routes = {"/v1/health": (200, HEALTH), "/v1/meta": (200, META)}
    server.seen_headers = []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield server
    server.shutdown()
    thread.join()
    server.server_close()


def target(url: str, token: str | None = "tok-1") -> FeedProbe:
    return FeedProbe(url=url, token=token, connect_timeout=2.0, read_timeout=2.0, verify_tls=True)


def url_of(server) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/"


def test_a_healthy_feed_is_described_with_provider_and_latest_interval(fake_feed, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    import time

    time.tzset()
    answer = probe_feed(target(url_of(fake_feed)))
    monkeypatch.delenv("TZ")
    text = describe_answer(answer)
    time.tzset()
    assert answer.provider == "Netwerk Test BV" and answer.interval_minutes == 15
    assert text == (
        "Connected. Provider: Netwerk Test BV. Latest interval ends 25-11-2026 14:15 (local time); "
        "15-minute intervals."
    )
    assert all(h.get("Authorization") == "Bearer tok-1" for h in fake_feed.seen_headers)


@pytest.mark.parametrize(
    ("route", "answer", "words"),
    [
        ((401, {"title": "Unauthorized"}), "login", "refused the login (401)"),
        ((403, {"title": "Forbidden"}), "forbidden", "refused access (403)"),
        ((503, {"title": "Down"}), "server", "answered with error 503"),
        ((200, "<html>a login portal</html>"), "not_a_feed", "not like a Druktemeter feed"),
        ((200, {"something": "else"}), "not_a_feed", "not like a Druktemeter feed"),
    ],
)
def test_feed_problems_in_words(fake_feed, route, answer, words):
    fake_feed.routes["/v1/meta"] = route
    result = probe_feed(target(url_of(fake_feed)))
    assert result.problem == answer
    assert words in describe_answer(result)


def test_wrong_address_and_refused_connection(fake_feed):
    assert describe_answer(probe_feed(target(url_of(fake_feed) + "wrong"))).startswith(
        "No Druktemeter feed at this address (404)"
    )
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    assert probe_feed(target(f"http://127.0.0.1:{port}")).problem == "unreachable"


def test_no_token_sends_no_authorization(fake_feed):
    probe_feed(target(url_of(fake_feed), token=None))
    assert all("Authorization" not in h for h in fake_feed.seen_headers)


def test_the_probe_thread_answers_on_the_main_thread_and_its_owner_joins_it(qtbot, fake_feed):
    background = BackgroundWork()
    thread = ProbeThread(probe_feed, target(url_of(fake_feed)), background)
    with qtbot.waitSignal(thread.answered, timeout=10_000) as answered:
        thread.start()
    assert isinstance(answered.args[0], ProbeAnswer) and answered.args[0].provider == "Netwerk Test BV"
    assert background.shutdown() == []
    assert thread.isFinished()
