"""Today against yesterday, the same weekday last week and the usual level, per 15-minute slot.

The *usual level* is the baseline idea of the 2020 mobility reports: for each
time of day, the median over the retained weeks of the same weekday at that
time. A slot only takes part where enough of its cells are valid
(``Indicators.comparable``); a median is taken over the weeks that qualify.

Days are wall-clock days in ``zone`` (the computer's zone when ``None``), so
"yesterday 14:00" is 14:00 on the clock also across a daylight-saving change.
Reading is one pass per day in time order, holding only the interval before,
so a week of a national feed stays within a few megabytes.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from enum import Enum
from typing import Optional

from .history import days_earlier, wall_to_utc
from .indicators import MOVEMENT, Columns, IndicatorMemo, Indicators, PastSource, Scope, indicators

SLOT = timedelta(minutes=15)
SLOTS_PER_DAY = 96
WINDOW_SLOTS = 4  # the answer sentence speaks of the last hour
EXERCISE_WEEKS = 4  # weeks of simulated past behind the usual level in an exercise


class Reference(str, Enum):
    """The lines of the chart."""

    TODAY = "today"
    YESTERDAY = "yesterday"
    LAST_WEEK = "last_week"
    USUAL = "usual"


@dataclass(frozen=True)
class DayPicture:
    """Indicators per slot of today and of the days compared with, for one scope.

    ``slot_ends`` are today's 96 slot ends (UTC); every series is aligned to
    them (``None`` where nothing was recorded, and for today after ``now_end``).
    ``weeks[0]`` is the same weekday last week, ``weeks[1]`` two weeks ago, ….
    """

    now_end: datetime
    slot_ends: tuple[datetime, ...]
    today: tuple[Optional[Indicators], ...]
    yesterday: tuple[Optional[Indicators], ...]
    weeks: tuple[tuple[Optional[Indicators], ...], ...] = field(default=())

    @property
    def now_slot(self) -> int:
        """Index of the slot ending at ``now_end`` (the last one shown for today)."""
        return max(k for k, end in enumerate(self.slot_ends) if end <= self.now_end)

    def series(self, reference: Reference, kind: str) -> list[Optional[float]]:
        """The comparable values of one line; ``None`` where there are too few valid cells."""
        if reference is Reference.USUAL:
            return self.usual(kind)
        found = {
            Reference.TODAY: self.today,
            Reference.YESTERDAY: self.yesterday,
            Reference.LAST_WEEK: self.weeks[0] if self.weeks else (None,) * len(self.slot_ends),
        }[reference]
        return [_comparable_value(ind, kind) for ind in found]

    def usual(self, kind: str) -> list[Optional[float]]:
        """Median per slot over the weeks with a comparable value there."""
        medians: list[Optional[float]] = []
        for slot in range(len(self.slot_ends)):
            values = [v for week in self.weeks if (v := _comparable_value(week[slot], kind)) is not None]
            medians.append(statistics.median(values) if values else None)
        return medians

    def usual_weeks(self, kind: str) -> int:
        """How many weeks have any comparable value (the depth of the usual level)."""
        return sum(1 for week in self.weeks if any(_comparable_value(i, kind) is not None for i in week))


@dataclass(frozen=True)
class WindowChange:
    """Today's last hour against a reference: ``percent`` change, ``None`` when not comparable."""

    reference: Reference
    now: Optional[float]
    before: Optional[float]

    @property
    def percent(self) -> Optional[float]:
        if self.now is None or self.before is None or self.before == 0:
            return None
        return 100.0 * (self.now - self.before) / self.before


def build_day_picture(
    past: PastSource,
    now_end: datetime,
    scope: Scope = None,
    weeks: int = 1,
    zone: Optional[tzinfo] = None,
    current: Optional[Columns] = None,
    memo: Optional[IndicatorMemo] = None,
) -> DayPicture:
    """Read today (up to ``now_end``), yesterday and ``weeks`` earlier same weekdays from ``past``.

    ``current`` is the interval ending at ``now_end`` when the caller already
    holds it (the live snapshot just shown: it may not be recorded yet).
    ``memo`` keeps indicators of earlier intervals between calls (the past does
    not change), so the next interval's picture reads only what is new.
    """
    memo = IndicatorMemo() if memo is None else memo
    local_now = now_end.astimezone(zone)
    midnight = local_now.replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    slot_ends = tuple(wall_to_utc(midnight + SLOT * (k + 1), zone) for k in range(SLOTS_PER_DAY))

    def day(days_back: int, until: Optional[datetime] = None) -> tuple[Optional[Indicators], ...]:
        ends = [end if days_back == 0 else days_earlier(end, days_back, zone) for end in slot_ends]
        return tuple(_read_day(past, ends, scope, until, current if days_back == 0 else None, memo))

    picture = DayPicture(
        now_end=now_end,
        slot_ends=slot_ends,
        today=day(0, until=now_end),
        yesterday=day(1),
        weeks=tuple(day(7 * week) for week in range(1, max(1, weeks) + 1)),
    )
    memo.flush()
    return picture


def window_change(picture: DayPicture, reference: Reference, kind: str) -> WindowChange:
    """Today's last hour (up to ``WINDOW_SLOTS`` slots) against the same hour of ``reference``.

    Presence is the mean over the hour's intervals, movement their sum. Both
    sides must have a comparable value in *every* slot of the hour, else the
    change is not given (``now``/``before`` ``None``).
    """
    last = picture.now_slot
    slots = range(max(0, last - WINDOW_SLOTS + 1), last + 1)
    return WindowChange(
        reference,
        _aggregate([picture.series(Reference.TODAY, kind)[k] for k in slots], kind),
        _aggregate([picture.series(reference, kind)[k] for k in slots], kind),
    )


def window_bounds(picture: DayPicture) -> tuple[datetime, datetime]:
    """Start and end (UTC) of the hour :func:`window_change` speaks of."""
    last = picture.now_slot
    first = max(0, last - WINDOW_SLOTS + 1)
    return picture.slot_ends[first] - SLOT, picture.slot_ends[last]


def _aggregate(values: Sequence[Optional[float]], kind: str) -> Optional[float]:
    if not values or any(v is None for v in values):
        return None
    total = float(sum(values))
    return total if kind == MOVEMENT else total / len(values)


def _comparable_value(found: Optional[Indicators], kind: str) -> Optional[float]:
    if found is None or not found.comparable(kind):
        return None
    return found.value(kind)


def _read_day(
    past: PastSource,
    ends: Sequence[datetime],
    scope: Scope,
    until: Optional[datetime],
    current: Optional[Columns],
    memo: IndicatorMemo,
) -> list[Optional[Indicators]]:
    """Indicators per slot end, in order: remembered ones from ``memo``, the others from the
    intervals read in one pass in time order, holding only the interval before."""
    shown = [end for end in ends if until is None or end <= until]
    found: dict[datetime, Optional[Indicators]] = {}
    for end in shown:
        remembered = memo.get(end, scope) if end != until else None
        if remembered is not None:
            found[end] = remembered
    wanted = {end for end in shown if end not in found}
    live = current if current is not None and until in wanted else None
    reads = {moment for end in wanted for moment in (end, end - SLOT)} - ({until} if live else set())
    before: Optional[Columns] = None
    for now in _with_current(_columns_for(past, reads), live):
        end = now.interval.end
        if end in wanted:
            earlier = before if before is not None and before.interval.end == end - SLOT else None
            found[end] = figures = indicators(now, earlier, scope)
            if figures.movement is not None and end != until:
                memo.put(end, scope, figures)  # complete: the interval and the one before were both there
        before = now
    return [found.get(end) for end in shown] + [None] * (len(ends) - len(shown))


def _columns_for(past: PastSource, ends: set[datetime]) -> Iterator[Columns]:
    """The intervals there are among ``ends``, oldest first: in batches where ``past`` can
    (``columns_for``), else one by one."""
    batched = getattr(past, "columns_for", None)
    if batched is not None:
        return batched(ends)
    return (columns for columns in map(past.columns_at, sorted(ends)) if columns is not None)


def _with_current(read: Iterator[Columns], current: Optional[Columns]) -> Iterator[Columns]:
    """The intervals read, then the live one the caller holds (the latest of the day)."""
    yield from read
    if current is not None:
        yield current
