"""A trainer's command to the shared exercise clock (``POST /v1/exercise``), checked before it is applied.

Every station of a classroom follows this one clock, so a command that would
break it breaks the whole exercise: a jump to the year 9999 makes the next
interval overflow the calendar and every request after it fail. Jumps are
therefore kept within :data:`JUMP_WINDOW` of the moment the exercise started
(an exercise spans days, not years), and refused otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Optional

MAX_SPEED = 3600.0
JUMP_WINDOW = timedelta(days=366)
COMMAND_KEYS = ("speed", "paused", "jump_to")


class SteeringError(ValueError):
    """A refused command; ``status`` is 400 (malformed) or 422 (well-formed, outside the rules)."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class Command:
    speed: Optional[float] = None
    paused: Optional[bool] = None
    jump_to: Optional[datetime] = None

    def apply(self, clock: Any) -> None:
        if self.speed is not None:
            clock.set_speed(self.speed)
        if self.paused is True:
            clock.pause()
        if self.paused is False:
            clock.resume()
        if self.jump_to is not None:
            clock.jump_to(self.jump_to)


def parse_command(document: Any, origin: datetime) -> Command:
    """The command in a decoded JSON body; ``origin`` is the exercise time when the service started."""
    if not isinstance(document, dict):
        raise SteeringError(400, "Send a JSON object with any of speed, paused, jump_to.")
    unknown = set(document) - set(COMMAND_KEYS)
    if unknown:
        raise SteeringError(400, f"Unknown field(s) {sorted(unknown)}; use speed, paused, jump_to.")
    return Command(
        speed=_speed(document["speed"]) if "speed" in document else None,
        paused=_paused(document["paused"]) if "paused" in document else None,
        jump_to=_jump(document["jump_to"], origin) if "jump_to" in document else None,
    )


def jump_window(origin: datetime) -> tuple[datetime, datetime]:
    return origin - JUMP_WINDOW, origin + JUMP_WINDOW


def _speed(value: Any) -> float:
    if type(value) not in (int, float) or not 0 < value <= MAX_SPEED:
        raise SteeringError(400, f"speed must be a number above 0 and at most {MAX_SPEED:g}.")
    return float(value)


def _paused(value: Any) -> bool:
    if type(value) is not bool:
        raise SteeringError(400, "paused must be true or false.")
    return value


def _jump(value: Any, origin: datetime) -> datetime:
    moment = _utc_time(value)
    earliest, latest = jump_window(origin)
    if not earliest <= moment <= latest:
        raise SteeringError(
            422,
            f"jump_to must lie within {JUMP_WINDOW.days} days of the exercise's start "
            f"({_day(earliest)} to {_day(latest)}).",
        )
    return moment


def _utc_time(value: Any) -> datetime:
    text = value[:-1] + "+00:00" if isinstance(value, str) and value[-1:] in ("Z", "z") else value
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise SteeringError(400, "jump_to must be a time in ISO 8601 with a time zone.") from None
    if moment.tzinfo is None:
        raise SteeringError(400, "jump_to must be a time in ISO 8601 with a time zone.")
    try:
        return moment.astimezone(timezone.utc)
    except OverflowError:  # 0001-01-01T00:00+01:00 has no UTC time
        raise SteeringError(422, "jump_to is outside the calendar.") from None


def _day(moment: datetime) -> str:
    return moment.date().isoformat()
