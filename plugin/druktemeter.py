"""The QGIS plugin object: wires actions, dock, monitor, translation and logging; undoes all on unload."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional, Union

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsPointXY,
    QgsProject,
    QgsSettings,
)
from qgis.PyQt.QtCore import QCoreApplication, QSettings, Qt, QTranslator
from qgis.PyQt.QtGui import QIcon, QPainter
from qgis.PyQt.QtWidgets import QAction, QDialog, QFileDialog, QPushButton

from .core import i18n
from .core.baseline import EXERCISE_WEEKS
from .core.config import band_edges
from .core.history import HistoryError, HistoryStore, HistoryUnreadable
from .core.i18n import tr
from .core.metadata import PLUGIN_ROOT
from .core.model import CountsSnapshot
from .core.situation import busiest_cells
from .gui.alert_panel import AlertPanel, push_alert_message
from .gui.canvas_banner import ATTRIBUTION_STYLE, CanvasBanner
from .gui.chart_panel import ChartPanel
from .gui.demo_panel import demo_banner_text
from .gui.dock import DruktemeterDock
from .gui.history_panel import HistoryPanel
from .gui.settings_dialog import SettingsDialog
from .gui.text import rich_safe
from .mapping import WGS84
from .mapping.briefing import BriefingContent, BriefingWriter
from .mapping.context_layers import LAND, PDOK_ATTRIBUTION, PLACES, REGION
from .mapping.playback import Playback, animate
from .mapping.region import CellMarks, ground_scale, zoom_to_cell
from .processing.provider import DruktemeterProvider
from .runtime import log
from .runtime.alert_service import AlertService
from .runtime.background import BackgroundWork
from .runtime.locale import number_in_locale, user_language
from .runtime.map_context import MapContext
from .runtime.mode import FeedMode, Mode
from .runtime.monitor import CrowdMonitor
from .runtime.readers import FeedConnection
from .runtime.settings import PluginSettings, migrate_legacy_keys
from .simulator import bundled_scenarios, load_scenario
from .simulator.past import ServedExercisePast, SimulatedPast
from .simulator.scenarios import Scenario

LOGGER = logging.getLogger(log.LOGGER_NAME)
ICON_PATH = PLUGIN_ROOT / "resources" / "icons" / "druktemeter.svg"
# Demo mode opens where trend arrows are readable and the city's edge, the region's border and the
# nearby towns are in view (in the Web Mercator map: about 1:62,000 on the ground).
CITY_SCALE = 100_000


def plugin_data_dir() -> Path:
    """Where the alert log lives: inside the user's QGIS profile."""
    return Path(QgsApplication.qgisSettingsDirPath()) / "druktemeter"


def scene_of(scenario: Scenario) -> tuple[float, float]:
    """Where a scenario's first event happens (lon, lat): the demo opens there."""
    first = scenario.events[0].path[0]
    return first.lon, first.lat


def scenario_choices() -> list[tuple[str, str]]:
    """(name, title) of each bundled scenario, titled in the user's language."""
    language = user_language()
    choices = []
    for name in bundled_scenarios():
        description = load_scenario(name).description
        title = description.get(language) or description.get("en") or name
        choices.append((name, f"{name} — {title.split(':')[0].split('.')[0]}"))
    return choices


def _rect_in_scene(item, canvas, window) -> list[int]:
    """A canvas item's bounding rectangle in the window's coordinates (x, y, width, height)."""
    box = canvas.mapFromScene(item.sceneBoundingRect()).boundingRect()
    corner = canvas.mapTo(window, box.topLeft())
    return [corner.x(), corner.y(), box.width(), box.height()]


def _rect_in(widget, window) -> list[int]:
    """The widget's rectangle in the window's coordinates (x, y, width, height)."""
    corner = widget.mapTo(window, widget.rect().topLeft())
    return [corner.x(), corner.y(), widget.width(), widget.height()]


class DruktemeterPlugin:
    """Created by ``classFactory``; QGIS calls :meth:`initGui` and :meth:`unload`."""

    MENU = "&Druktemeter"

    def __init__(self, iface) -> None:
        self.iface = iface
        self.translator: Optional[QTranslator] = None
        self.log_handler: Optional[log.QgisLogHandler] = None
        self.action: Optional[QAction] = None
        self.settings_action: Optional[QAction] = None
        self.dock: Optional[DruktemeterDock] = None
        self.monitor: Optional[CrowdMonitor] = None
        self.map_context: Optional[MapContext] = None
        self.mode: Optional[FeedMode] = None
        self.alerts: Optional[AlertService] = None
        self.alert_panel: Optional[AlertPanel] = None
        self.marks: Optional[CellMarks] = None  # alert cells outlined until acknowledged
        self.history: Optional[HistoryStore] = None
        self.history_panel: Optional[HistoryPanel] = None
        self.chart_panel: Optional[ChartPanel] = None
        self.exercise_past: Union[SimulatedPast, ServedExercisePast, None] = None
        self.playback: Optional[Playback] = None
        self.briefing_writer: Optional[BriefingWriter] = None
        self.provider: Optional[DruktemeterProvider] = None
        self.banner: Optional[CanvasBanner] = None
        self.attribution: Optional[CanvasBanner] = None  # whose map data is shown, bottom right
        self.settings_dialog: Optional[SettingsDialog] = None
        migrate_legacy_keys()
        self.settings = PluginSettings()
        self.background = BackgroundWork()  # every thread the plugin starts; unload joins them
        self.first_data_drawn = False
        self.playback_window = (None, None)
        self.briefing_path: Optional[Path] = None
        self.alert_log_failing = False

    # ------------------------------------------------------------ QGIS entry points

    def initProcessing(self) -> None:  # noqa: N802 - QGIS API name
        if self.provider is None:
            self.provider = DruktemeterProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:
        self.install_translator()
        self.log_handler = log.install()
        self.initProcessing()
        data_dir = plugin_data_dir()
        self.monitor = CrowdMonitor(self.settings, background=self.background)
        self.map_context = MapContext(lambda: self.monitor.crowd.layer)
        self.map_context.attributionChanged.connect(self.show_attribution)
        self.mode = FeedMode(self.settings, self.background)
        self.alerts = AlertService(
            self.settings,
            self.monitor.crowd,
            data_dir / "alert-log.jsonl",
            now=self.monitor.feed_now,
            background=self.background,
        )
        self.alerts.regionUnreadable.connect(self.warn)
        self.alerts.recordProblemChanged.connect(self.on_alert_record_problem)
        self.alert_panel = AlertPanel(self.alerts)
        self.alert_panel.set_sound_enabled(self.settings.value("alerts/sound"))
        self.alert_panel.zoomRequested.connect(self.show_cell)
        self.marks = CellMarks(self.iface.mapCanvas())
        self.alerts.alertsRaised.connect(
            lambda events: push_alert_message(self.iface, events, self.show_cell)
        )
        self.history = self.open_history(data_dir / "history.sqlite")
        self.history_panel = (
            None
            if self.history is None
            else HistoryPanel(self.history, self.iface.mapCanvas(), background=self.background)
        )
        self.chart_panel = ChartPanel(executor=self.background.serial_executor("druktemeter-chart"))
        self.dock = DruktemeterDock(
            self.alert_panel,
            self.history_panel,
            scenario_choices(),
            self.monitor.now,
            self.iface.mainWindow(),
            chart_panel=self.chart_panel,
        )
        self.dock.set_region_problem(self.alerts.region_problem)
        self.dock.visibilityChanged.connect(self.on_dock_visibility)
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.add_actions()
        self.connect_monitor()
        self.connect_dock()
        if self.iface.mainWindow().isVisible():
            self.monitor.start()  # enabled in a running QGIS
        else:
            # At start-up QGIS still replaces the project after loading plugins; a layer added
            # before that would be lost (and make QGIS ask to save it).
            self.iface.initializationCompleted.connect(self.start_feed)
        if self.settings.value("demo/enabled"):
            self.action.setChecked(True)
        LOGGER.info("Druktemeter loaded")

    def add_actions(self) -> None:
        main_window = self.iface.mainWindow()
        self.action = QAction(QIcon(str(ICON_PATH)), tr("Druktemeter"), main_window)
        self.action.setObjectName("DruktemeterShowDock")
        self.action.setToolTip(tr("Show the Druktemeter crowd map panel"))
        self.action.setCheckable(True)
        self.action.toggled.connect(self.set_dock_visible)
        self.settings_action = QAction(tr("Druktemeter settings…"), main_window)
        self.settings_action.triggered.connect(self.open_settings)
        self.iface.addToolBarIcon(self.action)
        self.iface.addPluginToMenu(self.MENU, self.action)
        self.iface.addPluginToMenu(self.MENU, self.settings_action)

    def connect_monitor(self) -> None:
        monitor, dock, alerts = self.monitor, self.dock, self.alerts
        monitor.metaChanged.connect(dock.status_panel.set_meta)
        monitor.metaChanged.connect(self.mode.set_meta)
        monitor.statusChanged.connect(dock.show_status)
        monitor.progressChanged.connect(dock.show_progress)
        monitor.connectionChanged.connect(self.mode.set_connection)
        self.mode.changed.connect(self.on_mode_changed)
        monitor.feedProblem.connect(self.on_feed_problem)
        monitor.crowdReplaced.connect(self.on_crowd_replaced)
        monitor.rewound.connect(alerts.restart_rules)
        self.on_crowd_replaced(monitor.crowd)
        monitor.connectionChanged.connect(self.on_connection_changed)  # after the mode follows it
        alerts.regionChanged.connect(self.on_region_changed)
        self.alert_panel.acknowledgedChanged.connect(self.on_alerts_acknowledged)
        dock.situation.cellClicked.connect(self.show_cell)
        self.on_region_changed(alerts.region_problem)
        alerts.regionCellsMatched.connect(self.show_busiest)
        if self.history_panel is not None:
            alerts.regionCellsMatched.connect(self.history_panel.set_region_cells)
        alerts.regionCellsMatched.connect(self.chart_panel.set_region_cells)
        self.playback = Playback(executor=self.background.serial_executor("druktemeter-playback"))
        self.playback.ready.connect(self.on_playback_ready)
        self.playback.failed.connect(
            lambda text: self.iface.messageBar().pushWarning(tr("Druktemeter"), text)
        )
        self.chart_panel.playbackRequested.connect(self.play_back)
        self.chart_panel.briefingRequested.connect(self.choose_briefing_file)
        self.briefing_writer = BriefingWriter(
            executor=self.background.serial_executor("druktemeter-briefing")
        )
        self.briefing_writer.written.connect(self.on_briefing_written)
        self.chart_panel.briefingChartReady.connect(self.write_briefing_with)
        self.briefing_writer.failed.connect(
            lambda text: self.iface.messageBar().pushWarning(tr("Druktemeter"), text)
        )

    def on_crowd_replaced(self, crowd) -> None:
        if crowd is not self.alerts.crowd:
            self.alerts.set_crowd(crowd)
        crowd.counts_applied.connect(self.alerts.evaluate)
        crowd.counts_applied.connect(self.on_snapshot_shown)
        crowd.counts_applied.connect(self.record_history)
        crowd.counts_applied.connect(self.update_chart)
        crowd.cells_applied.connect(lambda: self.on_cells_applied(crowd))
        crowd.layer.selectionChanged.connect(lambda *_args: self.on_cells_selected(crowd.layer))

    # ------------------------------------------------------------ history

    def open_history(self, path: Path) -> Optional[HistoryStore]:
        """The bounded history of live intervals, or None: the map runs without it and the message bar
        says why. Only a really damaged file is started afresh; a full or read-only disk keeps it."""
        days = self.settings.value("history/retention_days")
        try:
            return HistoryStore(path, days)
        except HistoryUnreadable as error:
            self.warn(error.user_message())
            try:
                return HistoryStore.recreate(path, days)
            except HistoryError as second:
                LOGGER.warning("History not recreated: %s", second)
                self.warn(second.user_message())
        except HistoryError as error:
            LOGGER.warning("History not opened: %s", error)
            self.warn(error.user_message())
        return None

    def record_history(self, snapshot: CountsSnapshot) -> None:
        """Live intervals only: simulated counts must never mix into the real history."""
        if self.history_panel is None:
            return
        if self.mode.is_exercise:
            self.history_panel.show_note(
                tr("History is kept for live data only; exercises are not recorded.")
            )
            return
        self.history_panel.show_snapshot(snapshot)

    def update_chart(self, snapshot: CountsSnapshot) -> None:
        """Compare the interval shown with the past: the history live, the simulator in an exercise."""
        if self.mode.mode is Mode.DEMO:
            source = self.monitor.connection.source
            if getattr(self.exercise_past, "source", None) is not source:
                self.exercise_past = SimulatedPast(source)
            self.chart_panel.set_past(self.exercise_past, EXERCISE_WEEKS, exercise=True)
        elif self.mode.mode is Mode.CLASSROOM:
            # Asked once per interval: the station learns a scenario the trainer has switched to
            # (the past follows from the next interval), or the one a lost first answer did not say.
            self.mode.clock.refresh_if_idle()
            simulation = getattr(self.mode.clock, "simulation", None)
            if simulation is None:
                self.chart_panel.set_past(
                    None,
                    1,
                    note=tr(
                        "The exercise service does not say which simulation it serves, so this station "
                        "has no past to compare with; comparisons are shown in demo mode."
                    ),
                )
                return
            if getattr(self.exercise_past, "simulation", None) != simulation:
                self.exercise_past = ServedExercisePast(simulation, self.mode.clock.now, snapshot)
            self.chart_panel.set_past(self.exercise_past, EXERCISE_WEEKS, exercise=True)
        elif self.history is None:
            self.chart_panel.set_past(
                None, 1, note=tr("The crowd history is unavailable, so there is nothing to compare with.")
            )
            return
        else:
            weeks = self.settings.value("history/retention_days") // 7
            self.chart_panel.set_past(self.history, weeks)
        self.chart_panel.show_interval(snapshot)

    def play_back(self, start, end) -> None:
        """Build a play-back layer of ``start``..``end`` (the region's cells when one is set)."""
        if self.chart_panel.past is None:
            return
        edges = band_edges(self.settings.value("map/band_edges"))
        scope = self.chart_panel.region_cells()
        self.playback.start(self.chart_panel.past, self.monitor.crowd, start, end, edges, scope)
        self.playback_window = (start, end)

    def on_playback_ready(self, layer) -> None:
        QgsProject.instance().addMapLayer(layer)
        animate(self.iface.mapCanvas().temporalController(), *self.playback_window)
        self.iface.messageBar().pushInfo(
            tr("Druktemeter"),
            tr(
                "Play-back layer added. Play it with the Temporal Controller (View ▸ Panels); "
                "the live map keeps updating."
            ),
        )

    def choose_briefing_file(self) -> None:
        end = self.monitor.snapshot.interval.end.astimezone()
        path, _ = QFileDialog.getSaveFileName(
            self.iface.mainWindow(),
            tr("Save briefing"),
            f"druktemeter-briefing-{end:%Y%m%d-%H%M}.pdf",
            tr("PDF files (*.pdf)"),
        )
        if path:
            self.write_briefing(Path(path))

    def write_briefing(self, path: Path) -> None:
        """Start writing the briefing of the interval shown as a PDF at ``path`` (returns at once: the
        chart is drawn and the map rendered off the main thread; the message bar says how it went)."""
        self.briefing_path = path
        self.chart_panel.render_for_briefing()  # continues in write_briefing_with

    def write_briefing_with(self, chart) -> None:
        path, self.briefing_path = self.briefing_path, None
        if path is None:
            return
        snapshot = self.monitor.snapshot
        content = BriefingContent(
            snapshot=snapshot,
            source=snapshot.source,
            answer=self.chart_panel.answer_label.text(),
            chart=chart,
            region=self.alerts.region,
            region_name=self.alerts.engine.region_name,
            scope=self.chart_panel.region_cells(),
            places=self.monitor.crowd.cell_places(),  # named as in the alert panel and map tips
            exercise=self.mode.is_exercise,
        )
        canvas, crowd = self.iface.mapCanvas(), self.monitor.crowd.layer
        crs = canvas.mapSettings().destinationCrs()
        shown = (canvas.extent(), crs) if crs.isValid() else (crowd.extent(), crowd.crs())
        layers = [crowd] + [layer for layer in canvas.layers() if layer is not crowd]
        self.briefing_writer.write(QgsProject.instance(), content, layers, *shown, path)

    def on_briefing_written(self, path: str) -> None:
        self.iface.messageBar().pushSuccess(tr("Druktemeter"), tr("Briefing saved to {0}").format(path))

    def on_cells_applied(self, crowd) -> None:
        if self.chart_panel is not None:  # not after unload
            self.chart_panel.set_feed_cells(crowd.cell_ids())

    def on_cells_selected(self, layer) -> None:
        """The first selected cell of the crowd layer is the chart's "selected cell"."""
        if self.chart_panel is None:
            return  # unloaded
        feature = next(layer.getSelectedFeatures(), None)
        self.chart_panel.set_selected_cell(None if feature is None else str(feature["cell_id"]))

    def connect_dock(self) -> None:
        dock = self.dock
        dock.settings_button.clicked.connect(self.open_settings)
        dock.pause_button.toggled.connect(self.monitor.set_paused)
        dock.show_layer_button.clicked.connect(self.show_layer)
        dock.background_button.clicked.connect(self.add_background_map)
        dock.demo_panel.demoToggled.connect(lambda on: self.settings.set_value("demo/enabled", on))
        dock.demo_panel.restartRequested.connect(self.restart_exercise)
        self.settings.changed.connect(self.on_setting_changed)

    def install_translator(self) -> None:
        qm_path = PLUGIN_ROOT / "i18n" / f"druktemeter_{user_language()}.qm"
        if qm_path.exists():
            translator = QTranslator()
            if translator.load(str(qm_path)):
                QCoreApplication.installTranslator(translator)
                self.translator = translator
        i18n.install(QCoreApplication.translate)
        i18n.install_numbers(number_in_locale)

    # ------------------------------------------------------------ feed and demo

    def start_feed(self) -> None:
        if self.monitor is not None:  # the plugin may be unloaded before QGIS finished starting
            self.monitor.start()

    def on_feed_problem(self, problem: str) -> None:
        self.iface.messageBar().pushMessage(
            tr("Druktemeter"), rich_safe(problem), Qgis.MessageLevel.Critical, 0
        )
        self.mode.set_connection(None)

    # ------------------------------------------------------------ alerts and messages

    def warn(self, text: str) -> None:
        """A lasting warning in the message bar (texts may quote a file or the feed: never markup)."""
        self.iface.messageBar().pushMessage(tr("Druktemeter"), rich_safe(text), Qgis.MessageLevel.Warning, 0)

    def on_alert_record_problem(self, problem: str) -> None:
        """The alert log stopped (or resumed) being written: the operator must know either way.
        Once per outage in the message bar; the alert panel keeps the current count."""
        failing_before, self.alert_log_failing = self.alert_log_failing, bool(problem)
        if problem:
            if not failing_before:
                self.warn(problem)
        else:
            self.iface.messageBar().pushMessage(
                tr("Druktemeter"),
                tr("The alert log is written again; alerts held in memory have been saved."),
                Qgis.MessageLevel.Success,
                10,
            )

    def show_cell(self, cell_id: str) -> None:
        """Zoom the map to the cell with its surroundings, flash it and keep it outlined until its
        alert is acknowledged (the panel's click, the message's "Show", the Situation's cells)."""
        crowd = self.monitor.crowd
        fid = crowd.fid_for(cell_id)
        if fid is None:
            self.iface.messageBar().pushMessage(
                tr("Druktemeter"),
                rich_safe(tr("Cell {0} is no longer in the feed.").format(cell_id)),
                Qgis.MessageLevel.Info,
                5,
            )
            return
        zoom_to_cell(self.iface.mapCanvas(), crowd.layer, fid)
        if any(e.cell_id == cell_id for e in self.alert_panel.open_alerts()):
            self.marks.mark(cell_id, crowd.layer, fid)

    def on_alerts_acknowledged(self) -> None:
        """Cells whose alerts are all acknowledged lose their outline; the Situation's count follows."""
        still_open = {e.cell_id for e in self.alert_panel.open_alerts()}
        for cell_id in self.marks.marked() - still_open:
            self.marks.unmark(cell_id)
        self.show_open_alerts()

    def on_setting_changed(self, key: str) -> None:
        if key == "history/retention_days" and self.history is not None:
            try:
                self.history.set_retention_days(self.settings.value(key))
            except HistoryError as error:  # a full or read-only disk: a later write purges
                LOGGER.warning("History not purged now: %s", error)
                self.warn(error.user_message())
        if key == "demo/enabled":
            self.first_data_drawn = False
        if key == "alerts/sound" and self.alert_panel is not None:
            self.alert_panel.set_sound_enabled(self.settings.value(key))

    def restart_exercise(self, scenario: str, seed: int) -> None:
        self.settings.set_value("demo/scenario", scenario)
        self.settings.set_value("demo/seed", seed)
        self.monitor.restart_timer.start()  # also when nothing changed: the trainer asked for a restart

    def on_region_changed(self, problem: str) -> None:
        """The region drawn on the map and named in the dock, or why there is none."""
        name = self.alerts.engine.region_name
        self.dock.set_region_problem(problem)
        self.dock.situation.set_region(name, problem)
        self.map_context.set_region(self.alerts.region, name)

    def show_busiest(self, *_matched) -> None:
        """The Situation's busiest region cells, for the snapshot on the map."""
        snapshot = self.monitor.snapshot
        if snapshot is not None:
            cells = busiest_cells(
                snapshot, self.alerts.engine.region_cells(), self.monitor.crowd.cell_places()
            )
            self.dock.situation.set_busiest(cells)

    def show_open_alerts(self) -> None:
        self.dock.situation.set_open_alerts(len(self.alert_panel.open_alerts()))

    def on_connection_changed(self, connection: Optional[FeedConnection]) -> None:
        """The place labels of the feed's area (the bundled towns in demo mode)."""
        demo = self.mode.mode is Mode.DEMO
        self.map_context.set_places(self.monitor.places.places if connection is not None else (), demo)

    def on_mode_changed(self, mode: Mode) -> None:
        """Exercises (demo and classroom) are marked on the map; the trainer's controls steer
        the mode's clock (a classroom's shared clock lives on the service)."""
        panel = self.dock.demo_panel
        if mode is Mode.CLASSROOM:
            panel.set_shared_exercise(self.mode.clock)
        else:
            panel.set_demo_enabled(bool(self.settings.value("demo/enabled")))
            panel.set_choice(
                self.settings.value("demo/scenario"),
                self.settings.value("demo/seed"),
                self.settings.value("demo/speed"),
            )
            panel.set_clock(self.mode.clock)
        self.set_canvas_banner(self.mode.is_exercise)

    def show_attribution(self, text: str) -> None:
        """The sources of the context layers on the map (CC BY asks for it where the map is seen)."""
        if text and self.attribution is None:
            self.attribution = CanvasBanner(
                self.iface.mapCanvas(), text, ATTRIBUTION_STYLE, bottom=True, right=True
            )
            self.attribution.show()
        elif text:
            self.attribution.set_text(text)
        elif self.attribution is not None:
            self.attribution.remove()
            self.attribution = None

    def set_canvas_banner(self, shown: bool) -> None:
        if shown and self.banner is None:
            self.banner = CanvasBanner(self.iface.mapCanvas(), demo_banner_text())
            self.banner.show()
        elif not shown and self.banner is not None:
            self.banner.remove()
            self.banner = None

    def on_snapshot_shown(self, snapshot: CountsSnapshot) -> None:
        self.dock.status_panel.set_snapshot(snapshot)
        self.dock.set_has_data(True)
        self.show_busiest()
        self.show_open_alerts()
        if not self.first_data_drawn:
            self.first_data_drawn = True
            self.zoom_to_first_data()
            self.map_context.show()
            self.offer_background_map()

    def offer_background_map(self) -> None:
        """Live, in a project without a background: offer PDOK's (an exercise stays offline)."""
        if self.mode.mode is not Mode.LIVE or self.map_context.has_background():
            return
        bar = self.iface.messageBar()
        item = bar.createMessage(tr("Druktemeter"), tr("The map has no background yet."))
        button = QPushButton(tr("Add background map"), item)
        button.clicked.connect(self.add_background_map)
        button.clicked.connect(lambda: bar.popWidget(item))
        item.layout().addWidget(button)
        bar.pushWidget(item, Qgis.MessageLevel.Info, 30)

    def add_background_map(self) -> None:
        """PDOK BRT-Achtergrondkaart below the crowd layer; the bands multiply onto it so streets
        and names show through."""
        self.monitor.ensure_layer_in_project()
        layer = self.map_context.add_background(self.settings.value("map/background_style"))
        self.monitor.crowd.layer.setBlendMode(QPainter.CompositionMode.CompositionMode_Multiply)
        self.monitor.crowd.layer.triggerRepaint()
        self.iface.messageBar().pushMessage(
            tr("Druktemeter"),
            tr("Background map added: {0}. {1}").format(layer.name(), PDOK_ATTRIBUTION),
            Qgis.MessageLevel.Info,
            8,
        )

    def zoom_to_first_data(self) -> None:
        """Show the data the first time it arrives: the scenario's scene in demo, else the layer."""
        self.monitor.use_true_shapes_if_alone(self.map_context.layer_ids.values())
        canvas = self.iface.mapCanvas()
        layer = self.monitor.crowd.layer
        canvas.setExtent(canvas.mapSettings().layerToMapCoordinates(layer, layer.extent()))
        if self.mode.mode is Mode.DEMO:
            lon, lat = scene_of(self.monitor.connection.source.scenario)
            to_canvas = QgsCoordinateTransform(
                WGS84, canvas.mapSettings().destinationCrs(), QgsProject.instance()
            )
            canvas.setCenter(to_canvas.transform(QgsPointXY(lon, lat)))
            canvas.zoomScale(CITY_SCALE)
        canvas.refresh()

    def show_layer(self) -> None:
        self.monitor.ensure_layer_in_project()
        self.iface.setActiveLayer(self.monitor.crowd.layer)
        self.iface.zoomToActiveLayer()

    def open_settings(self) -> None:
        if self.settings_dialog is not None:
            self.settings_dialog.raise_()
            return
        # Not modal: "Draw on map" hides the dialog while the region is drawn.
        self.settings_dialog = SettingsDialog(
            self.settings, self.iface.mapCanvas(), self.iface.mainWindow(), background=self.background
        )
        self.settings_dialog.finished.connect(self.on_settings_closed)
        self.settings_dialog.show()

    def on_settings_closed(self, result: int) -> None:
        self.settings_dialog.deleteLater()
        self.settings_dialog = None
        if result == QDialog.DialogCode.Accepted:
            self.check_settings_saved()

    def check_settings_saved(self) -> bool:
        """QGIS keeps settings in memory and writes its profile file later, silently: a read-only
        or full profile folder would lose them at exit. Write now and say so when it fails."""
        store = QSettings(
            QgsSettings().fileName(), QSettings.Format.IniFormat
        )  # the same file, with status()
        store.sync()
        if store.status() == QSettings.Status.NoError:
            return True
        LOGGER.warning("Settings not saved to %s (status %s)", store.fileName(), store.status())
        self.warn(
            tr(
                "The settings could not be saved to {0}. They apply now, but are lost when QGIS closes: "
                "check that the QGIS profile folder is writable and has free space."
            ).format(store.fileName())
        )
        return False

    def set_dock_visible(self, visible: bool) -> None:
        if self.dock is None:
            return
        self.dock.setVisible(visible)
        if visible:
            self.dock.raise_()

    def on_dock_visibility(self, visible: bool) -> None:
        if self.action is not None and self.action.isChecked() != visible:
            self.action.setChecked(visible)

    # ------------------------------------------------------------ make demo SNAPSHOT=

    def ready_for_snapshot(self) -> bool:
        """True once the plugin shows what a user should see (used by ``make demo SNAPSHOT=``)."""
        if self.settings.value("demo/enabled") or self.settings.value("feed/url"):
            crowd = self.monitor.crowd
            shown = QgsProject.instance().mapLayer(crowd.layer.id()) is not None
            drawn = self.first_data_drawn and shown and not crowd.busy and crowd.layer.featureCount() > 0
            return drawn and self.chart_panel.settled()
        return self.dock is not None and self.dock.isVisible()

    def snapshot_facts(self) -> dict:
        """Facts about what is on screen, written beside a demo snapshot."""
        crowd = self.monitor.crowd
        canvas = self.iface.mapCanvas()
        window = self.iface.mainWindow()
        return {
            "canvas_geometry": _rect_in(canvas, window),
            "banner_geometry": _rect_in(self.banner, window) if self.banner is not None else [],
            "demo_mode": bool(self.settings.value("demo/enabled")),
            "banner_visible": self.banner is not None and self.banner.isVisible(),
            "cells": crowd.layer.featureCount(),
            "scale": round(canvas.scale()),
            "interval": None if self.monitor.snapshot is None else str(self.monitor.snapshot.interval.end),
            "context_layers": self.context_facts(),
            "project_crs": QgsProject.instance().crs().authid(),
            "region": self.alerts.engine.region_name,
        }

    def context_facts(self) -> dict:
        """Per context layer kind: shown, and how many of its features lie in the map's view."""
        canvas = self.iface.mapCanvas()
        root = QgsProject.instance().layerTreeRoot()
        facts = {}
        for kind in (REGION, PLACES, LAND):
            layer = self.map_context.layer(kind)
            if layer is None:
                continue
            view = canvas.mapSettings().outputExtentToLayerExtent(layer, canvas.extent())
            node = root.findLayer(layer.id())
            facts[kind] = {
                "visible": node is not None and node.isVisible(),
                "features_in_view": sum(
                    1 for _ in layer.getFeatures(QgsFeatureRequest().setFilterRect(view))
                ),
                "tree_index": [n.layerId() for n in root.findLayers()].index(layer.id()),
            }
        crowd_id = self.monitor.crowd.layer.id()
        facts["crowd_tree_index"] = [n.layerId() for n in root.findLayers()].index(crowd_id)
        return facts

    def zoom_facts(self, cell_id: str) -> dict:
        """What the map shows around a cell after an alert was clicked (for the desktop test)."""
        canvas = self.iface.mapCanvas()
        layer = self.monitor.crowd.layer
        settings = canvas.mapSettings()
        cell = settings.layerExtentToOutputExtent(
            layer, self.monitor.crowd.feature_for(cell_id).geometry().boundingBox()
        )
        in_view = layer.getFeatures(
            QgsFeatureRequest().setFilterRect(settings.outputExtentToLayerExtent(layer, canvas.extent()))
        )
        band = self.marks.bands.get(cell_id)
        window = self.iface.mainWindow()
        return {
            "scale": round(canvas.scale()),
            "ground_scale": round(ground_scale(settings)),
            "cell_in_view": canvas.extent().contains(cell),
            "cell_centre_offset": [
                round(abs(canvas.extent().center().x() - cell.center().x()) / canvas.extent().width(), 3),
                round(abs(canvas.extent().center().y() - cell.center().y()) / canvas.extent().height(), 3),
            ],
            "cells_in_view": sum(1 for _ in in_view),
            "marked_cells": sorted(self.marks.marked()),
            "mark_visible": band is not None and band.isVisible(),
            "mark_rect": [] if band is None else _rect_in_scene(band, canvas, window),
            "place": self.monitor.crowd.place_of(cell_id),
        }

    # ------------------------------------------------------------ unload

    def unload(self) -> None:
        if self.settings_dialog is not None:
            self.settings_dialog.close()
        if self.history_panel is not None:
            self.history_panel.shutdown()
        if self.briefing_writer is not None:
            self.briefing_writer.shutdown()
            self.briefing_writer.deleteLater()
            self.briefing_writer = None
        if self.playback is not None:
            self.playback.shutdown()
            self.playback.deleteLater()
            self.playback = None
        if self.chart_panel is not None:
            self.chart_panel.shutdown()
            self.chart_panel = None
        if self.history is not None:
            self.history.close()
            self.history = None
        if self.alerts is not None:
            self.alerts.close()
            self.alerts = None
        if self.marks is not None:
            self.marks.clear()
            self.marks = None
        if self.monitor is not None:
            self.settings.changed.disconnect(self.on_setting_changed)
            self.monitor.connectionChanged.disconnect(self.on_connection_changed)
            self.monitor.shutdown()
            self.monitor.deleteLater()
            self.monitor = None
        if self.map_context is not None:
            self.map_context.attributionChanged.disconnect(self.show_attribution)
            self.map_context.shutdown()
            self.map_context = None
        self.show_attribution("")
        self.set_canvas_banner(False)
        if self.dock is not None:
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
        for action in (self.action, self.settings_action):
            if action is not None:
                self.iface.removePluginMenu(self.MENU, action)
                action.deleteLater()
        if self.action is not None:
            self.iface.removeToolBarIcon(self.action)
        self.action = self.settings_action = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
        i18n.install(None)
        i18n.install_numbers(None)
        self.background.shutdown()  # after the monitor and the history: joins what they leave
        if self.log_handler is not None:
            log.uninstall(self.log_handler)
            self.log_handler = None
