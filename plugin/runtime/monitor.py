"""The running crowd monitor: one feed into the crowd layer and the region's alert rules.

The poller works off the main thread; this object lives on the main thread and
applies what it delivers: cells and counts to the :class:`CrowdLayer`, then the
counts to the :class:`AlertEngine` once they are on the map. The dock only
listens to its signals, so alerts and staleness keep working with the dock closed.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional

from qgis.core import QgsGeometry, QgsProject
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from ..core.alerts import AlertEngine, AlertEvent, AlertRules
from ..core.config import SETTINGS
from ..core.model import CellSet, CountsSnapshot, FeedMeta
from ..core.status import FeedState, FeedStatus
from ..mapping.crowd_layer import CrowdLayer
from ..mapping.region import RegionError, cells_in_region, region_from_settings
from ..simulator import ScenarioError
from .poller import FeedPoller
from .readers import FeedConnection, open_connection
from .settings import PluginSettings

LOGGER = logging.getLogger("druktemeter.monitor")
STALE_CHECK_MS = 5000
FEED_KEYS = ("feed/", "demo/")
RULE_KEYS = ("alerts/count_threshold", "alerts/density_per_km2", "alerts/rise_percent")
RULE_KEYS += ("alerts/clear_ratio", "alerts/cooldown_minutes")
REGION_KEYS = ("region/",)


def band_edges(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


class CrowdMonitor(QObject):
    """Owns the poller, the crowd layer and the alert engine for as long as the plugin runs."""

    metaChanged = pyqtSignal(object)  # noqa: N815 - FeedMeta
    statusChanged = pyqtSignal(object)  # noqa: N815 - FeedStatus
    snapshotShown = pyqtSignal(object)  # noqa: N815 - CountsSnapshot, once it is on the layer
    alertEvents = pyqtSignal(list)  # noqa: N815 - AlertEvent list of one evaluation
    regionChanged = pyqtSignal(str)  # noqa: N815 - empty, or why there is no region
    feedProblem = pyqtSignal(str)  # noqa: N815 - the configured feed cannot be opened, and why
    connectionChanged = pyqtSignal(object)  # noqa: N815 - FeedConnection or None

    def __init__(
        self,
        settings: PluginSettings,
        cache_dir: Path,
        open_raises: Callable[[], Sequence[AlertEvent]] = tuple,
        parent: Optional[QObject] = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.open_raises = open_raises  # raises still open in the alert log: not raised again
        self.cache_dir = cache_dir
        self.connection: Optional[FeedConnection] = None
        self.poller: Optional[FeedPoller] = None
        self.status = FeedStatus(FeedState.STARTING)
        self.meta: Optional[FeedMeta] = None
        self.cells: Optional[CellSet] = None
        self.snapshot: Optional[CountsSnapshot] = None
        self.region: Optional[QgsGeometry] = None
        self.engine = AlertEngine(AlertRules.from_config(self._values()), settings.value("region/name"))
        self.crowd = self._new_crowd_layer()
        self.stale_timer = QTimer(self)
        self.stale_timer.setInterval(STALE_CHECK_MS)
        self.stale_timer.timeout.connect(self._check_stale)
        self.restart_timer = QTimer(self)  # several feed settings saved at once: one restart
        self.restart_timer.setSingleShot(True)
        self.restart_timer.setInterval(0)
        self.restart_timer.timeout.connect(self.start)
        self.readd_timer = QTimer(self)  # a new or opened project keeps showing the crowd
        self.readd_timer.setSingleShot(True)
        self.readd_timer.setInterval(0)
        self.readd_timer.timeout.connect(self.ensure_layer_in_project)
        QgsProject.instance().cleared.connect(self._on_project_cleared)
        settings.changed.connect(self.on_setting_changed)

    # ------------------------------------------------------------ life cycle

    def is_configured(self) -> bool:
        return bool(self.settings.value("demo/enabled") or self.settings.value("feed/url"))

    def now(self) -> datetime:
        """The feed's clock: the simulated one in demo mode."""
        if self.connection is not None:
            return self.connection.now()
        return datetime.now(timezone.utc)

    def start(self) -> None:
        """Open the configured feed and start polling; a broken demo scenario is reported, not raised."""
        self.stop()
        self.load_region()
        if not self.is_configured():
            return
        try:
            self.connection = open_connection(self.settings, self.cache_dir)
        except ScenarioError as error:
            self.feedProblem.emit(str(error))
            return
        self.connectionChanged.emit(self.connection)
        self.poller = FeedPoller(self.connection.reader, self.connection.poll_seconds, self, now=self.now)
        self.poller.metaReady.connect(self.on_meta)
        self.poller.cellsReady.connect(self.on_cells)
        self.poller.countsReady.connect(self.on_counts)
        self.poller.statusChanged.connect(self.on_status)
        self.poller.set_paused(bool(self.settings.value("feed/paused")))
        self.poller.start()
        self.stale_timer.start()

    def stop(self) -> None:
        """Stop polling and join the worker; the layer keeps the last data."""
        self.restart_timer.stop()
        self.stale_timer.stop()
        if self.poller is not None:
            self.poller.stop()
            self.poller.deleteLater()
            self.poller = None
        if self.connection is not None:
            self.connection.close()
            self.connection = None
            self.connectionChanged.emit(None)

    def shutdown(self) -> None:
        """Stop everything and take the layer out of the project (plugin unload)."""
        self.stop()
        self.readd_timer.stop()
        QgsProject.instance().cleared.disconnect(self._on_project_cleared)
        self.settings.changed.disconnect(self.on_setting_changed)
        self.crowd.finish_now()
        layer_id = self.crowd.layer.id()
        if QgsProject.instance().mapLayer(layer_id) is not None:
            QgsProject.instance().removeMapLayer(layer_id)

    def set_paused(self, paused: bool) -> None:
        self.settings.set_value("feed/paused", paused)

    # ------------------------------------------------------------ settings

    def on_setting_changed(self, key: str) -> None:
        if key == "feed/paused":
            if self.poller is not None:
                self.poller.set_paused(bool(self.settings.value(key)))
        elif key.startswith(FEED_KEYS):
            self.restart_timer.start()
        elif key in RULE_KEYS:
            self.engine.set_rules(AlertRules.from_config(self._values()))
        elif key.startswith(REGION_KEYS):
            self.engine.region_name = self.settings.value("region/name")
            self.load_region()
            self._match_region()
        elif key == "map/band_edges":
            self.crowd.set_band_edges(band_edges(self.settings.value(key)))

    def _values(self) -> dict:
        return {key: self.settings.value(key) for key in SETTINGS}

    def load_region(self) -> None:
        try:
            self.region = region_from_settings(self._values())
            problem = ""
        except RegionError as error:
            self.region, problem = None, str(error)
            LOGGER.warning("region unavailable: %s", problem)
        self.regionChanged.emit(problem)

    # ------------------------------------------------------------ the layer

    def _new_crowd_layer(self) -> CrowdLayer:
        crowd = CrowdLayer(band_edges(self.settings.value("map/band_edges")), self)
        crowd.cells_applied.connect(self._match_region)
        crowd.counts_applied.connect(self.on_counts_applied)
        crowd.layer.willBeDeleted.connect(self._on_layer_deleted)
        # Live data is fetched again at any time: QGIS need not ask to save it on exit.
        crowd.layer.setCustomProperty("skipMemoryLayersCheck", 1)
        return crowd

    def ensure_layer_in_project(self) -> bool:
        """Add the crowd layer to the project; True when it was not there yet."""
        project = QgsProject.instance()
        if project.mapLayer(self.crowd.layer.id()) is not None:
            return False
        project.addMapLayer(self.crowd.layer)
        return True

    def _on_project_cleared(self) -> None:
        if self.cells is not None:
            self.readd_timer.start()

    def _on_layer_deleted(self) -> None:
        """The user removed the layer: keep a fresh one with the last data, ready to be shown again."""
        old = self.crowd
        self.crowd = self._new_crowd_layer()
        old.deleteLater()
        if self.cells is not None:
            self.crowd.set_cells(self.cells)
        if self.snapshot is not None:
            self.crowd.apply_counts(self.snapshot, self._source_name())

    # ------------------------------------------------------------ poller results

    def on_meta(self, meta: FeedMeta) -> None:
        self.meta = meta
        self.metaChanged.emit(meta)

    def on_cells(self, cells: CellSet) -> None:
        self.cells = cells
        self.ensure_layer_in_project()
        self.crowd.set_cells(cells)

    def on_counts(self, snapshot: CountsSnapshot) -> None:
        if self.snapshot is not None and snapshot.interval.end < self.snapshot.interval.end:
            self._restart_rules()  # only a trainer's jump back in time gets here: replay afresh
        self.snapshot = snapshot
        self.crowd.apply_counts(snapshot, self._source_name())

    def on_counts_applied(self, snapshot: CountsSnapshot) -> None:
        """Counts are on the map: now evaluate the alert rules (never on stale data)."""
        self.snapshotShown.emit(snapshot)
        events = self.engine.evaluate(snapshot, stale=self.status.is_stale(self.now()), now=self.now())
        if events:
            self.alertEvents.emit(events)

    def _restart_rules(self) -> None:
        self.engine = AlertEngine(self.engine.rules, self.engine.region_name)
        self._match_region()

    def on_status(self, status: FeedStatus) -> None:
        self.status = status
        self.crowd.set_stale(status.is_stale(self.now()))
        self.statusChanged.emit(status)

    def _check_stale(self) -> None:
        stale = self.status.is_stale(self.now())
        if stale != self.crowd.stale:
            self.crowd.set_stale(stale)
            self.statusChanged.emit(self.status)

    def _match_region(self) -> None:
        """Which cells take part in alerts: once per cells or region change, through a spatial index."""
        if self.region is None:
            self.engine.set_region_cells((), {})
            return
        inside = cells_in_region(self.crowd.layer, self.region)
        self.engine.set_region_cells(inside, self.crowd.cell_areas_km2())
        self.engine.assume_raised(self.open_raises())
        LOGGER.info("%d cells inside the region take part in alerts", len(inside))

    def _source_name(self) -> str:
        if self.meta is not None:
            return self.meta.provider
        return self.connection.source_name if self.connection is not None else ""
