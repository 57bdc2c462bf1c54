"""A banner drawn over the map canvas: the exercise marking (top left), a hint for a map tool
(bottom left, e.g. how to draw the region), or the map data's attribution (bottom right)."""

from __future__ import annotations

from qgis.PyQt.QtCore import QEvent, QObject
from qgis.PyQt.QtWidgets import QLabel, QWidget

STYLE = (
    "background: rgba(230, 97, 1, 220); color: white; font-size: 18px; font-weight: bold;"
    "padding: 6px 14px; border-radius: 4px;"
)
HINT_STYLE = (
    "background: rgba(30, 30, 30, 210); color: white; font-size: 14px;padding: 6px 12px; border-radius: 4px;"
)
ATTRIBUTION_STYLE = "background: rgba(255, 255, 255, 190); color: #333; font-size: 11px; padding: 1px 6px;"
MARGIN = 12


class CanvasBanner(QLabel):
    """Sits in the top-left (or bottom-left) corner of the canvas and follows its resizes."""

    def __init__(
        self, canvas: QWidget, text: str, style: str = STYLE, bottom: bool = False, right: bool = False
    ) -> None:
        super().__init__(text, canvas)
        self.setObjectName("DruktemeterCanvasBanner")
        self.setStyleSheet(style)
        self.bottom = bottom
        self.right = right
        self.adjustSize()
        self._place()
        canvas.installEventFilter(self)

    def _place(self) -> None:
        top = self.parent().height() - self.height() - MARGIN if self.bottom else MARGIN
        left = self.parent().width() - self.width() - MARGIN if self.right else MARGIN
        self.move(max(MARGIN, left), max(MARGIN, top))

    def set_text(self, text: str) -> None:
        self.setText(text)
        self.adjustSize()
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def remove(self) -> None:
        self.parent().removeEventFilter(self)
        self.hide()
        self.deleteLater()
