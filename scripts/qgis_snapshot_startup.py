"""Runs inside QGIS (``qgis --code``): wait for the plugin's first data, save a
screenshot and a JSON report next to it, then quit QGIS with an exit code.

With ``DRUKTEMETER_SNAPSHOT_ALERT`` set it waits for the first alert instead,
saves that moment, clicks the alert's row in the dock as an operator would, and
saves the zoomed map as ``<snapshot>-zoomed.png`` with facts about the zoom.

With ``DRUKTEMETER_SNAPSHOT_PLAYBACK`` set it asks for a play-back of the hour
before the first interval in the dock (as a trainer would), lets the canvas's
Temporal Controller step to its first and last frame, saves each frame of the
canvas (``<snapshot>-frame<N>.png``) and reports, per sampled cell, what the
crowd style must show in each frame and where on the canvas to look."""

import json
import os
import threading
import time
import traceback
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsPointXY,
    QgsProject,
    QgsTemporalNavigationObject,
)
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtTest import QTest
from qgis.utils import active_plugins, iface, plugins

SNAPSHOT = Path(os.environ["DRUKTEMETER_SNAPSHOT"])
DEADLINE = time.monotonic() + float(os.environ.get("DRUKTEMETER_SNAPSHOT_TIMEOUT", "120"))
REPORT = SNAPSHOT.with_suffix(".json")
ALERT = bool(os.environ.get("DRUKTEMETER_SNAPSHOT_ALERT"))
ZOOMED = SNAPSHOT.with_name(SNAPSHOT.stem + "-zoomed.png")
PLAYBACK = bool(os.environ.get("DRUKTEMETER_SNAPSHOT_PLAYBACK"))
PLAYBACK_FRAMES = (0, 3)  # the first and the last quarter of the hour played back
python_errors = []
# Whatever happens inside QGIS (a modal dialog, a hung render), this process ends.
WATCHDOG = threading.Timer(DEADLINE - time.monotonic() + 45.0, os._exit, args=(9,))
WATCHDOG.daemon = True  # never keeps a QGIS that exits normally waiting
WATCHDOG.start()


def on_log(message, tag, level):
    if tag in ("Python error", "Python warning") or "Traceback" in message:
        python_errors.append(f"{tag}: {message}")


QgsApplication.messageLog().messageReceived.connect(on_log)


def finish(code, **facts):
    REPORT.write_text(json.dumps({"exit_code": code, "python_errors": python_errors, **facts}, indent=2))
    # Scratch layers would make QGIS ask "proceed?" on exit: take them out first.
    QgsProject.instance().clear()
    QgsProject.instance().setDirty(False)
    # A modal dialog runs its own event loop and would swallow exit(): force it.
    threading.Timer(15.0, os._exit, args=(code,)).start()
    QgsApplication.instance().exit(code)


def check():
    try:
        plugin = plugins.get("druktemeter")
        if plugin is None:
            if time.monotonic() > DEADLINE:
                finish(5, reason="plugin not loaded", active_plugins=list(active_plugins))
                return
            QTimer.singleShot(500, check)
            return
        if not plugin.ready_for_snapshot() or (ALERT and not plugin.alert_panel.open_alerts()):
            if time.monotonic() > DEADLINE:
                finish(6, reason="plugin never drew its first data" + (" or alert" if ALERT else ""))
                return
            QTimer.singleShot(500, check)
            return
        QTimer.singleShot(1500, lambda: snap(plugin))  # let the canvas finish painting
    except Exception:
        finish(7, reason=traceback.format_exc())


def snap(plugin):
    if not plugin.ready_for_snapshot():  # the project was replaced meanwhile: wait for the data again
        QTimer.singleShot(500, check)
        return
    window = iface.mainWindow()
    window.grab().save(str(SNAPSHOT))
    dock = plugin.dock
    facts = {
        "plugin_loaded": "druktemeter" in active_plugins,
        "dock_visible": bool(dock is not None and dock.isVisible()),
        "dock_geometry": [] if dock is None else list(dock.geometry().getRect()),
        "window_size": [window.width(), window.height()],
        "snapshot": str(SNAPSHOT),
    }
    facts.update(plugin.snapshot_facts())
    if ALERT:
        click_first_alert(plugin, facts)
        return
    if PLAYBACK:
        request_playback(plugin, facts)
        return
    finish(0 if not python_errors else 8, **facts)


def click_first_alert(plugin, facts):
    """Click the newest open alert's row, as an operator would, then snapshot the zoomed map."""
    panel = plugin.alert_panel
    table = panel.table
    facts["first_alert"] = {"place": table.item(0, 1).text(), "cell_id": panel.open_alerts()[0].cell_id}
    rect = table.visualItemRect(table.item(0, 1))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTimer.singleShot(3000, lambda: snap_zoomed(plugin, facts))


def snap_zoomed(plugin, facts):
    canvas = iface.mapCanvas()
    if canvas.isDrawing() and time.monotonic() < DEADLINE:
        QTimer.singleShot(500, lambda: snap_zoomed(plugin, facts))
        return
    iface.mainWindow().grab().save(str(ZOOMED))
    facts["zoomed_snapshot"] = str(ZOOMED)
    facts["zoom"] = plugin.zoom_facts(facts["first_alert"]["cell_id"])
    facts["details"] = plugin.alert_panel.details.toolTip()  # everything about the alert clicked
    finish(0 if not python_errors else 8, **facts)


def request_playback(plugin, facts):
    """Choose one hour in the dock and press *Play back*, as a trainer would."""
    chart = plugin.chart_panel
    chart.playback_hours.setCurrentIndex(chart.playback_hours.findData(1))
    start, end = chart.playback_window()
    facts["playback"] = {"window": [start.isoformat(), end.isoformat()], "frames": []}
    added = []
    QgsProject.instance().layerWasAdded.connect(added.append)
    chart.playback_button.click()
    wait_for_playback_layer(plugin, facts, added)


def wait_for_playback_layer(plugin, facts, added):
    layers = [layer for layer in added if layer.temporalProperties().isActive()]
    if not layers:
        if time.monotonic() > DEADLINE:
            finish(10, reason="no play-back layer was added", **facts)
            return
        QTimer.singleShot(250, lambda: wait_for_playback_layer(plugin, facts, added))
        return
    layer = layers[0]
    canvas = iface.mapCanvas()
    navigation = canvas.temporalController()
    playback = facts["playback"]
    playback.update(
        layer=layer.name(),
        features=layer.featureCount(),
        controller_class=type(navigation).__name__,
        navigation_object=isinstance(navigation, QgsTemporalNavigationObject),
    )
    if not isinstance(navigation, QgsTemporalNavigationObject):
        finish(11, reason="the canvas's temporal controller is not a navigation object", **facts)
        return
    extents = navigation.temporalExtents()
    playback.update(
        animated=navigation.navigationMode() == _animated_mode(),
        frame_seconds=navigation.frameDuration().seconds(),
        frame_count=navigation.totalFrameCount(),
        extent=[
            iso(extents.begin()),
            iso(extents.end()),
        ],
    )
    # Only the play-back on a plain background: the live layer and the context would hide it.
    root = QgsProject.instance().layerTreeRoot()
    for node in root.findLayers():
        node.setItemVisibilityChecked(node.layerId() == layer.id())
    canvas.setExtent(canvas.mapSettings().layerExtentToOutputExtent(layer, layer.extent()))
    step_to_frame(layer, facts, list(PLAYBACK_FRAMES))


def iso(moment):
    return moment.toUTC().toString(Qt.DateFormat.ISODate)


def _animated_mode():
    modes = getattr(Qgis, "TemporalNavigationMode", None) or QgsTemporalNavigationObject.NavigationMode
    return modes.Animated


def step_to_frame(layer, facts, frames):
    """Let the Temporal Controller show ``frames[0]``; once the canvas has drawn it, save it."""
    if not frames:
        facts["playback"]["cells"] = sampled_cells(layer, facts["playback"]["frames"])
        finish(0 if not python_errors else 8, **facts)
        return
    navigation = iface.mapCanvas().temporalController()
    if frames[0] > navigation.currentFrameNumber():
        for _ in range(frames[0] - navigation.currentFrameNumber()):
            navigation.next()  # the controller's "next frame" button
    else:
        navigation.setCurrentFrameNumber(frames[0])
    QTimer.singleShot(1000, lambda: save_frame(layer, facts, frames))


def save_frame(layer, facts, frames):
    canvas = iface.mapCanvas()
    wanted = canvas.temporalController().dateTimeRangeForFrameNumber(frames[0])
    if canvas.isDrawing() or canvas.mapSettings().temporalRange() != wanted:
        if time.monotonic() > DEADLINE:
            finish(12, reason=f"the canvas never drew frame {frames[0]}", **facts)
            return
        QTimer.singleShot(250, lambda: save_frame(layer, facts, frames))
        return
    path = SNAPSHOT.with_name(f"{SNAPSHOT.stem}-frame{frames[0]}.png")
    canvas.grab().save(str(path))
    facts["playback"]["frames"].append(
        {
            "frame": frames[0],
            "image": str(path),
            "range": [
                iso(wanted.begin()),
                iso(wanted.end()),
            ],
            "start_seconds": wanted.begin().toSecsSinceEpoch(),
            "canvas_is_temporal": canvas.mapSettings().isTemporal(),
        }
    )
    step_to_frame(layer, facts, frames[1:])


def sampled_cells(layer, frames):
    """Per cell large enough on screen: canvas pixels inside it (clear of its edge and of the trend
    arrow at its centre) and, per frame saved, its state and the colour its rule fills it with."""
    canvas = iface.mapCanvas()
    settings = canvas.mapSettings()
    to_pixel = canvas.getCoordinateTransform()
    to_map = QgsCoordinateTransform(layer.crs(), settings.destinationCrs(), QgsProject.instance())
    pixel_size = settings.mapUnitsPerPixel()
    starts = {f["start_seconds"]: f["frame"] for f in frames}
    cells = {}
    for feature in layer.getFeatures():
        frame = starts.get(feature["interval_start"].toSecsSinceEpoch())
        if frame is None:
            continue
        cell = cells.setdefault(
            feature["cell_id"], {"states": {}, "colours": {}, "geometry": feature.geometry()}
        )
        cell["states"][frame] = feature["state"]
        cell["colours"][frame] = expected_colour(layer, feature["drawn"], canvas.canvasColor())
    banners = [
        w.geometry() for w in canvas.children() if type(w).__name__ == "CanvasBanner" and w.isVisible()
    ]
    report = []
    for cell_id, cell in cells.items():
        geometry = QgsGeometry(cell.pop("geometry"))
        geometry.transform(to_map)
        inner = geometry.buffer(-3 * pixel_size, 2)  # clear of the anti-aliased edge
        centre = to_pixel.transform(geometry.centroid().asPoint())
        arrow = geometry.area() / pixel_size**2 > 300  # the style draws arrows on cells of ~30 x 30 px
        box = geometry.boundingBox()
        corner, far = (
            to_pixel.transform(box.xMinimum(), box.yMaximum()),
            to_pixel.transform(box.xMaximum(), box.yMinimum()),
        )
        points = []
        for py in range(int(corner.y()), int(far.y()) + 1, 3):
            for px in range(int(corner.x()), int(far.x()) + 1, 3):
                if arrow and (px - centre.x()) ** 2 + (py - centre.y()) ** 2 < 16**2:
                    continue
                if any(banner.contains(px, py) for banner in banners):
                    continue
                point = to_pixel.toMapCoordinates(px, py)
                if inner.contains(QgsGeometry.fromPointXY(QgsPointXY(point))):
                    points.append([px, py])
        if len(points) >= 6:
            report.append({"cell_id": cell_id, "points": points[:30], **cell})
    return report


def expected_colour(layer, drawn, background):
    """The colour the crowd style's rule for ``drawn`` paints, over the canvas background."""
    key = (
        f"druktemeter:band:{drawn // 4}"
        if drawn >= 0
        else ("druktemeter:suppressed" if drawn == -1 else "druktemeter:no_data")
    )
    symbol = layer.renderer().rootRule().findRuleByKey(key).symbol()
    colour = symbol.symbolLayer(0).color()
    alpha = colour.alphaF() * symbol.opacity() * layer.opacity()
    return [round(alpha * c + (1 - alpha) * b) for c, b in zip(colour.getRgb()[:3], background.getRgb()[:3])]


iface.mainWindow().setGeometry(0, 0, 1600, 1000)  # Xvfb has no window manager to maximise it
QTimer.singleShot(1000, check)
