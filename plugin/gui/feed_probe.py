"""Testing the feed connection from the settings dialog, off the main thread.

:func:`~..feed.probe.probe_feed` asks the feed (over the plugin's one HTTP
transport) in a :class:`ProbeThread` and returns plain facts
(:class:`~..feed.probe.ProbeAnswer`); :func:`describe_answer` turns them into
words on the main thread. This widget module holds no HTTP logic.
"""

from __future__ import annotations

from typing import Callable, Optional

from qgis.PyQt.QtCore import QThread, pyqtSignal

from ..core.i18n import tr
from ..feed.probe import ProbeAnswer
from ..feed.transport import HttpTransport
from ..runtime.background import BackgroundWork
from ..runtime.locale import date_time_text


class ProbeThread(QThread):
    """Runs one connection test in the background; the answer arrives on the main thread.

    The plugin's :class:`~..runtime.background.BackgroundWork` owns the thread
    (``background``): closing the dialog mid-test never destroys a running
    thread, and ``unload`` cuts the request (``HttpTransport.abort``) and joins it.
    """

    answered = pyqtSignal(object)

    def __init__(
        self,
        probe: Callable[[HttpTransport], ProbeAnswer],
        target: HttpTransport,
        background: Optional[BackgroundWork] = None,
    ) -> None:
        super().__init__()
        self.setObjectName("DruktemeterProbe")
        self.probe = probe
        self.target = target
        if background is not None:
            background.adopt(self, stop=target.abort)

    def run(self) -> None:
        self.answered.emit(self.probe(self.target))


def describe_answer(answer: ProbeAnswer) -> str:
    """The answer in words for the GIS specialist (main thread: translated)."""
    if not answer.problem:
        latest = date_time_text(answer.latest_end) if answer.latest_end is not None else tr("none yet")
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
    "token": lambda: tr(
        "The token stored in QGIS cannot be sent: it contains spaces or line breaks, or the API Header "
        "value is not 'Bearer' followed by the token. Enter it again in the authentication configuration."
    ),
    "redirected": lambda: tr(
        "The address forwards to another server, which the plugin does not follow. "
        "Enter the final address (ask the provider for it)."
    ),
}
