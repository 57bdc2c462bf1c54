"""The Druktemeter Processing provider; the plugin adds it to the registry in ``initGui``."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..core.i18n import tr
from ..core.metadata import PLUGIN_ROOT
from .coverage_algorithm import CoverageFromSitesAlgorithm

ICON_PATH = PLUGIN_ROOT / "resources" / "icons" / "druktemeter.svg"


class DruktemeterProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "druktemeter"

    def name(self) -> str:
        return tr("Druktemeter")

    def icon(self) -> QIcon:
        return QIcon(str(ICON_PATH))

    def loadAlgorithms(self) -> None:  # noqa: N802 (QGIS API)
        self.addAlgorithm(CoverageFromSitesAlgorithm())
