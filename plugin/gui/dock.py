"""The plugin's dock panel: the operator's single place to look.

From top to bottom: the Situation summary (region, open alerts, busiest cells,
feed), the exercise banner and replay controls (demo mode), the feed status
(interval, age, source, health), the alerts, and the buttons for the layer, the
background map, pausing and settings. Before any data arrives a sentence explains
what to do.
"""

from __future__ import annotations

from typing import Optional

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QDockWidget,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core.i18n import tr
from ..core.status import FeedState, FeedStatus
from .alert_panel import AlertPanel
from .demo_panel import DemoPanel
from .situation_panel import SituationPanel
from .status_panel import Clock, StatusPanel
from .text import plain_label

OBJECT_NAME = "DruktemeterDock"
REGION_PROBLEM_STYLE = "color: #b10026;"


class DruktemeterDock(QDockWidget):
    """Holds the status, the alert list and the demo controls."""

    def __init__(
        self,
        alert_panel: AlertPanel,
        history_panel: Optional[QWidget],
        scenarios: list[tuple[str, str]],
        clock: Clock,
        parent: Optional[QWidget] = None,
        chart_panel: Optional[QWidget] = None,
    ) -> None:
        super().__init__(tr("Druktemeter"), parent)
        self.setObjectName(OBJECT_NAME)
        self.clock = clock
        body = QWidget(self)
        self.empty_label = QLabel(self.empty_text(), body)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.situation = SituationPanel(body)
        self.demo_panel = DemoPanel(scenarios, body)
        self.status_panel = StatusPanel(body, clock)
        self.progress_label = QLabel(body)  # long work (a national cell list, an exercise): what and how far
        self.progress_bar = QProgressBar(body)
        self.progress_bar.setRange(0, 100)
        self.progress_label.hide()
        self.progress_bar.hide()
        self.region_label = plain_label(body)
        self.region_label.setStyleSheet(REGION_PROBLEM_STYLE)
        self.region_label.hide()
        self.alert_panel = alert_panel
        self.history_panel = history_panel
        self.chart_panel = chart_panel
        self.show_layer_button = QPushButton(tr("Show crowd layer"), body)
        self.show_layer_button.setToolTip(
            tr("Add the crowd layer to the map if it was removed, and zoom to it")
        )
        self.background_button = QPushButton(tr("Add background map"), body)
        self.background_button.setToolTip(
            tr("Add PDOK BRT-Achtergrondkaart (grey) below the crowd layer; needs the internet")
        )
        self.pause_button = QPushButton(body)
        self.pause_button.setCheckable(True)
        self.settings_button = QPushButton(tr("Settings…"), body)
        self._lay_out(body)
        self.pause_button.toggled.connect(self._label_pause_button)
        self._label_pause_button(False)
        scroll = QScrollArea(self)  # on a small screen the sections keep their size and the dock scrolls
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        scroll.setMinimumWidth(body.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width())
        self.setWidget(scroll)

    def _lay_out(self, body: QWidget) -> None:
        layout = QVBoxLayout(body)
        situation_box = QGroupBox(tr("Situation"), body)
        QVBoxLayout(situation_box).addWidget(self.situation)
        layout.addWidget(situation_box)
        layout.addWidget(self.demo_panel)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress_bar)
        status_box = QGroupBox(tr("Feed"), body)
        QVBoxLayout(status_box).addWidget(self.status_panel)
        layout.addWidget(status_box)
        alerts_box = QGroupBox(tr("Alerts"), body)
        alerts_layout = QVBoxLayout(alerts_box)
        alerts_layout.addWidget(self.region_label)
        alerts_layout.addWidget(self.alert_panel)
        layout.addWidget(alerts_box, 1)
        if self.chart_panel is not None:
            compare_box = QGroupBox(tr("Compare: fewer movements than yesterday?"), body)
            QVBoxLayout(compare_box).addWidget(self.chart_panel)
            layout.addWidget(compare_box, 1)
        if self.history_panel is not None:
            history_box = QGroupBox(tr("History"), body)
            QVBoxLayout(history_box).addWidget(self.history_panel)
            layout.addWidget(history_box)
        for row in (
            (self.show_layer_button, self.background_button),
            (self.pause_button, self.settings_button),
        ):
            buttons = QHBoxLayout()
            for button in row:
                buttons.addWidget(button)
            layout.addLayout(buttons)

    @staticmethod
    def empty_text() -> str:
        return tr(
            "No crowd data yet. Configure a feed under Settings, "
            "or switch on demo mode to practise without a network."
        )

    def set_has_data(self, has_data: bool) -> None:
        self.empty_label.setVisible(not has_data)

    def show_progress(self, task: str, fraction: float) -> None:
        """Say what long work is going on and how far it is; hidden once done (``fraction`` 1)."""
        busy = fraction < 1.0
        self.progress_label.setText(task)
        self.progress_bar.setValue(round(100 * fraction))
        self.progress_label.setVisible(busy)
        self.progress_bar.setVisible(busy)

    def set_region_problem(self, problem: str) -> None:
        """Say why alerts cannot be raised (no region, or a region that cannot be read)."""
        self.region_label.setText(problem)
        self.region_label.setVisible(bool(problem))

    def show_status(self, status: FeedStatus) -> None:
        """The feed's health in words, and the pause button in step with it."""
        self.status_panel.set_status(status)
        self.situation.set_feed(status.message(self.clock()))
        paused = status.state is FeedState.PAUSED
        self.pause_button.blockSignals(True)
        self.pause_button.setChecked(paused)
        self._label_pause_button(paused)
        self.pause_button.blockSignals(False)

    def _label_pause_button(self, paused: bool) -> None:
        self.pause_button.setText(tr("Resume updates") if paused else tr("Pause updates"))
