"""A map tool to draw the region: click the corners, double-click or right-click to finish, Esc cancels."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsWkbTypes,
)
from qgis.gui import QgsMapCanvas, QgsMapMouseEvent, QgsMapTool, QgsRubberBand
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor, QKeyEvent

from ..core.i18n import tr
from ..mapping import WGS84


def drawing_hint() -> str:
    """What to tell the user while the tool is active (e.g. in the message bar)."""
    return tr("Click the corners of the region; double-click or right-click to finish, Esc cancels.")


class RegionTool(QgsMapTool):
    """Emits ``polygonDrawn(wkt)`` (EPSG:4326) when finished, ``cancelled()`` on Esc."""

    polygonDrawn = pyqtSignal(str)  # noqa: N815 (Qt signal naming)
    cancelled = pyqtSignal()

    def __init__(self, canvas: QgsMapCanvas) -> None:
        super().__init__(canvas)
        self.points: list[QgsPointXY] = []
        self.band = QgsRubberBand(canvas, QgsWkbTypes.GeometryType.PolygonGeometry)
        self.band.setColor(QColor(200, 30, 30, 160))
        self.band.setFillColor(QColor(200, 30, 30, 40))
        self.band.setWidth(2)
        self.setCursor(Qt.CursorShape.CrossCursor)

    def canvasReleaseEvent(self, event: QgsMapMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.RightButton:
            self.finish()
        elif event.button() == Qt.MouseButton.LeftButton:
            point = self.toMapCoordinates(event.pos())
            if not self.points or point != self.points[-1]:  # the second click of a double-click
                self.points.append(point)
            self.redraw()

    def canvasDoubleClickEvent(self, event: QgsMapMouseEvent) -> None:  # noqa: N802
        self.finish()

    def canvasMoveEvent(self, event: QgsMapMouseEvent) -> None:  # noqa: N802
        if self.points:
            self.redraw(self.toMapCoordinates(event.pos()))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.reset()
            self.cancelled.emit()

    def redraw(self, moving: QgsPointXY | None = None) -> None:
        points = self.points + ([moving] if moving is not None else [])
        outline = QgsGeometry.fromPolygonXY([points]) if len(points) > 2 else QgsGeometry()
        self.band.setToGeometry(outline, None)

    def finish(self) -> None:
        """Emit the polygon when it has at least three corners; otherwise keep drawing."""
        if len(self.points) < 3:
            return
        polygon = QgsGeometry.fromPolygonXY([[*self.points, self.points[0]]])
        canvas_crs = self.canvas().mapSettings().destinationCrs()
        if canvas_crs != WGS84:
            polygon.transform(QgsCoordinateTransform(canvas_crs, WGS84, QgsProject.instance()))
        self.reset()
        self.polygonDrawn.emit(polygon.asWkt(7))

    def reset(self) -> None:
        self.points = []
        self.band.reset(QgsWkbTypes.GeometryType.PolygonGeometry)

    def deactivate(self) -> None:
        self.reset()
        super().deactivate()

    def close(self) -> None:
        """Take the outline off the canvas for good (call before dropping the tool)."""
        self.reset()
        self.canvas().scene().removeItem(self.band)
