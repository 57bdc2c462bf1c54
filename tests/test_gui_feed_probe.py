"""The connection test's thread and words (the HTTP part: tests/test_feed_probe.py)."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest
from druktemeter.plugin.feed.probe import ProbeAnswer, probe_feed
from druktemeter.plugin.feed.transport import HttpTransport
from druktemeter.plugin.gui.feed_probe import _PROBLEMS, ProbeThread, describe_answer
from druktemeter.plugin.runtime.background import BackgroundWork
from feed_fakes import ScriptedServer, answer, silence


def test_a_healthy_answer_in_words(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    text = describe_answer(
        ProbeAnswer(
            provider="Netwerk Test BV",
            interval_minutes=15,
            latest_end=datetime(2026, 11, 25, 14, 15, tzinfo=timezone.utc),
        )
    )
    monkeypatch.delenv("TZ")
    time.tzset()
    assert text == (
        "Connected. Provider: Netwerk Test BV. Latest interval ends 25-11-2026 14:15 (local time); "
        "15-minute intervals."
    )


@pytest.mark.parametrize(
    ("problem", "status", "words"),
    [
        ("login", 401, "refused the login (401)"),
        ("forbidden", 403, "refused access (403)"),
        ("server", 503, "answered with error 503"),
        ("not_a_feed", 0, "not like a Druktemeter feed"),
        ("not_found", 404, "No Druktemeter feed at this address (404)"),
        ("token", 0, "cannot be sent"),
        ("redirected", 0, "forwards to another server"),
    ],
)
def test_problems_in_words(problem, status, words):
    assert words in describe_answer(ProbeAnswer(problem=problem, status=status))


def test_every_problem_has_words():
    for problem in _PROBLEMS:
        assert describe_answer(ProbeAnswer(problem=problem, status=500))


def test_the_probe_thread_answers_on_the_main_thread_and_its_owner_joins_it(qtbot):
    with ScriptedServer() as server:
        server.routes["/v1/health"] = answer(200, b'{"status": "ok", "time": "2026-11-25T14:20:00Z"}')
        server.routes["/v1/meta"] = answer(
            200, b'{"api_version": "v1", "provider": {"name": "P"}, "interval_minutes": 15, "min_count": 15}'
        )
        background = BackgroundWork()
        thread = ProbeThread(probe_feed, HttpTransport(server.url), background)
        with qtbot.waitSignal(thread.answered, timeout=10_000) as answered:
            thread.start()
        assert answered.args[0] == ProbeAnswer(provider="P", interval_minutes=15)
        assert background.shutdown() == []
        assert thread.isFinished()


def test_unload_cuts_a_probe_waiting_for_a_silent_feed(qtbot):
    with ScriptedServer() as server:
        server.routes["/v1/health"] = silence(server, 60)
        background = BackgroundWork()
        transport = HttpTransport(server.url, read_timeout=60.0, deadline=120.0)
        thread = ProbeThread(probe_feed, transport, background)
        answers = []
        thread.answered.connect(answers.append)
        thread.start()
        qtbot.waitUntil(lambda: bool(server.requests), timeout=10_000)
        assert background.shutdown() == [], "the owner cuts the request and joins the thread"
        qtbot.waitUntil(lambda: bool(answers), timeout=10_000)
    assert answers[0].problem == "unreachable"
