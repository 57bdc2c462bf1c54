"""Steer a shared classroom exercise on the reference service (``/v1/exercise``).

The trainer's replay controls call :class:`RemoteExerciseClock` as they call
the simulator's own clock in demo mode. Each request runs on a short-lived
worker thread, so the QGIS main thread never waits for the network; the clock
shows the exercise time extrapolated from the last answer, and
:attr:`RemoteExerciseClock.problem` says in words when the service refused.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime, timedelta, timezone
from typing import Callable, Optional

import requests

from ..core.i18n import tr
from ..core.metadata import user_agent
from .contract import iso_utc

LOGGER = logging.getLogger("druktemeter.exercise")
PATH_EXERCISE = "/v1/exercise"
TIMEOUT_S = (3.0, 5.0)


class RemoteExerciseClock:
    """The reference service's exercise clock, seen and steered from a trainer's station."""

    def __init__(
        self,
        base_url: str,
        token_provider: Callable[[], Optional[str]],
        *,
        verify_tls: bool = True,
        monotonic: Callable[[], float] = time.monotonic,
        start_thread: Optional[Callable[[Callable[[], None], str], threading.Thread]] = None,
    ) -> None:
        self.url = base_url.rstrip("/") + PATH_EXERCISE
        self._token_provider = token_provider
        self._verify = verify_tls
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._anchor: Optional[datetime] = None  # exercise time at _anchored_at
        self._anchored_at = 0.0
        self.speed = 1.0
        self.paused = False
        self.problem = ""
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
        headers = {"User-Agent": user_agent(), "Accept": "application/json"}
        token = self._token_provider()
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            response = requests.request(
                method, self.url, json=body, headers=headers, timeout=TIMEOUT_S, verify=self._verify
            )
        except requests.RequestException as error:
            LOGGER.warning("exercise clock unreachable: %s", type(error).__name__)
            self._set_problem(tr("The exercise service cannot be reached; the exercise runs on unchanged."))
            return
        if response.status_code in (401, 403):
            self._set_problem(tr("Only the trainer can steer the exercise: this station's token is refused."))
        elif response.status_code == 404:
            self._set_problem(tr("This feed has no exercise clock to steer."))
        elif not response.ok:
            self._set_problem(
                tr("The exercise service refused the change (HTTP {0}).").format(response.status_code)
            )
        else:
            self._apply(response)

    def _apply(self, response: requests.Response) -> None:
        try:
            state = response.json()
            anchor = datetime.fromisoformat(str(state["now"]).replace("Z", "+00:00"))
            speed, paused = float(state["speed"]), bool(state["paused"])
        except (ValueError, KeyError, TypeError):
            self._set_problem(tr("The exercise service sent an answer this plugin does not understand."))
            return
        with self._lock:
            self._anchor, self._anchored_at = anchor, self._monotonic()
            self.speed, self.paused, self.problem = speed, paused, ""

    def _set_problem(self, problem: str) -> None:
        with self._lock:
            self.problem = problem


def _daemon_thread(target: Callable[[], None], name: str) -> threading.Thread:
    thread = threading.Thread(target=target, name=name, daemon=True)
    thread.start()
    return thread
