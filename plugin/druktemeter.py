"""The QGIS plugin object: wires actions, dock, translation and logging, and undoes it all on unload."""

from __future__ import annotations

import logging

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from .core import i18n
from .core.i18n import tr
from .core.metadata import PLUGIN_ROOT
from .gui.dock import DruktemeterDock
from .runtime import log
from .runtime.settings import PluginSettings

LOGGER = logging.getLogger(log.LOGGER_NAME)
ICON_PATH = PLUGIN_ROOT / "resources" / "icons" / "druktemeter.svg"


def user_language() -> str:
    """The two-letter language QGIS runs in (its override setting first)."""
    settings = QgsSettings()
    locale = QLocale().name()
    if settings.value("locale/overrideFlag", False, type=bool):
        locale = settings.value("locale/userLocale", locale) or locale
    return str(locale)[:2]


class DruktemeterPlugin:
    """Created by ``classFactory``; QGIS calls :meth:`initGui` and :meth:`unload`."""

    MENU = "&Druktemeter"

    def __init__(self, iface) -> None:
        self.iface = iface
        self.translator: QTranslator | None = None
        self.log_handler: log.QgisLogHandler | None = None
        self.action: QAction | None = None
        self.dock: DruktemeterDock | None = None
        self.settings = PluginSettings()

    def initGui(self) -> None:
        self.install_translator()
        self.log_handler = log.install()
        self.action = QAction(QIcon(str(ICON_PATH)), tr("Druktemeter"), self.iface.mainWindow())
        self.action.setObjectName("DruktemeterShowDock")
        self.action.setToolTip(tr("Show the Druktemeter crowd map panel"))
        self.action.setCheckable(True)
        self.action.toggled.connect(self.set_dock_visible)
        self.iface.addToolBarIcon(self.action)
        self.iface.addPluginToMenu(self.MENU, self.action)
        if self.settings.value("demo/enabled"):
            self.action.setChecked(True)
        LOGGER.info("Druktemeter loaded")

    def install_translator(self) -> None:
        qm_path = PLUGIN_ROOT / "i18n" / f"druktemeter_{user_language()}.qm"
        if qm_path.exists():
            translator = QTranslator()
            if translator.load(str(qm_path)):
                QCoreApplication.installTranslator(translator)
                self.translator = translator
        i18n.install(QCoreApplication.translate)

    def ensure_dock(self) -> DruktemeterDock:
        if self.dock is None:
            self.dock = DruktemeterDock(self.iface.mainWindow())
            self.dock.visibilityChanged.connect(self.on_dock_visibility)
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        return self.dock

    def set_dock_visible(self, visible: bool) -> None:
        if visible:
            dock = self.ensure_dock()
            dock.show()
            dock.raise_()
        elif self.dock is not None:
            self.dock.hide()

    def on_dock_visibility(self, visible: bool) -> None:
        if self.action is not None and self.action.isChecked() != visible:
            self.action.setChecked(visible)

    def ready_for_snapshot(self) -> bool:
        """True once the plugin shows what a user should see (used by ``make demo SNAPSHOT=``)."""
        return self.dock is not None and self.dock.isVisible()

    def snapshot_facts(self) -> dict:
        """Facts about what is on screen, written beside a demo snapshot."""
        return {"demo_mode": bool(self.settings.value("demo/enabled"))}

    def unload(self) -> None:
        if self.dock is not None:
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        if self.action is not None:
            self.iface.removePluginMenu(self.MENU, self.action)
            self.iface.removeToolBarIcon(self.action)
            self.action.deleteLater()
            self.action = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
        i18n.install(None)
        if self.log_handler is not None:
            log.uninstall(self.log_handler)
            self.log_handler = None
