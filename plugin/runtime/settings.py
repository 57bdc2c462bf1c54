"""The plugin's settings in QGIS's user profile, typed by ``core/config.py``."""

from __future__ import annotations

from typing import Any

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..core.config import SETTINGS, coerce

PREFIX = "druktemeter/"


class PluginSettings(QObject):
    """Reads and writes declared keys; emits ``changed(key)`` so changes apply live."""

    changed = pyqtSignal(str)

    def value(self, key: str) -> Any:
        setting = SETTINGS[key]
        return coerce(setting, QgsSettings().value(PREFIX + key, setting.default))

    def set_value(self, key: str, value: Any) -> None:
        setting = SETTINGS[key]
        typed = coerce(setting, value)
        if typed == self.value(key):
            return
        QgsSettings().setValue(PREFIX + key, typed)
        self.changed.emit(key)
