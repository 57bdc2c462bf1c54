"""A banner drawn over the map canvas: the exercise marking, so nobody mistakes an exercise
for live data (top left); a hint for a map tool (bottom left, e.g. how to draw the region); the
map data's attribution (bottom right).

QGIS lays some widgets over the top of the canvas rather than beside it: its message
bar shares the canvas's grid cell (QGIS 3.40 shows "installing the Open Sans font
failed" there when offline), and a plugin may add its own. The banner therefore keeps
to the top-left corner of the part of the canvas that nothing covers, and moves again
whenever one of those widgets appears, disappears, moves or grows.
"""

from __future__ import annotations

from typing import Optional

from qgis.PyQt import sip
from qgis.PyQt.QtCore import QEvent, QObject, QPoint, QRect, Qt
from qgis.PyQt.QtWidgets import QLabel, QMainWindow, QWidget

STYLE = (
    "background: rgba(230, 97, 1, 220); color: white; font-size: 18px; font-weight: bold;"
    "padding: 6px 14px; border-radius: 4px;"
)
HINT_STYLE = (
    "background: rgba(30, 30, 30, 210); color: white; font-size: 14px;padding: 6px 12px; border-radius: 4px;"
)
ATTRIBUTION_STYLE = "background: rgba(255, 255, 255, 190); color: #333; font-size: 11px; padding: 1px 6px;"
MARGIN = 12
PLACEMENT_EVENTS = (QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show, QEvent.Type.Hide)


def overlay_candidates(canvas: QWidget) -> list[QWidget]:
    """Widgets that can lie over ``canvas``: siblings of the canvas and of its ancestors, up to the
    main window's central widget (docks and toolbars sit beside it, never over it)."""
    candidates = []
    child = canvas
    parent = canvas.parentWidget()
    while parent is not None and not isinstance(parent, QMainWindow) and not child.isWindow():
        candidates += [
            widget
            for widget in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if widget is not child and not widget.isWindow()
        ]
        child, parent = parent, parent.parentWidget()
    return candidates


class CanvasBanner(QLabel):
    """Top-left on the canvas, below whatever QGIS shows over it (or in a bottom corner, where
    nothing lies over the canvas); follows resizes."""

    def __init__(
        self, canvas: QWidget, text: str, style: str = STYLE, bottom: bool = False, right: bool = False
    ) -> None:
        super().__init__(text, canvas)
        self.setObjectName("DruktemeterCanvasBanner")
        self.setStyleSheet(style)
        self.bottom = bottom
        self.right = right
        self.adjustSize()
        self.watched = [canvas, *overlay_candidates(canvas)]
        for widget in self.watched:
            widget.installEventFilter(self)
        self.place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in PLACEMENT_EVENTS:
            self.place(leaving=watched if event.type() == QEvent.Type.Hide else None)
        return False

    def alive(self) -> list[QWidget]:
        """The watched widgets QGIS has not deleted meanwhile."""
        return [widget for widget in self.watched if not sip.isdeleted(widget)]

    def covered(self, leaving: Optional[QObject] = None) -> list[QRect]:
        """Canvas areas (canvas coordinates) under visible overlays, ``leaving`` not counted."""
        canvas = self.parentWidget()
        rects = []
        for widget in self.alive():
            if widget is canvas or widget is leaving or not widget.isVisible():
                continue
            top_left = canvas.mapFromGlobal(widget.mapToGlobal(QPoint(0, 0)))
            rect = QRect(top_left, widget.size()).intersected(canvas.rect())
            if not rect.isEmpty():
                rects.append(rect)
        return sorted(rects, key=QRect.top)

    def place(self, leaving: Optional[QObject] = None) -> None:
        """Move to the highest free spot at the margin, below every overlay in the way; a bottom
        banner to the bottom corner."""
        canvas = self.parentWidget()
        left = canvas.width() - self.width() - MARGIN if self.right else MARGIN
        top = canvas.height() - self.height() - MARGIN if self.bottom else MARGIN
        if not self.bottom:
            for rect in self.covered(leaving):
                if rect.intersects(QRect(left, top, self.width(), self.height())):
                    top = rect.bottom() + 1 + MARGIN
        self.move(max(MARGIN, left), max(MARGIN, top))
        self.raise_()

    def set_text(self, text: str) -> None:
        self.setText(text)
        self.adjustSize()
        self.place()

    def remove(self) -> None:
        for widget in self.alive():
            widget.removeEventFilter(self)
        self.hide()
        self.deleteLater()
