"""The plugin's dock panel: the operator's single place to look."""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QDockWidget, QLabel, QVBoxLayout, QWidget

from ..core.i18n import tr

OBJECT_NAME = "DruktemeterDock"


class DruktemeterDock(QDockWidget):
    """Holds the status, the alert list and the demo controls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(tr("Druktemeter"), parent)
        self.setObjectName(OBJECT_NAME)
        body = QWidget(self)
        self.body_layout = QVBoxLayout(body)
        self.empty_label = QLabel(self.empty_text(), body)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body_layout.addWidget(self.empty_label)
        self.body_layout.addStretch(1)
        self.setWidget(body)

    @staticmethod
    def empty_text() -> str:
        return tr(
            "No crowd data yet. Configure a feed under Settings, "
            "or switch on demo mode to practise without a network."
        )
