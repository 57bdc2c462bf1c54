"""The one object that knows what the map shows — live data, a demo or a classroom exercise — and its clock.

Before, the plugin class and the panels each worked this out for themselves
(``connection.is_demo``, ``meta.exercise``, ``connection.source.clock``).
:class:`FeedMode` follows the monitor's connection and the feed's metadata and
says it once: ``changed(mode)``, with :attr:`FeedMode.clock` the clock a
trainer steers (the simulator's in demo mode, the reference service's shared
exercise clock in a classroom, none for live data).
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Optional, Protocol

from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..core.model import FeedMeta
from .background import BackgroundWork
from .readers import FeedConnection, remote_exercise_clock
from .settings import PluginSettings


class ReplayClock(Protocol):
    """An exercise's clock as the trainer's controls steer it."""

    paused: bool
    speed: float
    problem: str  # empty, or why the last steering failed (in words)

    def now(self) -> datetime: ...

    def set_speed(self, speed: float) -> None: ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def jump_to(self, moment: datetime) -> None: ...


class Mode(str, Enum):
    NONE = "none"  # no feed configured (or it could not be opened)
    LIVE = "live"  # real counts from a provider
    DEMO = "demo"  # the simulator in this QGIS, offline
    CLASSROOM = "classroom"  # a shared exercise served over the network (meta says ``exercise``)


class FeedMode(QObject):
    """Follows the connection and the metadata; ``changed`` fires when the mode or its clock changes."""

    changed = pyqtSignal(object)  # Mode

    def __init__(
        self,
        settings: PluginSettings,
        background: Optional[BackgroundWork] = None,
        parent: Optional[QObject] = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.background = background
        self.mode = Mode.NONE
        self.clock: Optional[ReplayClock] = None

    @property
    def is_exercise(self) -> bool:
        """Simulated data: marked on the map and never recorded in the history."""
        return self.mode in (Mode.DEMO, Mode.CLASSROOM)

    def set_connection(self, connection: Optional[FeedConnection]) -> None:
        """The monitor opened (or closed) a feed (connect ``CrowdMonitor.connectionChanged``)."""
        if connection is None:
            self._become(Mode.NONE, None)
        elif connection.source is not None:
            self._become(Mode.DEMO, connection.source.clock)
        else:
            self._become(Mode.LIVE, None)  # until the metadata says it is a classroom exercise

    def set_meta(self, meta: FeedMeta) -> None:
        """The feed's metadata (connect ``CrowdMonitor.metaChanged``): a live feed may be an exercise."""
        if self.mode is Mode.LIVE and meta.exercise:
            self._become(Mode.CLASSROOM, remote_exercise_clock(self.settings, self.background))
        elif self.mode is Mode.CLASSROOM and not meta.exercise:
            self._become(Mode.LIVE, None)

    def _become(self, mode: Mode, clock: Optional[ReplayClock]) -> None:
        self.mode, self.clock = mode, clock
        self.changed.emit(mode)
