"""Typed feed errors: what went wrong, in words an operator understands.

Every error carries a technical ``detail`` (English, for the log; never a token,
never a payload excerpt) and renders a translated :meth:`FeedError.user_message`
on demand: what happened and what to do. Messages are built when asked for, not
when the error is raised, so the worker thread never needs the translator.

``retryable`` says whether trying again without anyone's help can succeed; the
poller retries either way (slowly), so a fixed configuration recovers by itself.
"""

from __future__ import annotations

from typing import Callable, Optional

from ..core.i18n import tr


class FeedError(Exception):
    """Base of every feed failure."""

    retryable = True

    def __init__(self, detail: str = "", *, retry_after: Optional[float] = None) -> None:
        super().__init__(detail or type(self).__name__)
        self.detail = detail
        self.retry_after = retry_after

    def user_message(self) -> str:
        return tr("The feed could not be read. The last good data stays on the map; retrying.")


class FeedUnreachable(FeedError):  # noqa: N818 (names of the public API)
    """No answer: connection refused, name not found, or a timeout."""

    def __init__(self, detail: str = "", *, timeout: bool = False, tls: bool = False) -> None:
        super().__init__(detail)
        self.timeout = timeout
        self.tls = tls
        self.retryable = not tls  # a refused certificate needs a person

    def user_message(self) -> str:
        if self.tls:
            return tr(
                "Feed connection not trusted: the server's certificate was refused. The last good data "
                "stays on the map. Check the feed address, and ask IT whether the certificate or a proxy "
                "is the cause."
            )
        if self.timeout:
            return tr(
                "Feed unreachable: it did not answer in time. The last good data stays on the map; "
                "retrying. If this lasts, check the network or ask the provider."
            )
        return tr(
            "Feed unreachable: no connection. The last good data stays on the map; retrying. "
            "If this lasts, check the network, the proxy and the feed address in Settings."
        )


class FeedAuthError(FeedError):
    """401 (no or wrong token) or 403 (token not allowed)."""

    retryable = False

    def __init__(self, status: int, detail: str = "") -> None:
        super().__init__(detail or f"HTTP {status}")
        self.status = status

    def user_message(self) -> str:
        if self.status == 403:
            return tr(
                "Feed refused access: this account may not read the feed. "
                "Ask the provider to grant access, then check the authentication in Settings."
            )
        return tr(
            "Feed refused the login: the token is missing, wrong or expired. "
            "Check the authentication configuration in Settings."
        )


class FeedTokenError(FeedAuthError):
    """The stored token cannot be sent: whitespace or control characters inside (a bad paste),
    or an API Header configuration whose ``Authorization`` is not a Bearer token.
    Neither the text nor the error ever holds the token."""

    def __init__(self, reason: str = "characters") -> None:
        super().__init__(0, f"the stored token is unusable ({reason})")
        self.reason = reason

    def user_message(self) -> str:
        if self.reason == "scheme":
            return tr(
                "The feed token was not sent: the Authorization header of the API Header configuration "
                "is not 'Bearer' followed by the token. Correct it in Settings → Options → Authentication."
            )
        return tr(
            "The feed token was not sent: it contains spaces, line breaks or other characters a token "
            "cannot have. Paste the token again in Settings → Options → Authentication."
        )


class FeedRedirected(FeedError):  # noqa: N818
    """A redirect the plugin does not follow: to another server, or of a request other than GET."""

    retryable = False

    def user_message(self) -> str:
        return tr(
            "The feed address forwards to another address, which the plugin does not follow so the token "
            "never goes elsewhere. Ask the provider for the final address and enter it in Settings."
        )


class FeedNotFound(FeedError):  # noqa: N818
    """404: the address does not lead to a v1 feed."""

    retryable = False

    def user_message(self) -> str:
        return tr("Feed address not found (404). Check the feed address in Settings.")


class FeedRateLimited(FeedError):  # noqa: N818
    """429: the provider asks us to poll less often."""

    status = 429

    def user_message(self) -> str:
        return tr(
            "The feed asks to poll less often (too many requests). Waiting as asked; "
            "consider a longer polling interval in Settings."
        )


class FeedServerError(FeedError):
    """5xx, or any status the contract does not foresee."""

    def __init__(self, status: int, detail: str = "", *, retry_after: Optional[float] = None) -> None:
        super().__init__(detail or f"HTTP {status}", retry_after=retry_after)
        self.status = status

    def user_message(self) -> str:
        return tr(
            "The feed has a fault of its own (error {status}). The last good data stays on the map; "
            "retrying. If this lasts, inform the provider."
        ).format(status=self.status)


# Why a payload was refused; each renders in the user's language when asked.
_PAYLOAD_REASONS: dict[str, Callable[[], str]] = {
    "invalid_json": lambda: tr("it is not valid JSON (at {where})"),
    "truncated": lambda: tr("the transfer broke off: {received} of {expected} bytes arrived"),
    "too_large": lambda: tr("it is larger than the limit of {limit_mb} MB"),
    "stacked_encoding": lambda: tr(
        "it is compressed in {layers} layers; one layer (gzip or deflate) is accepted"
    ),
    "unknown_encoding": lambda: tr("it is compressed as '{encoding}'; only gzip and deflate are accepted"),
    "bad_encoding": lambda: tr("its compressed ({encoding}) data is damaged"),
    "wrong_shape": lambda: tr("{where} is missing or has the wrong type (expected: {expected})"),
    "bad_value": lambda: tr("{where} has a value outside the contract ({value})"),
    "wrong_version": lambda: tr("it speaks API version {version}, this plugin understands v1"),
    "unknown_cell": lambda: tr("cell '{cell}' ({where}) is not in the feed's cell list"),
    "duplicate_cell": lambda: tr("cell '{cell}' appears more than once ({where})"),
    "negative_count": lambda: tr("cell '{cell}' has a negative count ({count})"),
    # No number in this one: 3.5 would show a count under the floor on screen and in the log.
    "fractional_count": lambda: tr("cell '{cell}' has a count that is not a whole number"),
    "huge_count": lambda: tr("cell '{cell}' has an impossible count ({count}, above {limit})"),
    "bad_trend": lambda: tr("{where} is not a known trend ({value})"),
    "bad_time": lambda: tr("{where} is not a UTC time in ISO 8601 ({value})"),
    "bad_interval": lambda: tr("the interval ends before it starts ({start} to {end})"),
    "overlapping_interval": lambda: tr(
        "the interval {interval} UTC overlaps the one shown ({shown} UTC); counts of overlapping "
        "intervals could be subtracted to count a few people"
    ),
    "cells_changed": lambda: tr(
        "the counts refer to a cell list ({etag}) other than the one held; it is fetched again"
    ),
    "length_mismatch": lambda: tr(
        "the columns have different lengths (ids {ids}, counts {counts}, trends {trends})"
    ),
    "bad_geometry": lambda: tr("cell '{cell}' has an invalid coverage polygon: {problem}"),
    "duplicate_key": lambda: tr(
        "an object names the key '{key}' twice, so it could be read in two ways; duplicate keys are refused"
    ),
    "unknown_key": lambda: tr(
        "it contains '{key}' at {where}, which the contract does not define; only the documented "
        "aggregate fields are accepted"
    ),
    "long_id": lambda: tr("the cell id at {where} is {length} characters long; at most {limit} are accepted"),
    "control_id": lambda: tr(
        "the cell id at {where} contains control or invisible characters; only printable ids are accepted"
    ),
    "bad_text": lambda: tr("{where} is longer than {limit} characters or contains control characters"),
    "tiny_cell": lambda: tr(
        "cell '{cell}' covers about {area} m², less than the minimum of {minimum} m²: cells must be "
        "areas, not single buildings"
    ),
    "too_many_vertices": lambda: tr(
        "cell '{cell}' makes the coverage polygons too detailed ({count} positions; the limit is {limit})"
    ),
    "identifier": lambda: tr(
        "it contains '{key}' at {where}, which looks like a subscriber or device identifier; "
        "only aggregates are accepted"
    ),
    "location": lambda: tr(
        "it contains '{key}' at {where}, which looks like a position or trace; counts carry no locations"
    ),
    "point_trace": lambda: tr(
        "cell '{cell}' has a {geometry} geometry, which could be a location trace; "
        "only coverage polygons are accepted"
    ),
}


_GEOMETRY_PROBLEMS: dict[str, Callable[[], str]] = {
    "type": lambda: tr("it is not a Polygon or MultiPolygon"),
    "rings": lambda: tr("a ring has fewer than four positions"),
    "position": lambda: tr("a position is not a pair (or triple) of numbers"),
    "range": lambda: tr("a position lies outside the longitude/latitude range"),
    "closed": lambda: tr("a ring is not closed"),
    "degenerate": lambda: tr("a ring encloses no area"),
    "self_intersection": lambda: tr("a ring touches or crosses itself"),
    "complex": lambda: tr("the rings are too intricate to check"),
}


class FeedPayloadError(FeedError):
    """The feed answered, but with something the contract does not allow.

    ``reason`` is a key of the reasons above and ``facts`` fill its blanks
    (which field, which cell, which index). The payload is rejected as a whole.
    """

    def __init__(self, reason: str, **facts: object) -> None:
        self.reason = reason
        self.facts = {k: _short(v) for k, v in facts.items()}
        super().__init__(f"{reason}: {self.facts}")

    def reason_text(self) -> str:
        facts = dict(self.facts)
        if self.reason == "bad_geometry":
            facts["problem"] = _GEOMETRY_PROBLEMS[facts["problem"]]()
        return _PAYLOAD_REASONS[self.reason]().format(**facts)

    def user_message(self) -> str:
        return tr(
            "The feed sent data that cannot be used: {reason}. It was rejected as a whole; "
            "the last good data stays on the map. Inform the provider if this lasts."
        ).format(reason=self.reason_text())


class FeedTimeError(FeedError):
    """The interval is older than the one shown, or lies in the future."""

    def __init__(self, *, end: str, shown: str = "", future: bool) -> None:
        super().__init__(f"interval end {end} {'in the future' if future else 'older than ' + shown}")
        self.end = end
        self.shown = shown
        self.future = future

    def user_message(self) -> str:
        if self.future:
            return tr(
                "The feed sent an interval from the future (ending {end} UTC). It was rejected; check the "
                "clock of this computer, or inform the provider if the clock is right."
            ).format(end=self.end)
        return tr(
            "The feed sent an older interval (ending {end} UTC) than the one shown ({shown} UTC). "
            "It was rejected; the newer data stays on the map."
        ).format(end=self.end, shown=self.shown)


def _short(value: object, limit: int = 60) -> str:
    """Facts end up on screen and in logs: keep them short, single-line and printable."""
    text = "".join(ch if ch.isprintable() else "\N{REPLACEMENT CHARACTER}" for ch in str(value)[: limit + 1])
    return text if len(text) <= limit else text[: limit - 1] + "…"
