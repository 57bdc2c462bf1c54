"""Testing the feed connection from the settings dialog, off the main thread.

:func:`probe_feed` asks ``/v1/health`` and ``/v1/meta`` in a worker thread and
returns plain facts (:class:`ProbeAnswer`); :func:`describe_answer` turns them
into words on the main thread, where the translator lives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Optional

import requests
from qgis.PyQt.QtCore import QThread, pyqtSignal

from ..core.i18n import tr
from ..core.metadata import user_agent
from ..feed.contract import PATH_HEALTH, PATH_META
from ..runtime.background import BackgroundWork


class ProbeThread(QThread):
    """Runs one connection test in the background; the answer arrives on the main thread.

    The plugin's :class:`~..runtime.background.BackgroundWork` owns the thread
    (``background``), so closing the dialog mid-test never destroys a running
    thread and ``unload`` joins it.
    """

    answered = pyqtSignal(object)

    def __init__(
        self,
        probe: Callable[[FeedProbe], ProbeAnswer],
        target: FeedProbe,
        background: Optional[BackgroundWork] = None,
    ) -> None:
        super().__init__()
        self.setObjectName("DruktemeterProbe")
        self.probe = probe
        self.target = target
        if background is not None:
            background.adopt(self)

    def run(self) -> None:
        self.answered.emit(self.probe(self.target))


@dataclass(frozen=True)
class FeedProbe:
    """What a connection test needs. Token and proxies are read on the main thread
    (``runtime.auth.read_token``, ``runtime.network.proxies_for``) and never logged."""

    url: str
    token: Optional[str]
    connect_timeout: float
    read_timeout: float
    verify_tls: bool
    proxies: Optional[dict[str, str]] = None


@dataclass(frozen=True)
class ProbeAnswer:
    """What the feed answered; ``problem`` is empty on success, else one of the keys of ``_PROBLEMS``."""

    problem: str = ""
    status: int = 0
    provider: str = ""
    interval_minutes: int = 0
    latest_end: Optional[datetime] = None


def probe_feed(target: FeedProbe) -> ProbeAnswer:
    """GET ``/v1/health`` and ``/v1/meta`` (worker thread: no Qt, no translation here)."""
    headers = {"Accept": "application/json", "User-Agent": user_agent()}
    if target.token:
        headers["Authorization"] = "Bearer " + target.token
    base = target.url.rstrip("/")
    try:
        with requests.Session() as session:
            session.verify = target.verify_tls
            session.proxies.update(target.proxies or {})
            timeout = (target.connect_timeout, target.read_timeout)
            health = session.get(base + PATH_HEALTH, headers=headers, timeout=timeout)
            if health.status_code != 200:
                return ProbeAnswer(problem=_problem_for_status(health.status_code), status=health.status_code)
            meta = session.get(base + PATH_META, headers=headers, timeout=timeout)
            if meta.status_code != 200:
                return ProbeAnswer(problem=_problem_for_status(meta.status_code), status=meta.status_code)
            return _answer_from(health.json(), meta.json())
    except requests.exceptions.JSONDecodeError:  # before RequestException: it is one too
        return ProbeAnswer(problem="not_a_feed")
    except requests.exceptions.SSLError:
        return ProbeAnswer(problem="tls")
    except requests.exceptions.Timeout:
        return ProbeAnswer(problem="timeout")
    except requests.exceptions.RequestException:
        return ProbeAnswer(problem="unreachable")
    except (ValueError, KeyError, TypeError, AttributeError):
        return ProbeAnswer(problem="not_a_feed")


def _problem_for_status(status: int) -> str:
    return {401: "login", 403: "forbidden", 404: "not_found", 429: "busy"}.get(status, "server")


def _answer_from(health: dict, meta: dict) -> ProbeAnswer:
    latest = health.get("latest_interval")
    latest_end = None
    if latest:
        latest_end = datetime.fromisoformat(latest["end"].replace("Z", "+00:00"))
    return ProbeAnswer(
        provider=str(meta["provider"]["name"]),
        interval_minutes=int(meta["interval_minutes"]),
        latest_end=latest_end,
    )


def describe_answer(answer: ProbeAnswer) -> str:
    """The answer in words for the GIS specialist (main thread: translated)."""
    if not answer.problem:
        latest = (
            answer.latest_end.astimezone().strftime("%d-%m-%Y %H:%M")
            if answer.latest_end is not None
            else tr("none yet")
        )
        text = tr("Connected. Provider: {0}. Latest interval ends {1} (local time); {2}-minute intervals.")
        return text.format(answer.provider, latest, answer.interval_minutes)
    return _PROBLEMS[answer.problem]().format(answer.status)


_PROBLEMS: dict[str, Callable[[], str]] = {
    "unreachable": lambda: tr("No connection: check the address, the network and the proxy."),
    "timeout": lambda: tr("The feed did not answer in time. Check the network or try longer timeouts."),
    "tls": lambda: tr("The feed's certificate was refused. Check the address or ask IT about it."),
    "login": lambda: tr("The feed refused the login (401): check the authentication configuration."),
    "forbidden": lambda: tr("The feed refused access (403): ask the provider to grant this account access."),
    "not_found": lambda: tr("No Druktemeter feed at this address (404). Check the address."),
    "busy": lambda: tr("The feed asks to poll less often (429). Try again in a minute."),
    "server": lambda: tr("The feed answered with error {0}. Inform the provider if this lasts."),
    "not_a_feed": lambda: tr("The address answered, but not like a Druktemeter feed. Check the address."),
}
