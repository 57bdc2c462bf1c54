"""The exercise banner over the map canvas: top-left, and never under what QGIS lays over the canvas."""

from __future__ import annotations

import pytest
from druktemeter.plugin.gui.canvas_banner import MARGIN, CanvasBanner
from qgis.core import Qgis
from qgis.gui import QgsMapCanvas, QgsMessageBar
from qgis.PyQt.QtCore import QPoint, QRect
from qgis.PyQt.QtWidgets import QGridLayout, QMainWindow, QStackedWidget, QWidget


@pytest.fixture
def qgis_like_window(qtbot):
    """The layout of QGIS's main window: the canvas in a stack spanning two grid rows, the message
    bar in the first row of the same grid, so the bar lies over the top of the canvas."""
    window = QMainWindow()
    qtbot.addWidget(window)
    central = QWidget(window)
    grid = QGridLayout(central)
    grid.setContentsMargins(0, 0, 0, 0)
    stack = QStackedWidget()
    canvas = QgsMapCanvas()
    stack.addWidget(canvas)
    grid.addWidget(stack, 0, 0, 2, 1)
    bar = QgsMessageBar(central)
    grid.addWidget(bar, 0, 0, 1, 1)
    window.setCentralWidget(central)
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    yield canvas, bar
    window.close()


def on_canvas(canvas, widget) -> QRect:
    return QRect(canvas.mapFromGlobal(widget.mapToGlobal(QPoint(0, 0))), widget.size())


def test_banner_sits_top_left_and_stays_there_on_resize(qtbot):
    canvas = QgsMapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(800, 600)
    canvas.show()
    banner = CanvasBanner(canvas, "OEFENING / DEMO")
    banner.show()
    assert banner.parent() is canvas and (banner.x(), banner.y()) == (MARGIN, MARGIN)
    assert banner.width() > 50 and banner.isVisible()
    canvas.resize(400, 300)
    qtbot.waitUntil(lambda: (banner.x(), banner.y()) == (MARGIN, MARGIN))


def test_a_message_bar_over_the_canvas_pushes_the_banner_below_it_and_lets_it_back(qgis_like_window, qtbot):
    canvas, bar = qgis_like_window
    banner = CanvasBanner(canvas, "OEFENING / DEMO")
    banner.show()
    assert (banner.x(), banner.y()) == (MARGIN, MARGIN) and not bar.isVisible()

    bar.pushMessage("Installing the Open Sans font failed", "offline", Qgis.MessageLevel.Warning)
    qtbot.waitUntil(lambda: bar.isVisible() and bar.height() > 10)
    qtbot.waitUntil(lambda: not on_canvas(canvas, bar).intersects(banner.geometry()))
    assert on_canvas(canvas, bar).intersects(QRect(MARGIN, MARGIN, banner.width(), banner.height()))
    assert banner.y() == on_canvas(canvas, bar).bottom() + 1 + MARGIN and banner.isVisible()

    bar.pushMessage("A second, longer message", "that makes the bar no smaller", Qgis.MessageLevel.Info)
    qtbot.waitUntil(lambda: not on_canvas(canvas, bar).intersects(banner.geometry()))

    bar.clearWidgets()
    qtbot.waitUntil(lambda: not bar.isVisible())
    qtbot.waitUntil(lambda: (banner.x(), banner.y()) == (MARGIN, MARGIN))


def test_a_banner_made_while_the_bar_shows_starts_below_it(qgis_like_window, qtbot):
    canvas, bar = qgis_like_window
    bar.pushMessage("Installing the Open Sans font failed", "offline", Qgis.MessageLevel.Warning)
    qtbot.waitUntil(lambda: bar.isVisible() and bar.height() > 10)
    banner = CanvasBanner(canvas, "OEFENING / DEMO")
    banner.show()
    assert not on_canvas(canvas, bar).intersects(banner.geometry())


def test_removed_banner_is_hidden_and_no_longer_filters_events(qgis_like_window, qtbot):
    canvas, bar = qgis_like_window
    banner = CanvasBanner(canvas, "OEFENING / DEMO")
    banner.remove()
    assert not banner.isVisible()
    canvas.resize(300, 200)  # would reach a deleted filter if it were still installed
    bar.pushMessage("Still works", "", Qgis.MessageLevel.Info)
    qtbot.waitUntil(bar.isVisible)


def test_a_hint_sits_bottom_left_and_follows_the_canvas_height(qtbot):
    from druktemeter.plugin.gui.canvas_banner import HINT_STYLE

    canvas = QgsMapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(800, 600)
    canvas.show()
    hint = CanvasBanner(canvas, "Click the corners of the region", HINT_STYLE, bottom=True)
    hint.show()
    assert (hint.x(), hint.y() + hint.height()) == (MARGIN, 600 - MARGIN)
    canvas.resize(800, 400)
    qtbot.waitUntil(lambda: hint.y() + hint.height() == 400 - MARGIN)
