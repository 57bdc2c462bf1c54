"""The one sentence that answers "fewer movements than yesterday?".

E.g. *"Today 14:00–15:00: 23 % fewer movements than yesterday, 41 % fewer than
last Sunday, about the usual level."* Each part is a comparison of today's last
hour with the same hour of a reference day (``baseline.window_change``), or says
why that comparison is not made (too few valid cells on either side, see
``docs/statistics.md``). Numbers, times and day names come in through
:class:`Formats`, so the GUI passes the user's locale (``QLocale``) and this
module stays pure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from .baseline import DayPicture, Reference, WindowChange, window_bounds, window_change
from .i18n import tr
from .indicators import PRESENCE

SAME_WITHIN_PERCENT = 0.5  # a change that rounds to 0 % is "about as many"


@dataclass(frozen=True)
class Formats:
    """How the caller writes numbers, times of day and weekday names (the GUI uses QLocale)."""

    number: Callable[[float], str] = lambda value: f"{value:,.0f}"
    time: Callable[[datetime], str] = lambda moment: moment.astimezone().strftime("%H:%M")
    weekday: Callable[[datetime], str] = lambda moment: moment.astimezone().strftime("%A")


def subject(kind: str) -> str:
    """What is counted, as in "fewer … than yesterday"."""
    return tr("people present") if kind == PRESENCE else tr("movements")


def answer(picture: DayPicture, kind: str, formats: Formats = Formats()) -> str:
    """The sentence for today's last hour against yesterday, last week and the usual level."""
    start, end = window_bounds(picture)
    yesterday = (
        tr("too few valid cells to compare {what} with yesterday"),
        tr("about as many {what} as yesterday"),
        tr("{percent} % fewer {what} than yesterday"),
        tr("{percent} % more {what} than yesterday"),
    )
    last_week = (
        tr("too few valid cells to compare with last {day}"),
        tr("about as many as last {day}"),
        tr("{percent} % fewer than last {day}"),
        tr("{percent} % more than last {day}"),
    )
    usual = (
        tr("no usual level to compare with yet"),
        tr("about the usual level"),
        tr("{percent} % below the usual level"),
        tr("{percent} % above the usual level"),
    )
    parts = [
        _part(window_change(picture, Reference.YESTERDAY, kind), formats, yesterday, what=subject(kind)),
        _part(
            window_change(picture, Reference.LAST_WEEK, kind), formats, last_week, day=formats.weekday(end)
        ),
        _part(window_change(picture, Reference.USUAL, kind), formats, usual),
    ]
    return tr("Today {0}–{1}: {2}.").format(formats.time(start), formats.time(end), ", ".join(parts))


def _part(change: WindowChange, formats: Formats, phrases: tuple[str, str, str, str], **words: str) -> str:
    """One comparison in words: ``phrases`` for not comparable, about the same, fewer and more."""
    missing, same, fewer, more = phrases
    if change.percent is None:
        return missing.format(**words)
    if abs(change.percent) < SAME_WITHIN_PERCENT:
        return same.format(**words)
    percent = formats.number(abs(round(change.percent)))
    return (fewer if change.percent < 0 else more).format(percent=percent, **words)
