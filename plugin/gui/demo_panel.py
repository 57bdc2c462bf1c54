"""Demo mode controls for trainers: the switch, scenario and seed, and replay of the simulated clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Optional

from qgis.PyQt.QtCore import QTime, QTimer, pyqtSignal
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.i18n import tr
from ..runtime.locale import date_time_text
from ..runtime.mode import ReplayClock
from .text import plain_label

SPEEDS = (1, 5, 10, 30, 60, 120)
DEMO_BANNER_STYLE = "background:#e66101;color:white;font-weight:bold;padding:4px;border-radius:3px;"


def local_text(moment: datetime) -> str:
    """Weekday, date and time in local time, the weekday in the user's language."""
    return date_time_text(moment, "ddd dd-MM HH:mm")


def demo_banner_text() -> str:
    return tr("EXERCISE / DEMO — simulated data, not a live situation")


class DemoPanel(QWidget):
    """Emits what the trainer asks for; the plugin applies it to the simulated feed."""

    demoToggled = pyqtSignal(bool)  # noqa: N815 - Qt signal naming
    restartRequested = pyqtSignal(str, int)  # noqa: N815 - scenario, seed

    def __init__(self, scenarios: list[tuple[str, str]], parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.clock: Optional[ReplayClock] = None
        self.banner = QLabel(demo_banner_text(), self)
        self.banner.setStyleSheet(DEMO_BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.switch = QCheckBox(tr("Demo mode (offline exercise, no network)"), self)
        self.scenario = QComboBox(self)
        self.scenario.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scenario.setMinimumContentsLength(16)
        for name, title in scenarios:
            self.scenario.addItem(title, name)
        self.seed = QSpinBox(self)
        self.seed.setRange(1, 999_999)
        self.restart_button = QPushButton(tr("Restart exercise"), self)
        self.play_button = QPushButton(self)
        self.speed = QComboBox(self)
        for speed in SPEEDS:
            self.speed.addItem(f"{speed}×", speed)
        self.jump_time = QTimeEdit(self)
        self.jump_time.setDisplayFormat("HH:mm")
        self.jump_button = QPushButton(tr("Jump"), self)
        self.sim_time = plain_label(self)  # may carry the exercise service's problem
        self.choice = self._build_choice_box()
        self.replay = self._build_replay_box()
        self._layout()
        self._connect()
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.refresh_clock)
        self.set_demo_enabled(False)

    def _build_choice_box(self) -> QWidget:
        box = QWidget(self)
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(tr("Scenario"), self.scenario)
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed, 1)
        seed_row.addWidget(self.restart_button)
        form.addRow(tr("Seed"), seed_row)
        return box

    def _build_replay_box(self) -> QWidget:
        box = QWidget(self)
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        play_row = QHBoxLayout()
        play_row.addWidget(self.play_button)
        play_row.addWidget(QLabel(tr("Speed"), box))
        play_row.addWidget(self.speed)
        form.addRow(tr("Replay"), play_row)
        jump_row = QHBoxLayout()
        jump_row.addWidget(self.jump_time, 1)
        jump_row.addWidget(self.jump_button)
        form.addRow(tr("Jump to time of day"), jump_row)
        form.addRow(tr("Simulated time"), self.sim_time)
        return box

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.switch)
        layout.addWidget(self.choice)
        layout.addWidget(self.replay)

    def _connect(self) -> None:
        self.switch.toggled.connect(self.demoToggled)
        self.restart_button.clicked.connect(self._request_restart)
        self.play_button.clicked.connect(self.toggle_play)
        self.speed.currentIndexChanged.connect(self._apply_speed)
        self.jump_button.clicked.connect(self.jump)

    def set_choice(self, scenario: str, seed: int, speed: float) -> None:
        """Show the configured scenario, seed and speed without emitting requests."""
        index = self.scenario.findData(scenario)
        if index >= 0:
            self.scenario.setCurrentIndex(index)
        self.seed.setValue(seed)
        self._show_speed(speed)

    def _show_speed(self, speed: float) -> None:
        nearest = min(SPEEDS, key=lambda s: abs(s - speed))
        self.speed.blockSignals(True)
        self.speed.setCurrentIndex(SPEEDS.index(nearest))
        self.speed.blockSignals(False)

    def set_demo_enabled(self, enabled: bool) -> None:
        """Local demo mode: the trainer chooses the scenario and steers this station's clock."""
        self.switch.blockSignals(True)
        self.switch.setChecked(enabled)
        self.switch.blockSignals(False)
        self.banner.setVisible(enabled)
        self.choice.setEnabled(enabled)
        self.replay.setEnabled(enabled)

    def set_shared_exercise(self, clock: ReplayClock) -> None:
        """A classroom exercise served over the network: marked, and steered on the service
        (the scenario is the service's choice; only the trainer's token may steer it)."""
        self.banner.setVisible(True)
        self.choice.setEnabled(False)
        self.replay.setEnabled(True)
        self.set_clock(clock)

    def set_clock(self, clock: Optional[ReplayClock]) -> None:
        self.clock = clock
        if clock is None:
            self.ticker.stop()
        else:
            self._show_speed(clock.speed)
            local = clock.now().astimezone()
            self.jump_time.setTime(QTime(local.hour, local.minute))
            self.ticker.start()
        self.refresh_clock()

    def refresh_clock(self) -> None:
        if self.clock is None:
            self.sim_time.setText("—")
            self.play_button.setText(tr("Start"))
            return
        text = local_text(self.clock.now())
        problem = self.clock.problem
        self.sim_time.setText(f"{text}\n{problem}" if problem else text)
        self.play_button.setText(tr("Start") if self.clock.paused else tr("Pause"))

    def toggle_play(self) -> None:
        if self.clock is None:
            return
        if self.clock.paused:
            self.clock.resume()
        else:
            self.clock.pause()
        self.refresh_clock()

    def _apply_speed(self) -> None:
        if self.clock is not None:
            self.clock.set_speed(float(self.speed.currentData()))

    def jump(self) -> None:
        if self.clock is None:
            return
        local_now = self.clock.now().astimezone()
        target: QTime = self.jump_time.time()
        moment = local_now.replace(hour=target.hour(), minute=target.minute(), second=0, microsecond=0)
        if moment < local_now - timedelta(hours=12):
            moment += timedelta(days=1)
        self.clock.jump_to(moment)
        self.refresh_clock()

    def _request_restart(self) -> None:
        self.restartRequested.emit(str(self.scenario.currentData()), self.seed.value())
