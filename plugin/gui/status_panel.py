"""The dock's status section: which interval is on the map, how old it is, whose
data it is, and whether the feed is healthy, in words an operator reads at a glance.

The feed's words come from :class:`~..core.status.FeedStatus` (the poller's
``statusChanged``); they are re-read every second with the age, so "N minutes
ago" and the turn to stale show without waiting for the next poll."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable, Optional

from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtWidgets import QFormLayout, QLabel, QWidget

from ..core.i18n import tr
from ..core.model import CountsSnapshot, FeedMeta
from ..core.status import FeedState, FeedStatus
from ..runtime.locale import date_time_text, time_text
from .text import plain_label

Clock = Callable[[], datetime]

STALE_STYLE = "QLabel { background: #b10026; color: white; font-weight: bold; padding: 3px; }"
FAILED_STYLE = "QLabel { color: #b10026; font-weight: bold; }"


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def age_text(seconds: float) -> str:
    """``"42 s ago"``, ``"4 min 02 s ago"``, ``"1 h 05 min ago"``."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return tr("{hours} h {minutes:02d} min ago").format(hours=hours, minutes=minutes)
    if minutes:
        return tr("{minutes} min {seconds:02d} s ago").format(minutes=minutes, seconds=secs)
    return tr("{seconds} s ago").format(seconds=secs)


def interval_text(snapshot: CountsSnapshot) -> str:
    """The interval in local time, e.g. ``25-11-2026 21:00 – 21:15``."""
    return f"{date_time_text(snapshot.interval.start)} – {time_text(snapshot.interval.end)}"


class StatusPanel(QWidget):
    """Interval, its age (ticking every second while visible), source and feed status."""

    def __init__(self, parent: Optional[QWidget] = None, clock: Clock = utc_now) -> None:
        super().__init__(parent)
        self.setObjectName("DruktemeterStatusPanel")
        self._clock = clock
        self._snapshot: Optional[CountsSnapshot] = None
        self._status = FeedStatus(FeedState.WAITING)
        self.interval_label = self._value_label("interval")
        self.age_label = self._value_label("age")
        self.source_label = self._value_label("source")
        self.status_label = self._value_label("status")
        layout = QFormLayout(self)
        layout.addRow(tr("Interval shown"), self.interval_label)
        layout.addRow(tr("Age"), self.age_label)
        layout.addRow(tr("Source"), self.source_label)
        layout.addRow(tr("Feed"), self.status_label)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.refresh)
        self.set_meta(None)
        self.set_snapshot(None)

    def _value_label(self, name: str) -> QLabel:
        label = plain_label(self)  # provider name and attribution come from the feed
        label.setObjectName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def set_meta(self, meta: Optional[FeedMeta]) -> None:
        if meta is None:
            self.source_label.setText(tr("no feed configured"))
            return
        self.source_label.setText(f"{meta.provider}\n{meta.attribution}".strip())

    def set_snapshot(self, snapshot: Optional[CountsSnapshot]) -> None:
        self._snapshot = snapshot
        self.interval_label.setText(tr("none yet") if snapshot is None else interval_text(snapshot))
        self.refresh()

    def set_status(self, status: FeedStatus) -> None:
        """The poller's latest status (connect ``Poller.statusChanged`` here)."""
        self._status = status
        self.refresh()

    def refresh(self) -> None:
        """Age and status words as of now; stale turns both labels into a red bar."""
        now = self._clock()
        if self._snapshot is None:
            self.age_label.setText("–")
        else:
            age = now + self._status.clock_offset - self._snapshot.interval.end  # feed's clock
            self.age_label.setText(age_text(age.total_seconds()))
        status = self._status
        stale = status.state is FeedState.STALE or status.is_stale(now)
        self.status_label.setText(status.message(now))
        failed = status.state is FeedState.FAILED
        self.status_label.setStyleSheet(STALE_STYLE if stale else FAILED_STYLE if failed else "")
        self.age_label.setStyleSheet(STALE_STYLE if stale else "")

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.refresh()
        self.timer.start()
        super().showEvent(event)

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.timer.stop()
        super().hideEvent(event)
