"""A banner drawn over the map canvas so nobody mistakes an exercise for live data."""

from __future__ import annotations

from qgis.PyQt.QtCore import QEvent, QObject
from qgis.PyQt.QtWidgets import QLabel, QWidget

STYLE = (
    "background: rgba(230, 97, 1, 220); color: white; font-size: 18px; font-weight: bold;"
    "padding: 6px 14px; border-radius: 4px;"
)
MARGIN = 12


class CanvasBanner(QLabel):
    """Sits in the top-left corner of the canvas and follows its resizes."""

    def __init__(self, canvas: QWidget, text: str) -> None:
        super().__init__(text, canvas)
        self.setObjectName("DruktemeterCanvasBanner")
        self.setStyleSheet(STYLE)
        self.adjustSize()
        self.move(MARGIN, MARGIN)
        canvas.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:
            self.move(MARGIN, MARGIN)
        return False

    def remove(self) -> None:
        self.parent().removeEventFilter(self)
        self.hide()
        self.deleteLater()
