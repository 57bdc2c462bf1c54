"""Feed status: the staleness rule and what the operator reads in each state."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from druktemeter.plugin.core.model import Interval
from druktemeter.plugin.core.status import FeedState, FeedStatus, stale_after
from druktemeter.plugin.feed.errors import FeedAuthError, FeedUnreachable

END = datetime(2026, 11, 25, 21, 45, tzinfo=timezone.utc)
INTERVAL = Interval(END - timedelta(minutes=15), END)


def local(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


@pytest.mark.parametrize(
    ("poll_seconds", "interval_minutes", "minutes"),
    [(60, 15, 30), (10, 15, 30), (1800, 15, 60), (60, 60, 120), (60, 1, 30)],
)
def test_stale_after_is_the_largest_floor(poll_seconds, interval_minutes, minutes):
    assert stale_after(poll_seconds, interval_minutes) == timedelta(minutes=minutes)


def test_a_fresh_interval_is_ok_and_names_the_interval():
    status = FeedStatus.answered(INTERVAL, 60, 15, now=END + timedelta(minutes=5))
    assert status.state is FeedState.OK and not status.is_stale(END + timedelta(minutes=29))
    assert local(INTERVAL.start) in status.message() and local(END) in status.message()


def test_an_old_interval_is_stale_with_its_age():
    now = END + timedelta(minutes=31)
    status = FeedStatus.answered(INTERVAL, 60, 15, now=now)
    assert status.state is FeedState.STALE and status.is_stale(now)
    assert "31 minutes ago" in status.message(now)


def test_a_retryable_failure_keeps_the_interval_and_says_when():
    ok = FeedStatus.answered(INTERVAL, 60, 15, now=END)
    next_attempt = END + timedelta(seconds=20)
    status = ok.failed(FeedUnreachable("refused"), next_attempt)
    assert status.state is FeedState.RETRYING and status.interval == INTERVAL
    assert "unreachable" in status.message(END) and local(next_attempt) in status.message(END)
    assert "stale" not in status.message(END)
    assert "stale" in status.message(END + timedelta(hours=1))


def test_an_auth_failure_is_failed_with_why():
    status = FeedStatus(FeedState.STARTING).failed(FeedAuthError(401), END)
    assert status.state is FeedState.FAILED and status.interval is None
    assert "token" in status.message(END)


def test_starting_and_paused_read_plainly():
    assert "Connecting" in FeedStatus(FeedState.STARTING).message()
    paused = FeedStatus.answered(INTERVAL, 60, 15, now=END).paused()
    assert (
        paused.state is FeedState.PAUSED and paused.interval == INTERVAL and "paused" in paused.message(END)
    )
