"""The answer sentence from a real history file: percentages, weekday, usual level, and saying so
when a side has too few valid cells."""

from __future__ import annotations

from datetime import timedelta, timezone

import pytest
from druktemeter.plugin.core import i18n
from druktemeter.plugin.core.answer import Formats, answer
from druktemeter.plugin.core.baseline import build_day_picture
from druktemeter.plugin.core.indicators import MOVEMENT, PRESENCE
from stats_history import SUNDAY_15, alternating_snapshot, open_store, record_day

UTC_FORMATS = Formats(
    number=lambda value: f"{value:,.0f}",
    time=lambda moment: moment.astimezone(timezone.utc).strftime("%H:%M"),
    weekday=lambda moment: moment.astimezone(timezone.utc).strftime("%A"),
)


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "history.sqlite", SUNDAY_15)
    yield opened
    opened.close()


def test_the_sentence_of_the_issue(store):
    record_day(store, SUNDAY_15, 0.77)
    record_day(store, SUNDAY_15 - timedelta(days=1), 1.0)
    record_day(store, SUNDAY_15 - timedelta(days=7), 1.305)
    record_day(store, SUNDAY_15 - timedelta(days=14), 1.0)
    picture = build_day_picture(store, SUNDAY_15, weeks=2, zone=timezone.utc)
    assert answer(picture, MOVEMENT, UTC_FORMATS) == (
        "Today 14:00–15:00: 23 % fewer movements than yesterday, 41 % fewer than last Sunday, "
        "33 % below the usual level."
    )


def test_more_and_about_the_same(store):
    record_day(store, SUNDAY_15, 1.0)
    record_day(store, SUNDAY_15 - timedelta(days=1), 0.8)
    record_day(store, SUNDAY_15 - timedelta(days=7), 1.002)
    picture = build_day_picture(store, SUNDAY_15, zone=timezone.utc)
    assert answer(picture, PRESENCE, UTC_FORMATS) == (
        "Today 14:00–15:00: 25 % more people present than yesterday, about as many as last Sunday, "
        "about the usual level."
    )


def test_says_so_when_a_side_has_too_few_valid_cells(store):
    record_day(store, SUNDAY_15, 1.0)
    record_day(
        store,
        SUNDAY_15 - timedelta(days=1),
        1.0,
        lambda end, factor: alternating_snapshot(end, factor, {"s1": None, "s2": None, "s3": None}),
    )
    picture = build_day_picture(store, SUNDAY_15, zone=timezone.utc)
    assert answer(picture, MOVEMENT, UTC_FORMATS) == (
        "Today 14:00–15:00: too few valid cells to compare movements with yesterday, "
        "too few valid cells to compare with last Sunday, no usual level to compare with yet."
    )


def test_numbers_and_words_come_from_the_caller_and_the_translator(store, monkeypatch):
    record_day(store, SUNDAY_15, 0.5)
    record_day(store, SUNDAY_15 - timedelta(days=1), 1.0)
    picture = build_day_picture(store, SUNDAY_15, zone=timezone.utc)
    dutch = {
        "Today {0}–{1}: {2}.": "Vandaag {0}–{1}: {2}.",
        "{percent} % fewer {what} than yesterday": "{percent} % minder {what} dan gisteren",
        "movements": "verplaatsingen",
        "too few valid cells to compare with last {day}": (
            "te weinig geldige cellen om te vergelijken met vorige week {day}"
        ),
        "no usual level to compare with yet": "nog geen gebruikelijk niveau om mee te vergelijken",
    }
    monkeypatch.setattr(i18n, "_translate", lambda _context, text: dutch.get(text, text))
    formats = Formats(number=str, time=lambda m: m.strftime("%H.%M"), weekday=lambda m: "zondag")
    assert answer(picture, MOVEMENT, formats) == (
        "Vandaag 14.00–15.00: 50 % minder verplaatsingen dan gisteren, te weinig geldige cellen om te "
        "vergelijken met vorige week zondag, nog geen gebruikelijk niveau om mee te vergelijken."
    )
