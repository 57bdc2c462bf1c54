"""*Test connection*: ask a feed for its health and metadata, and say what it answered.

:func:`probe_feed` runs in a worker thread (``gui/feed_probe.ProbeThread``) over
the plugin's one :class:`~.transport.HttpTransport`, built from the settings
being edited, so the test meets the same proxy, TLS, token, redirect and limit
rules as the poller. It returns plain facts (:class:`ProbeAnswer`); the widget
only puts them into words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Optional

from .contract import PATH_HEALTH, PATH_META
from .errors import (
    FeedAuthError,
    FeedError,
    FeedNotFound,
    FeedPayloadError,
    FeedRateLimited,
    FeedRedirected,
    FeedServerError,
    FeedTokenError,
    FeedUnreachable,
)
from .parsing import load_json, parse_meta
from .transport import HttpTransport

PROBE_DEADLINE_S = 15.0  # a person waits for the answer (never below the configured timeouts)


@dataclass(frozen=True)
class ProbeAnswer:
    """What the feed answered; ``problem`` is empty on success, else a key the widget puts into words."""

    problem: str = ""
    status: int = 0
    provider: str = ""
    interval_minutes: int = 0
    latest_end: Optional[datetime] = None


def probe_feed(transport: HttpTransport) -> ProbeAnswer:
    """GET ``/v1/health`` and ``/v1/meta`` (worker thread; the transport is closed afterwards)."""
    try:
        latest_end = _latest_end(load_json(transport.get(PATH_HEALTH).body))
        meta = parse_meta(transport.get(PATH_META).body)
    except FeedError as error:
        return ProbeAnswer(problem=problem_of(error), status=getattr(error, "status", 0))
    except (KeyError, TypeError, ValueError):
        return ProbeAnswer(problem="not_a_feed")
    finally:
        transport.close()
    return ProbeAnswer(provider=meta.provider, interval_minutes=meta.interval_minutes, latest_end=latest_end)


def problem_of(error: FeedError) -> str:
    """The problem key for a typed feed error."""
    if isinstance(error, FeedTokenError):
        return "token"
    if isinstance(error, FeedAuthError):
        return "forbidden" if error.status == 403 else "login"
    if isinstance(error, FeedUnreachable):
        return "tls" if error.tls else "timeout" if error.timeout else "unreachable"
    return next((problem for kind, problem in _PROBLEMS if isinstance(error, kind)), "unreachable")


_PROBLEMS = (
    (FeedNotFound, "not_found"),
    (FeedRateLimited, "busy"),
    (FeedServerError, "server"),
    (FeedRedirected, "redirected"),
    (FeedPayloadError, "not_a_feed"),
)


def _latest_end(health: Any) -> Optional[datetime]:
    latest = health.get("latest_interval")
    if not latest:
        return None
    return datetime.fromisoformat(str(latest["end"]).replace("Z", "+00:00"))
