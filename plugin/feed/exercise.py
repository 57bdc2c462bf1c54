"""Steer a shared classroom exercise on the reference service (``/v1/exercise``).

The trainer's replay controls call :class:`RemoteExerciseClock` as they call
the simulator's own clock in demo mode. Each request runs on a short-lived
worker thread, so the QGIS main thread never waits for the network; the clock
shows the exercise time extrapolated from the last answer, and
:attr:`RemoteExerciseClock.problem` says in words when the service refused.
Requests go through the plugin's one :class:`~.transport.HttpTransport`, with
the feed's proxy, TLS and token rules, one at a time, in a short deadline.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Optional

from ..core.i18n import tr
from .contract import MAX_SCENARIO_BYTES, iso_utc
from .errors import (
    FeedAuthError,
    FeedError,
    FeedNotFound,
    FeedRateLimited,
    FeedServerError,
    FeedTokenError,
    FeedUnreachable,
)
from .parsing import load_json
from .transport import HttpTransport

LOGGER = logging.getLogger("druktemeter.exercise")
PATH_EXERCISE = "/v1/exercise"
# The exercise state is a few hundred bytes plus the scenario's text, JSON-escaped (at most doubled).
STATE_BODY_BYTES = 2 * MAX_SCENARIO_BYTES + 4096
COMMAND_DEADLINE_S = 15.0  # a trainer waits for the answer: say so soon when the service does not give one


@dataclass(frozen=True)
class ServedSimulation:
    """The simulation a reference service serves: enough for a station's own simulator to compute
    the exercise's past (it is deterministic)."""

    scenario: str  # the scenario's name, for people
    seed: int
    min_count: int
    definition: str  # the scenario file's text (validated by the simulator that reads it)


class RemoteExerciseClock:
    """The reference service's exercise clock, seen and steered from a trainer's station."""

    def __init__(
        self,
        base_url: str,
        token_provider: Callable[[], Optional[str]],
        *,
        monotonic: Callable[[], float] = time.monotonic,
        start_thread: Optional[Callable[[Callable[[], None], str], threading.Thread]] = None,
        **connection: Any,
    ) -> None:
        """``connection``: the transport's options (timeouts, TLS, proxies), as for the feed."""
        self._http = HttpTransport(
            base_url, token_provider=token_provider, deadline=COMMAND_DEADLINE_S, **connection
        )
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._anchor: Optional[datetime] = None  # exercise time at _anchored_at
        self._anchored_at = 0.0
        self.speed = 1.0
        self.paused = False
        self.problem = ""
        self.simulation: Optional[ServedSimulation] = None
        self._start_thread = start_thread or _daemon_thread  # the plugin's BackgroundWork.start_thread
        self._threads: list[threading.Thread] = []

    # ------------------------------------------------------------ the ReplayClock the panel uses

    def now(self) -> datetime:
        with self._lock:
            if self._anchor is None:
                return datetime.now(timezone.utc)
            if self.paused:
                return self._anchor
            elapsed = self._monotonic() - self._anchored_at
            return self._anchor + timedelta(seconds=elapsed * self.speed)

    def refresh(self) -> None:
        self._send("GET", None)

    def refresh_if_idle(self) -> None:
        """Ask again unless a request is in flight: a station whose first answer was lost (a
        classroom starting at once, a busy service) still learns the simulation and its past."""
        if not any(thread.is_alive() for thread in self._threads):
            self.refresh()

    def set_speed(self, speed: float) -> None:
        self._send("POST", {"speed": speed})

    def pause(self) -> None:
        self._send("POST", {"paused": True})

    def resume(self) -> None:
        self._send("POST", {"paused": False})

    def jump_to(self, moment: datetime) -> None:
        self._send("POST", {"jump_to": iso_utc(moment)})

    def wait(self, timeout: float = 10.0) -> None:
        """Wait for requests in flight (tests, unload)."""
        for thread in list(self._threads):
            thread.join(timeout)

    # ------------------------------------------------------------ worker side

    def _send(self, method: str, body: Optional[dict]) -> None:
        self._threads = [t for t in self._threads if t.is_alive()]
        self._threads.append(self._start_thread(lambda: self._request(method, body), "DruktemeterExercise"))

    def _request(self, method: str, body: Optional[dict]) -> None:
        try:
            answer = self._http.request(method, PATH_EXERCISE, json_body=body, limit=STATE_BODY_BYTES)
        except FeedError as error:
            LOGGER.warning("exercise clock: %s", error.detail)
            self._set_problem(_problem_for(error))
            return
        self._apply(answer.body)

    def _apply(self, body: bytes) -> None:
        try:
            state = load_json(body)
            anchor = datetime.fromisoformat(str(state["now"]).replace("Z", "+00:00"))
            speed, paused = float(state["speed"]), bool(state["paused"])
        except (FeedError, ValueError, KeyError, TypeError):
            self._set_problem(_not_understood())
            return
        with self._lock:
            self._anchor, self._anchored_at = anchor, self._monotonic()
            self.speed, self.paused, self.problem = speed, paused, ""
            self.simulation = _simulation(state)

    def _set_problem(self, problem: str) -> None:
        with self._lock:
            self.problem = problem


def _daemon_thread(target: Callable[[], None], name: str) -> threading.Thread:
    thread = threading.Thread(target=target, name=name, daemon=True)
    thread.start()
    return thread


def _problem_for(error: FeedError) -> str:
    """What the trainer reads when the service did not do as asked."""
    if isinstance(error, FeedTokenError):
        return error.user_message()
    if isinstance(error, FeedAuthError):
        return tr("Only the trainer can steer the exercise: this station's token is refused.")
    if isinstance(error, FeedNotFound):
        return tr("This feed has no exercise clock to steer.")
    if isinstance(error, (FeedServerError, FeedRateLimited)):
        return tr("The exercise service refused the change (HTTP {0}).").format(error.status)
    if isinstance(error, FeedUnreachable):
        return tr("The exercise service cannot be reached; the exercise runs on unchanged.")
    return _not_understood()


def _not_understood() -> str:
    return tr("The exercise service sent an answer this plugin does not understand.")


def _simulation(state: dict) -> Optional[ServedSimulation]:
    """The served simulation, ``None`` when the service does not say (or not in the contract's form:
    a definition that is not text of at most ``MAX_SCENARIO_BYTES``)."""
    simulation = state.get("simulation")
    try:
        definition = simulation["definition"]
        if not isinstance(definition, str) or len(definition.encode("utf-8")) > MAX_SCENARIO_BYTES:
            return None
        return ServedSimulation(
            str(simulation["scenario"]), int(simulation["seed"]), int(simulation["min_count"]), definition
        )
    except (TypeError, KeyError, ValueError):  # UnicodeEncodeError (a lone surrogate) is a ValueError
        return None
