"""Drawing the region on a real map canvas: clicks, finishing, cancelling, reprojection to EPSG:4326."""

from __future__ import annotations

import pytest
from druktemeter.plugin.gui.region_tool import RegionTool
from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsRectangle
from qgis.gui import QgsMapCanvas, QgsMapMouseEvent
from qgis.PyQt.QtCore import QEvent, QPoint, Qt
from qgis.PyQt.QtGui import QKeyEvent


@pytest.fixture
def canvas(qtbot):
    canvas = QgsMapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(400, 400)
    canvas.show()
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    canvas.setExtent(QgsRectangle(5, 51, 6, 52))
    canvas.refresh()
    return canvas


def click(tool: RegionTool, canvas, x: int, y: int, button=Qt.MouseButton.LeftButton) -> None:
    event = QgsMapMouseEvent(canvas, QEvent.Type.MouseButtonRelease, QPoint(x, y), button, button)
    tool.canvasReleaseEvent(event)


def draw_square(tool, canvas) -> None:
    for x, y in ((100, 100), (300, 100), (300, 300), (100, 300)):
        click(tool, canvas, x, y)


def test_right_click_finishes_a_polygon_in_wgs84(qtbot, canvas):
    tool = RegionTool(canvas)
    canvas.setMapTool(tool)
    draw_square(tool, canvas)
    with qtbot.waitSignal(tool.polygonDrawn) as drawn:
        click(tool, canvas, 300, 300, Qt.MouseButton.RightButton)
    polygon = QgsGeometry.fromWkt(drawn.args[0])
    expected = QgsRectangle(canvas.getCoordinateTransform().toMapCoordinates(100, 300),
                            canvas.getCoordinateTransform().toMapCoordinates(300, 100))  # fmt: skip
    assert polygon.area() == pytest.approx(expected.area(), rel=1e-4)
    assert tool.points == []


def test_double_click_finishes_and_its_second_click_adds_no_corner(qtbot, canvas):
    tool = RegionTool(canvas)
    draw_square(tool, canvas)
    click(tool, canvas, 100, 300)  # the double-click's release repeats the last corner
    assert len(tool.points) == 4
    left = Qt.MouseButton.LeftButton
    event = QgsMapMouseEvent(canvas, QEvent.Type.MouseButtonDblClick, QPoint(100, 300), left, left)
    with qtbot.waitSignal(tool.polygonDrawn):
        tool.canvasDoubleClickEvent(event)


def test_fewer_than_three_corners_do_not_finish(qtbot, canvas):
    tool = RegionTool(canvas)
    click(tool, canvas, 100, 100)
    click(tool, canvas, 200, 100)
    with qtbot.assertNotEmitted(tool.polygonDrawn):
        click(tool, canvas, 200, 100, Qt.MouseButton.RightButton)
    assert len(tool.points) == 2


def test_escape_cancels(qtbot, canvas):
    tool = RegionTool(canvas)
    draw_square(tool, canvas)
    with qtbot.waitSignal(tool.cancelled), qtbot.assertNotEmitted(tool.polygonDrawn):
        tool.keyPressEvent(QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier))
    assert tool.points == []


def test_a_canvas_in_rd_new_still_yields_wgs84(qtbot, canvas):
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:28992"))
    canvas.setExtent(QgsRectangle(150000, 400000, 170000, 420000))
    canvas.refresh()
    tool = RegionTool(canvas)
    draw_square(tool, canvas)
    with qtbot.waitSignal(tool.polygonDrawn) as drawn:
        click(tool, canvas, 100, 300, Qt.MouseButton.RightButton)
    box = QgsGeometry.fromWkt(drawn.args[0]).boundingBox()
    assert 5.0 < box.xMinimum() < box.xMaximum() < 6.0 and 51.0 < box.yMinimum() < box.yMaximum() < 52.0


def test_close_takes_the_outline_off_the_canvas(canvas):
    tool = RegionTool(canvas)
    assert tool.band in canvas.scene().items()
    tool.close()
    assert tool.band not in canvas.scene().items()
