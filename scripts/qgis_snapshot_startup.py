"""Runs inside QGIS (``qgis --code``): wait for the plugin's first data, save a
screenshot and a JSON report next to it, then quit QGIS with an exit code.

With ``DRUKTEMETER_SNAPSHOT_ALERT`` set it waits for the first alert instead,
saves that moment, clicks the alert's row in the dock as an operator would, and
saves the zoomed map as ``<snapshot>-zoomed.png`` with facts about the zoom."""

import json
import os
import threading
import time
import traceback
from pathlib import Path

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtTest import QTest
from qgis.utils import active_plugins, iface, plugins

SNAPSHOT = Path(os.environ["DRUKTEMETER_SNAPSHOT"])
DEADLINE = time.monotonic() + float(os.environ.get("DRUKTEMETER_SNAPSHOT_TIMEOUT", "120"))
REPORT = SNAPSHOT.with_suffix(".json")
ALERT = bool(os.environ.get("DRUKTEMETER_SNAPSHOT_ALERT"))
ZOOMED = SNAPSHOT.with_name(SNAPSHOT.stem + "-zoomed.png")
python_errors = []


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


iface.mainWindow().setGeometry(0, 0, 1600, 1000)  # Xvfb has no window manager to maximise it
QTimer.singleShot(1000, check)
