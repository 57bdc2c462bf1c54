"""Runs inside QGIS (``qgis --code``): wait for the plugin's first data, save a
screenshot and a JSON report next to it, then quit QGIS with an exit code."""

import json
import os
import threading
import time
import traceback
from pathlib import Path

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.utils import active_plugins, iface, plugins

SNAPSHOT = Path(os.environ["DRUKTEMETER_SNAPSHOT"])
DEADLINE = time.monotonic() + float(os.environ.get("DRUKTEMETER_SNAPSHOT_TIMEOUT", "120"))
REPORT = SNAPSHOT.with_suffix(".json")
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
        if not plugin.ready_for_snapshot():
            if time.monotonic() > DEADLINE:
                finish(6, reason="plugin never drew its first data")
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
    finish(0 if not python_errors else 8, **facts)


iface.mainWindow().setGeometry(0, 0, 1600, 1000)  # Xvfb has no window manager to maximise it
QTimer.singleShot(1000, check)
