"""The running crowd monitor: one feed into the crowd layer.

The poller works off the main thread; this object lives on the main thread and
applies what it delivers to the :class:`CrowdLayer`. The alert service listens to
the layer, so alerts and staleness keep working with the dock closed.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import datetime
from typing import Optional

from qgis.core import QgsCoordinateReferenceSystem, QgsProject
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from ..core.config import band_edges
from ..core.i18n import tr
from ..core.model import Cell, CellSet, CountsSnapshot, FeedMeta
from ..core.places import PlaceFinder
from ..core.status import FeedState, FeedStatus
from ..mapping.crowd_layer import CrowdLayer
from ..mapping.drawn import DrawnPlanner
from ..mapping.overview import NationalOverview, OverviewPlanner
from ..mapping.slicing import SlicedRunner
from ..simulator import ScenarioError
from .background import BackgroundWork
from .places import place_finder
from .poller import FeedPoller
from .readers import FeedConnection, UnsafeFeedAddressError, demo_build, demo_connection, open_live, utc_now
from .settings import PluginSettings

LOGGER = logging.getLogger("druktemeter.monitor")
STALE_CHECK_MS = 5000
FEED_KEYS = ("feed/", "demo/", "places/")
# Web Mercator keeps cells' shapes true at Dutch latitudes, and unlike RD New it needs no datum
# transformation from the feed's WGS 84 (QGIS would stop to ask the user which one to use).
MAP_CRS = QgsCoordinateReferenceSystem("EPSG:3857")


class CrowdMonitor(QObject):
    """Owns the poller and the crowd layer for as long as the plugin runs."""

    metaChanged = pyqtSignal(object)  # noqa: N815 - FeedMeta
    statusChanged = pyqtSignal(object)  # noqa: N815 - FeedStatus
    feedProblem = pyqtSignal(str)  # noqa: N815 - the configured feed cannot be opened, and why
    connectionChanged = pyqtSignal(object)  # noqa: N815 - FeedConnection or None
    crowdReplaced = pyqtSignal(object)  # noqa: N815 - a new CrowdLayer after the user removed the old
    rewound = pyqtSignal()  # a trainer jumped back in time: the interval shown is older than before
    progressChanged = pyqtSignal(str, float)  # noqa: N815 - what is being done, share done (1.0: finished)

    def __init__(
        self,
        settings: PluginSettings,
        parent: Optional[QObject] = None,
        background: Optional[BackgroundWork] = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.background = background
        self.connection: Optional[FeedConnection] = None
        self.poller: Optional[FeedPoller] = None
        self.status = FeedStatus(FeedState.WAITING)
        self.meta: Optional[FeedMeta] = None
        self.cells: Optional[CellSet] = None
        self.snapshot: Optional[CountsSnapshot] = None
        self.places = PlaceFinder(())  # names the cells: bundled places in demo, the places file live
        self.builder = SlicedRunner(parent=self)  # an exercise being built, between events
        # The crowd map from 1:500,000 outwards (mapping/overview.py).
        disposal = background.serial_executor("DruktemeterOverview") if background is not None else None
        self.overview = NationalOverview(self, disposal)
        self.crowd = self._new_crowd_layer()
        self.stale_timer = self._timer(STALE_CHECK_MS, self._check_stale, single_shot=False)
        self.restart_timer = self._timer(0, self.start)  # several settings saved at once: one restart
        self.readd_timer = self._timer(0, self.ensure_layer_in_project)  # after a new/opened project
        QgsProject.instance().cleared.connect(self._on_project_cleared)
        settings.changed.connect(self.on_setting_changed)

    def _timer(self, interval_ms: int, slot, single_shot: bool = True) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(single_shot)
        timer.setInterval(interval_ms)
        timer.timeout.connect(slot)
        return timer

    # ------------------------------------------------------------ life cycle

    def now(self) -> datetime:
        """The feed's clock: the simulated one in demo mode."""
        return self.connection.now() if self.connection is not None else utc_now()

    def feed_now(self) -> datetime:
        """The time on the feed's own clock: a classroom exercise runs on simulated time."""
        return self.now() + self.status.clock_offset

    def start(self) -> None:
        """Open the configured feed and start polling; a broken demo scenario or an unsafe feed
        address is reported, not raised.

        An exercise's geography is built first, in short steps between events, with progress.
        """
        self.stop()
        if not self.settings.value("demo/enabled"):
            try:
                self._poll(open_live(self.settings))
            except UnsafeFeedAddressError as error:
                self.feedProblem.emit(str(error))
            return
        try:
            build = demo_build(self.settings)
        except ScenarioError as error:
            self.feedProblem.emit(str(error))
            return
        task = tr("Preparing the exercise")

        def steps():
            for fraction in build.steps():
                self.progressChanged.emit(task, fraction)
                yield

        self.progressChanged.emit(task, 0.0)
        self.builder.start(steps(), lambda: self._built(build, task))

    def _built(self, build, task: str) -> None:
        self.progressChanged.emit(task, 1.0)
        self._poll(demo_connection(build.source()))

    def _poll(self, connection: Optional[FeedConnection]) -> None:
        self.connection = connection
        if connection is None:
            return  # nothing configured yet: the dock says what to do
        self.places = place_finder(self.settings, self.connection.is_demo)
        self.crowd.set_place_namer(self.name_place)
        self.connectionChanged.emit(self.connection)
        self.poller = FeedPoller(
            self.connection.reader,
            self.connection.poll_seconds,
            self,
            now=self.now,
            planner=DrawnPlanner(
                band_edges(self.settings.value("map/band_edges")),
                overview=OverviewPlanner(MAP_CRS, QgsProject.instance().transformContext()),
            ),
            background=self.background,
        )
        self.poller.metaReady.connect(self.on_meta)
        self.poller.cellsReady.connect(self.on_cells)
        self.poller.countsReady.connect(self.on_counts)
        self.poller.statusChanged.connect(self.on_status)
        self.poller.overviewReady.connect(self.overview.apply)
        task = tr("Reading the antenna cell list")
        self.poller.cellsProgress.connect(lambda fraction: self.progressChanged.emit(task, fraction))
        self.poller.set_paused(bool(self.settings.value("feed/paused")))
        self.poller.start()
        self.stale_timer.start()

    def stop(self) -> None:
        """Stop polling and join the worker; the layer keeps the last data."""
        self.builder.cancel()
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
        self.crowd.layer.willBeDeleted.disconnect(self._on_layer_deleted)
        self.crowd.close()
        self.overview.shutdown()
        layer_id = self.crowd.layer.id()
        if QgsProject.instance().mapLayer(layer_id) is not None:
            QgsProject.instance().removeMapLayer(layer_id)

    def set_paused(self, paused: bool) -> None:
        self.settings.set_value("feed/paused", paused)

    def on_setting_changed(self, key: str) -> None:
        if key == "feed/paused":
            if self.poller is not None:
                self.poller.set_paused(bool(self.settings.value(key)))
        elif key.startswith(FEED_KEYS):
            self.restart_timer.start()
        elif key == "map/band_edges":
            edges = band_edges(self.settings.value(key))
            if self.poller is not None:
                self.poller.set_band_edges(edges)
            self.crowd.set_band_edges(edges)

    # ------------------------------------------------------------ the layer

    def _new_crowd_layer(self) -> CrowdLayer:
        # Cells are reprojected once on load, not on every render of the map.
        crowd = CrowdLayer(band_edges(self.settings.value("map/band_edges")), self, crs=MAP_CRS.authid())
        crowd.layer.willBeDeleted.connect(self._on_layer_deleted)
        self.overview.follow(crowd)
        crowd.set_place_namer(self.name_place)
        crowd.progressChanged.connect(self.progressChanged)
        # Live data is fetched again at any time: QGIS need not ask to save it on exit.
        crowd.layer.setCustomProperty("skipMemoryLayersCheck", 1)
        return crowd

    def name_place(self, cell: Cell) -> str:
        """The cell's place: the feed's own name, else the nearest known place."""
        return self.places.name_cell(cell.geometry, cell.place)

    def ensure_layer_in_project(self) -> bool:
        """Add the crowd layer to the project; True when it was not there yet."""
        project = QgsProject.instance()
        if project.mapLayer(self.crowd.layer.id()) is not None:
            return False
        project.addMapLayer(self.crowd.layer)
        return True

    def use_true_shapes_if_alone(self, context_ids: Collection[str] = ()) -> None:
        """A project holding only the crowd layer (its overview, and the plugin's own context layers,
        ``context_ids``) shows it in Web Mercator, not stretched WGS 84.

        Called once the first data is drawn: QGIS gives an empty project the first layer's CRS
        itself, some time after the layer is added.
        """
        project = QgsProject.instance()
        others = set(project.mapLayers()) - {self.crowd.layer.id(), self.overview.layer.id(), *context_ids}
        if not others and project.crs() != MAP_CRS:
            project.setCrs(MAP_CRS)

    def _on_project_cleared(self) -> None:
        if self.cells is not None:
            self.readd_timer.start()

    def _on_layer_deleted(self) -> None:
        """The layer left the project: keep a fresh one with the last data, ready to be shown again."""
        old = self.crowd
        self.crowd = self._new_crowd_layer()
        old.deleteLater()
        if self.cells is not None:
            self.crowd.set_cells(self.cells)
        if self.snapshot is not None:
            self.crowd.apply_counts(self.snapshot, self._source_name())
        self.crowdReplaced.emit(self.crowd)

    # ------------------------------------------------------------ poller results

    def on_meta(self, meta: FeedMeta) -> None:
        self.meta = meta
        self.metaChanged.emit(meta)

    def on_cells(self, cells: CellSet) -> None:
        self.cells = cells
        # Cells first: adding the layer may run the event loop (QGIS sets up the project's CRS),
        # and counts delivered meanwhile must wait for these cells.
        self.crowd.set_cells(cells)
        self.ensure_layer_in_project()

    def on_counts(self, snapshot: CountsSnapshot) -> None:
        if self.snapshot is not None and snapshot.interval.end < self.snapshot.interval.end:
            self.rewound.emit()  # only a trainer's jump back gets here: live feeds refuse older intervals
        self.snapshot = snapshot
        plan = self.poller.plan_for(snapshot) if self.poller is not None else None
        self.crowd.apply_counts(snapshot, self._source_name(), plan)
        if plan is not None and plan.overview is not None:
            self.overview.apply(plan.overview)

    def on_status(self, status: FeedStatus) -> None:
        self.status = status
        self.crowd.set_stale(status.is_stale(self.now()))
        self.statusChanged.emit(status)

    def _check_stale(self) -> None:
        stale = self.status.is_stale(self.now())
        if stale != self.crowd.stale:
            self.crowd.set_stale(stale)
            self.statusChanged.emit(self.status)

    def _source_name(self) -> str:
        if self.meta is not None:
            return self.meta.provider
        return self.connection.source_name if self.connection is not None else ""
