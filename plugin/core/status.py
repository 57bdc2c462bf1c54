"""The feed's status as the operator reads it: ok, retrying (when), failed (why), stale.

Staleness rule: the data on the map is stale when the end of its interval is
older than ``max(30 min, 2 × poll period, 2 × interval length)``.
SPEC §3 says "older than two polling intervals or 30 minutes". Read literally
with a 60 s poll, data would be stale after 2 minutes, yet the newest interval
of a healthy 15-minute feed is routinely 15-20 minutes old (it is published
after it closes). So each bound is a floor: 30 minutes is the spec's absolute
floor; two poll periods covers slow polling (one missed poll is not yet
stale); two interval lengths covers feeds with long intervals (one late
interval is not yet stale). The largest of the three applies.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Optional, Protocol

from .i18n import tr
from .model import Interval

MIN_STALE_AFTER = timedelta(minutes=30)


class FeedState(str, enum.Enum):
    STARTING = "starting"  # no answer yet
    OK = "ok"
    RETRYING = "retrying"  # a failure that may pass by itself; next attempt scheduled
    FAILED = "failed"  # a failure that needs someone (token, address); still retried slowly
    STALE = "stale"  # the feed answers, but its newest interval is too old
    PAUSED = "paused"  # the user paused polling


class UserFacingError(Protocol):
    retryable: bool

    def user_message(self) -> str: ...


def stale_after(poll_seconds: float, interval_minutes: int) -> timedelta:
    """How old an interval's end may be before the data counts as stale (see module docstring)."""
    return max(MIN_STALE_AFTER, timedelta(seconds=2 * poll_seconds), timedelta(minutes=2 * interval_minutes))


@dataclass(frozen=True)
class FeedStatus:
    """One moment of the feed's health; :meth:`message` renders it for the operator.

    ``interval`` is the interval on the map (kept through failures), ``stale_at``
    when it turns stale, ``error`` the last failure (rendered lazily, in the
    user's language, on the main thread).
    """

    state: FeedState
    interval: Optional[Interval] = None
    stale_at: Optional[datetime] = None
    error: Optional[UserFacingError] = None
    next_attempt: Optional[datetime] = None

    @classmethod
    def answered(
        cls, interval: Optional[Interval], poll_seconds: float, interval_minutes: int, now: datetime
    ) -> FeedStatus:
        """The status after a successful poll: ok, or stale when the newest interval is too old."""
        stale_at = None if interval is None else interval.end + stale_after(poll_seconds, interval_minutes)
        state = FeedState.STALE if stale_at is not None and now >= stale_at else FeedState.OK
        return cls(state=state, interval=interval, stale_at=stale_at)

    def failed(self, error: UserFacingError, next_attempt: datetime) -> FeedStatus:
        """The status after a failed poll; the interval on the map and its staleness carry over."""
        state = FeedState.RETRYING if error.retryable else FeedState.FAILED
        return FeedStatus(state, self.interval, self.stale_at, error, next_attempt)

    def paused(self) -> FeedStatus:
        return FeedStatus(FeedState.PAUSED, self.interval, self.stale_at)

    def is_stale(self, now: Optional[datetime] = None) -> bool:
        if self.stale_at is None:
            return False
        return (now or datetime.now(timezone.utc)) >= self.stale_at

    def message(self, now: Optional[datetime] = None) -> str:
        """What the status line says, in the user's language."""
        now = now or datetime.now(timezone.utc)
        text = self._headline(now)
        if self.state in (FeedState.RETRYING, FeedState.FAILED, FeedState.PAUSED) and self.is_stale(now):
            text += " " + tr("The data on the map is stale.")
        return text

    def _headline(self, now: datetime) -> str:
        if self.state is FeedState.STARTING:
            return tr("Connecting to the feed…")
        if self.state is FeedState.PAUSED:
            return tr("Feed paused: the map keeps the last data received. Resume to update.")
        if self.state is FeedState.OK:
            return tr("Feed OK: interval {start}–{end}.").format(**self._interval_times())
        if self.state is FeedState.STALE:
            return tr(
                "Data stale: the newest interval ended at {end}, {minutes} minutes ago. The feed answers "
                "but sends nothing newer; inform the provider if this lasts."
            ).format(end=self._interval_times()["end"], minutes=self._age_minutes(now))
        reason = self.error.user_message() if self.error is not None else ""
        when = _clock(self.next_attempt) if self.next_attempt is not None else "?"
        return tr("{reason} Next attempt at {time}.").format(reason=reason, time=when)

    def _interval_times(self) -> dict:
        if self.interval is None:
            return {"start": "–", "end": "–"}
        return {"start": _clock(self.interval.start), "end": _clock(self.interval.end)}

    def _age_minutes(self, now: datetime) -> int:
        return 0 if self.interval is None else int((now - self.interval.end).total_seconds() // 60)


def _clock(moment: datetime) -> str:
    """Wall-clock time in the workstation's time zone: what the control room reads."""
    return moment.astimezone().strftime("%H:%M:%S" if moment.second else "%H:%M")
