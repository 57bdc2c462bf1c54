"""*Test connection* over the one transport, against a real HTTP server on loopback."""

from __future__ import annotations

import json
import socket
from datetime import datetime, timezone

import pytest
from druktemeter.plugin.feed.probe import ProbeAnswer, probe_feed
from druktemeter.plugin.feed.transport import HttpTransport
from feed_fakes import ScriptedServer, answer, silence

HEALTH = {"status": "ok", "time": "2026-11-25T14:20:00Z",
          "latest_interval": {"start": "2026-11-25T14:00:00Z", "end": "2026-11-25T14:15:00Z"}}  # fmt: skip
META = {"api_version": "v1", "provider": {"name": "Netwerk Test BV", "attribution": "", "terms": ""},
        "terms_url": "", "interval_minutes": 15, "min_count": 15}  # fmt: skip


@pytest.fixture
def feed():
    with ScriptedServer() as server:
        server.routes["/v1/health"] = answer(200, json.dumps(HEALTH).encode())
        server.routes["/v1/meta"] = answer(200, json.dumps(META).encode())
        yield server


def probe(url: str, token="tok-1", **options) -> ProbeAnswer:
    return probe_feed(HttpTransport(url, token_provider=lambda: token, **options))


def test_a_healthy_feed_gives_provider_interval_and_latest_end(feed):
    assert probe(feed.url + "/") == ProbeAnswer(
        provider="Netwerk Test BV",
        interval_minutes=15,
        latest_end=datetime(2026, 11, 25, 14, 15, tzinfo=timezone.utc),
    )
    assert [headers["Authorization"] for _m, _p, headers, _b in feed.requests] == ["Bearer tok-1"] * 2


def test_no_token_sends_no_authorization(feed):
    probe(feed.url, token=None)
    assert all("Authorization" not in headers for _m, _p, headers, _b in feed.requests)


@pytest.mark.parametrize(
    ("route", "problem", "status"),
    [
        (answer(401, b"{}"), "login", 401),
        (answer(403, b"{}"), "forbidden", 403),
        (answer(429, b"{}"), "busy", 429),
        (answer(503, b"{}"), "server", 503),
        (answer(200, b"<html>a login portal</html>"), "not_a_feed", 0),
        (answer(200, b'{"something": "else"}'), "not_a_feed", 0),
        (answer(200, b"{}", {"Content-Encoding": "br"}), "not_a_feed", 0),
        (answer(302, b"", {"Location": "https://elsewhere.invalid/v1/meta"}), "redirected", 0),
    ],
)
def test_feed_problems(feed, route, problem, status):
    feed.routes["/v1/meta"] = route
    assert probe(feed.url) == ProbeAnswer(problem=problem, status=status)


def test_a_wrong_address_a_refused_connection_and_silence(feed):
    assert probe(feed.url + "/wrong").problem == "not_found"
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    assert probe(f"http://127.0.0.1:{port}").problem == "unreachable"
    feed.routes["/v1/health"] = silence(feed, 30)
    assert probe(feed.url, read_timeout=0.3).problem == "timeout"


def test_an_unusable_token_is_said_and_never_sent(feed):
    assert probe(feed.url, token="pasted\ntwice").problem == "token"
    assert feed.requests == []
