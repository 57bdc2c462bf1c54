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
    parts = [
        _yesterday_part(window_change(picture, Reference.YESTERDAY, kind), kind, formats),
        _last_week_part(window_change(picture, Reference.LAST_WEEK, kind), end, formats),
        _usual_part(window_change(picture, Reference.USUAL, kind), formats),
    ]
    return tr("Today {0}–{1}: {2}.").format(formats.time(start), formats.time(end), ", ".join(parts))


def _percent(change: WindowChange, formats: Formats) -> str:
    return formats.number(abs(round(change.percent)))


def _yesterday_part(change: WindowChange, kind: str, formats: Formats) -> str:
    words = subject(kind)
    if change.percent is None:
        return tr("too few valid cells to compare {0} with yesterday").format(words)
    if abs(change.percent) < SAME_WITHIN_PERCENT:
        return tr("about as many {0} as yesterday").format(words)
    if change.percent < 0:
        return tr("{0} % fewer {1} than yesterday").format(_percent(change, formats), words)
    return tr("{0} % more {1} than yesterday").format(_percent(change, formats), words)


def _last_week_part(change: WindowChange, end: datetime, formats: Formats) -> str:
    day = formats.weekday(end)
    if change.percent is None:
        return tr("too few valid cells to compare with last {0}").format(day)
    if abs(change.percent) < SAME_WITHIN_PERCENT:
        return tr("about as many as last {0}").format(day)
    if change.percent < 0:
        return tr("{0} % fewer than last {1}").format(_percent(change, formats), day)
    return tr("{0} % more than last {1}").format(_percent(change, formats), day)


def _usual_part(change: WindowChange, formats: Formats) -> str:
    if change.percent is None:
        return tr("no usual level to compare with yet")
    if abs(change.percent) < SAME_WITHIN_PERCENT:
        return tr("about the usual level")
    if change.percent < 0:
        return tr("{0} % below the usual level").format(_percent(change, formats))
    return tr("{0} % above the usual level").format(_percent(change, formats))
