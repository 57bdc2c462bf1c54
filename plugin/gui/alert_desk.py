"""Region alerts for the plugin in one object: settings, region, crowd layer, engine, log, panel.

The plugin creates one :class:`AlertDesk`, puts :attr:`AlertDesk.panel` in the
dock, and hands it each snapshot the crowd layer has applied. The desk

* builds the rules and the region from the settings, and follows ``changed``
  so new settings apply without a restart;
* matches the crowd layer's cells to the region whenever the cells or the
  region change, in short slices on the main thread (never per poll);
* evaluates each new snapshot (dictionary look-ups only), records the events
  in the alert log, shows them in the panel, and pushes one message-bar warning
  with a "Show" button that zooms to and flashes the cell.

Staleness is judged from the snapshot itself with the feed status's rule
(``core.status.stale_after``) and the same clock as the poller (``now``; the
demo's clock in demo mode), not from the poller's last status: that status may
still describe the outage when the first snapshot after it is applied.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import Callable, Optional, Union

from qgis.core import Qgis, QgsGeometry
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..core.alert_log import AlertLog
from ..core.alerts import AlertEngine, AlertEvent, AlertRules
from ..core.config import SETTINGS
from ..core.i18n import tr
from ..core.model import CountsSnapshot
from ..core.status import stale_after
from ..mapping.crowd_layer import CrowdLayer
from ..mapping.region import (
    CellMarks,
    RegionError,
    matching_job,
    region_from_settings,
    region_name,
    zoom_to_cell,
)
from ..mapping.slicing import SlicedRunner
from ..runtime.settings import PluginSettings
from .alert_panel import AlertPanel, push_alert_message


class AlertDesk(QObject):
    """Owns the alert engine, the alert log and the alert panel; :meth:`close` on unload."""

    regionChanged = pyqtSignal(str)  # noqa: N815 - empty, or why no alerts can be raised
    regionCellsMatched = pyqtSignal(object)  # noqa: N815 - the ids of the cells in the region

    def __init__(
        self,
        iface,
        settings: PluginSettings,
        crowd: CrowdLayer,
        log_path: Union[str, os.PathLike],
        parent: Optional[QObject] = None,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ) -> None:
        super().__init__(parent)
        self.iface = iface
        self.now = now
        self.settings = settings
        self.crowd = crowd
        self.log = AlertLog(log_path)
        self.panel = AlertPanel(self.log)
        self.panel.set_sound_enabled(settings.value("alerts/sound"))
        self.engine = AlertEngine(AlertRules.from_config(self._values()), region_name(self._values()))
        self.region: Optional[QgsGeometry] = None
        self.region_problem = ""
        self.runner = SlicedRunner(parent=self)
        self._open_raises_restored = False
        settings.changed.connect(self.on_setting_changed)
        crowd.cells_applied.connect(self.match_region)
        self.marks = CellMarks(iface.mapCanvas())
        self.panel.zoomRequested.connect(self.show_cell)
        self.panel.acknowledgedChanged.connect(self.unmark_acknowledged)
        self.load_region()

    def _values(self) -> dict:
        return {key: self.settings.value(key) for key in SETTINGS}

    def evaluate(self, snapshot: CountsSnapshot) -> list[AlertEvent]:
        """Alerts for a snapshot now on the map (connect ``CrowdLayer.counts_applied``):
        logged, shown, announced. Returns the events."""
        now = self.now()
        events = self.engine.evaluate(snapshot, stale=self.is_stale(snapshot, now), now=now)
        self.panel.add_events(events)
        push_alert_message(self.iface, events, self.show_cell)
        return events

    def is_stale(self, snapshot: CountsSnapshot, now: datetime) -> bool:
        interval = snapshot.interval
        interval_minutes = round((interval.end - interval.start).total_seconds() / 60)
        return now >= interval.end + stale_after(self.settings.value("feed/poll_seconds"), interval_minutes)

    def on_setting_changed(self, key: str) -> None:
        if key == "alerts/sound":
            self.panel.set_sound_enabled(self.settings.value(key))
        elif key.startswith("alerts/"):
            self.engine.set_rules(AlertRules.from_config(self._values()))
        elif key == "region/name":
            self.engine.region_name = region_name(self._values())
        elif key.startswith("region/") or key == "demo/enabled":  # demo mode has a default region
            self.engine.region_name = region_name(self._values())
            self.load_region()

    def load_region(self) -> None:
        """Build the region from the settings (a problem goes to the message bar), then match the cells."""
        try:
            self.region = region_from_settings(self._values())
            problem = "" if self.region is not None else tr("No region set: no alerts will be raised.")
        except RegionError as error:
            self.region = None
            problem = tr("No alerts: {0}").format(error)
            self.iface.messageBar().pushMessage(tr("Druktemeter"), problem, Qgis.MessageLevel.Warning, 0)
        self.region_problem = problem
        self.regionChanged.emit(problem)
        self.match_region()

    def set_crowd(self, crowd: CrowdLayer) -> None:
        """Follow a new crowd layer (the user removed the old one from the project)."""
        self.crowd.cells_applied.disconnect(self.match_region)
        self.crowd = crowd
        crowd.cells_applied.connect(self.match_region)
        self.match_region()

    def restart_rules(self) -> None:
        """Forget every cell's alert state (a trainer jumped back in time to replay)."""
        self.engine = AlertEngine(self.engine.rules, self.engine.region_name)
        self._open_raises_restored = True
        self.match_region()

    def match_region(self) -> None:
        """Match the crowd layer's cells to the region in slices; the engine switches when done."""
        if self.region is None:
            self.runner.cancel()
            self.engine.set_region_cells((), {})
            return
        found: set[str] = set()
        job = matching_job(self.crowd.layer, self.region, found)
        self.runner.start(job, lambda: self._region_matched(found))

    def _region_matched(self, cell_ids: set[str]) -> None:
        self.engine.set_region_cells(cell_ids, self.crowd.cell_areas_km2(), self.crowd.cell_places())
        if self.crowd.layer.featureCount() == 0:
            return  # no cells yet (e.g. demo mode's default region at start): nothing known to tell
        self.regionCellsMatched.emit(frozenset(cell_ids))
        if cell_ids and not self._open_raises_restored:  # once the cells are there
            self.engine.assume_raised(self.log.open_raises())
            self._open_raises_restored = True

    @property
    def matching(self) -> bool:
        """True while the cells are being matched to a new region or cell set."""
        return self.runner.busy

    def show_cell(self, cell_id: str) -> None:
        """Zoom the map to the cell with its surroundings, flash it and keep it outlined until its
        alert is acknowledged (the panel's click and the message's "Show")."""
        fid = self.crowd.fid_for(cell_id)
        if fid is None:
            self.iface.messageBar().pushMessage(
                tr("Druktemeter"),
                tr("Cell {0} is no longer in the feed.").format(cell_id),
                Qgis.MessageLevel.Info,
                5,
            )
            return
        zoom_to_cell(self.iface.mapCanvas(), self.crowd.layer, fid)
        if any(e.cell_id == cell_id for e in self.panel.open_alerts()):
            self.marks.mark(cell_id, self.crowd.layer, fid)

    def unmark_acknowledged(self) -> None:
        """Cells whose alerts are all acknowledged lose their outline."""
        still_open = {e.cell_id for e in self.panel.open_alerts()}
        for cell_id in self.marks.marked() - still_open:
            self.marks.unmark(cell_id)

    def close(self) -> None:
        """Stop matching and let go of the settings and the crowd layer (plugin unload)."""
        self.runner.cancel()
        self.marks.clear()
        self.settings.changed.disconnect(self.on_setting_changed)
        self.crowd.cells_applied.disconnect(self.match_region)
