"""The plugin's settings in QGIS's user profile, typed by ``core/config.py``.

They live in the ``Plugins`` section of ``QgsSettings`` (``plugins/druktemeter/...``),
where QGIS keeps plugins' settings. Earlier builds wrote them at the top level of the
profile (``druktemeter/...``); :func:`migrate_legacy_keys` moves those once.
"""

from __future__ import annotations

import logging
from typing import Any

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..core.config import SETTINGS, coerce

GROUP = "druktemeter"
PREFIX = (
    f"plugins/{GROUP}/"  # what QgsSettings.Section.Plugins prepends ("plugins/"), then the plugin's group
)
LEGACY_GROUP = GROUP  # top-level group of earlier builds
LOGGER = logging.getLogger("druktemeter.settings")


def migrate_legacy_keys() -> int:
    """Move keys an earlier version stored at the top level into the Plugins section; the number moved.

    A key already set in the Plugins section wins. Copy and removal reach the disk in
    the same write, so a profile that cannot be written keeps the old keys, and the move
    is tried again at the next start: nothing is lost either way.
    """
    store = QgsSettings()
    store.beginGroup(LEGACY_GROUP, QgsSettings.Section.NoSection)
    legacy = {key: store.value(key) for key in store.allKeys()}
    store.endGroup()
    for key, value in legacy.items():
        if not store.contains(PREFIX + key):
            store.setValue(PREFIX + key, value)
    if legacy:
        store.remove(LEGACY_GROUP)
        store.sync()
        LOGGER.info("Moved %d settings to the Plugins section", len(legacy))
    return len(legacy)


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
