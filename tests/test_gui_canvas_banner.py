"""The exercise banner over the map canvas."""

from __future__ import annotations

from druktemeter.plugin.gui.canvas_banner import MARGIN, CanvasBanner
from qgis.gui import QgsMapCanvas


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


def test_removed_banner_is_hidden_and_no_longer_filters_canvas_events(qtbot):
    canvas = QgsMapCanvas()
    qtbot.addWidget(canvas)
    banner = CanvasBanner(canvas, "OEFENING / DEMO")
    banner.remove()
    assert not banner.isVisible()
    canvas.resize(300, 200)  # would reach a deleted filter if it were still installed


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
