"""Every feed error tells the operator what happened and what to do, in Dutch too, without secrets."""

from __future__ import annotations

import pytest
from conftest import REPO_ROOT
from druktemeter.plugin.core import i18n
from druktemeter.plugin.feed.errors import (
    FeedAuthError,
    FeedError,
    FeedNotFound,
    FeedPayloadError,
    FeedRateLimited,
    FeedRedirected,
    FeedServerError,
    FeedTimeError,
    FeedTokenError,
    FeedUnreachable,
)
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

EXAMPLES = [
    FeedError("x"),
    FeedUnreachable("refused"),
    FeedUnreachable("read timeout", timeout=True),
    FeedAuthError(401),
    FeedAuthError(403),
    FeedNotFound("HTTP 404"),
    FeedRateLimited("HTTP 429", retry_after=30),
    FeedServerError(503),
    FeedPayloadError("negative_count", cell="AMS-1", count=-4),
    FeedPayloadError("bad_geometry", cell="AMS-1", problem="closed"),
    FeedPayloadError("too_large", limit_mb=64),
    FeedPayloadError("duplicate_key", key="count"),
    FeedPayloadError("unknown_key", key="klant_id", where="counts.cells[1]"),
    FeedPayloadError("long_id", where="cells.features[3].id", length=65, limit=64),
    FeedPayloadError("control_id", where="cells.features[3].id"),
    FeedPayloadError("bad_text", where="cells.features[0].properties.place", limit=100),
    FeedPayloadError("tiny_cell", cell="AMS-2", area=64, minimum=10000),
    FeedPayloadError("too_many_vertices", cell="AMS-0", count=10001, limit=10000),
    FeedPayloadError("bad_geometry", cell="AMS-1", problem="degenerate"),
    FeedPayloadError("overlapping_interval", interval="21:31–21:46", shown="21:30–21:45"),
    FeedPayloadError("stacked_encoding", layers=2),
    FeedPayloadError("unknown_encoding", encoding="br"),
    FeedPayloadError("bad_encoding", encoding="gzip"),
    FeedTokenError("characters"),
    FeedTokenError("scheme"),
    FeedRedirected("HTTP 302 on GET /v1/meta not followed"),
    FeedTimeError(end="2026-11-25 21:45", future=True),
    FeedTimeError(end="2026-11-25 21:30", shown="2026-11-25 21:45", future=False),
]


@pytest.fixture
def dutch():
    translator = QTranslator()
    assert translator.load(str(REPO_ROOT / "i18n" / "druktemeter_nl.qm"))
    QCoreApplication.installTranslator(translator)
    i18n.install(QCoreApplication.translate)
    yield
    i18n.install(None)
    QCoreApplication.removeTranslator(translator)


@pytest.mark.parametrize("error", EXAMPLES, ids=lambda e: f"{type(e).__name__}")
def test_english_messages_are_complete(error):
    message = error.user_message()
    assert message.endswith(".") and "{" not in message and len(message) > 40


@pytest.mark.parametrize("error", EXAMPLES, ids=lambda e: f"{type(e).__name__}")
def test_dutch_messages_are_complete(dutch, error):
    message = error.user_message()
    assert "{" not in message
    assert any(word in message for word in ("feed", "Feed", "gegevens")), message
    assert "The feed" not in message and "retrying" not in message


def test_dutch_payload_reason_names_the_cell(dutch):
    message = FeedPayloadError("negative_count", cell="AMS-1", count=-4).user_message()
    assert message.startswith(
        "De feed stuurde onbruikbare gegevens: cel 'AMS-1' heeft een negatief aantal (-4)."
    )


@pytest.mark.parametrize(
    ("error", "dutch_words"),
    [
        (FeedPayloadError("tiny_cell", cell="AMS-2", area=64, minimum=10000), "geen losse gebouwen"),
        (FeedPayloadError("control_id", where="cells.features[3].id"), "onzichtbare tekens"),
        (FeedPayloadError("unknown_key", key="klant_id", where="counts"), "dat het contract niet kent"),
        (FeedPayloadError("duplicate_key", key="count"), "twee keer"),
    ],
)
def test_privacy_refusals_speak_dutch(dutch, error, dutch_words):
    assert dutch_words in error.user_message()


def test_facts_are_stripped_of_control_and_invisible_characters():
    error = FeedPayloadError("unknown_cell", cell="AMS\u202e1\t\x00", where="#1")
    assert error.facts["cell"].isprintable() and "\u202e" not in error.user_message()


def test_retryable_marks_what_needs_a_person():
    assert not FeedAuthError(401).retryable and not FeedNotFound().retryable
    assert not FeedTokenError().retryable and not FeedRedirected().retryable
    assert FeedUnreachable().retryable and FeedServerError(500).retryable and FeedRateLimited().retryable


def test_facts_are_kept_short_and_on_one_line():
    error = FeedPayloadError("unknown_cell", cell="x" * 500 + "\nsecond line", where="#1")
    assert len(error.facts["cell"]) <= 60 and "\n" not in error.facts["cell"]
