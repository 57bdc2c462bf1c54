"""The dock's history section: compare now with an earlier moment, and export a snapshot for a briefing.

Recording a national interval takes ~40 ms and reading one back ~25 ms
(``bench/history.py``), so both run on one worker thread, in order; the main
thread only hands over the snapshot and later shows the summary. The worker
returns data, never words: the summary is put in words on the main thread.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from concurrent.futures import Future
from pathlib import Path
from typing import Optional, Union

from qgis.core import QgsMapRendererParallelJob
from qgis.gui import QgsMapCanvas
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, QLocale, pyqtSignal
from qgis.PyQt.QtGui import QImage
from qgis.PyQt.QtWidgets import QComboBox, QFileDialog, QFormLayout, QPushButton, QWidget

from ..core.compare import ComparisonSummary, summarize, summary_words
from ..core.files import open_private
from ..core.history import Comparison, HistoryError, HistoryStore, comparison_words, earlier_end
from ..core.i18n import tr, tr_n
from ..core.model import CountsSnapshot
from ..core.snapshot_csv import write_snapshot_csv
from ..runtime.background import BackgroundWork
from .text import plain_label

LOGGER = logging.getLogger("druktemeter.history")
Outcome = Union[ComparisonSummary, HistoryError, None]  # None: nothing recorded for that moment


class HistoryPanel(QWidget):
    """Records every snapshot shown into ``store`` and compares it with the chosen earlier moment.

    ``canvas`` (optional) is the map saved as a PNG beside an exported table.
    Call :meth:`shutdown` before closing the store (the plugin's ``unload``).
    """

    compared = pyqtSignal(int, object)  # generation, Outcome: from the worker thread
    exported = pyqtSignal(object, object)  # csv path, rows written or the OSError: from the worker thread
    summaryShown = pyqtSignal(str)  # noqa: N815 (Qt signal naming)
    mapImageSaved = pyqtSignal(str)  # noqa: N815

    def __init__(
        self,
        store: HistoryStore,
        canvas: Optional[QgsMapCanvas] = None,
        parent: Optional[QWidget] = None,
        background: Optional[BackgroundWork] = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("DruktemeterHistoryPanel")
        self.store = store
        self.canvas = canvas
        owner = background or BackgroundWork()  # the plugin's: unload joins the history writes
        self._worker = owner.serial_executor("druktemeter-history")
        self._snapshot: Optional[CountsSnapshot] = None
        self._region: Optional[frozenset[str]] = None
        self._generation = 0
        self._render_job: Optional[QgsMapRendererParallelJob] = None
        self.compare_combo = QComboBox()
        for comparison in Comparison:
            self.compare_combo.addItem(comparison_words(comparison), comparison)
        self.summary_label = plain_label(text=tr("No interval shown yet."))
        self.export_button = QPushButton(tr("Export snapshot…"))
        self.export_button.setEnabled(False)
        layout = QFormLayout(self)
        layout.addRow(tr("Compare with"), self.compare_combo)
        layout.addRow(self.summary_label)
        layout.addRow(self.export_button)
        self.compare_combo.currentIndexChanged.connect(lambda _index: self._compare(record=False))
        self.export_button.clicked.connect(self.choose_export_file)
        self.compared.connect(self._show_outcome)
        self.exported.connect(self._show_export)

    def comparison(self) -> Comparison:
        return Comparison(self.compare_combo.currentData())

    def show_snapshot(self, snapshot: CountsSnapshot) -> None:
        """Record the interval just applied to the map and compare it (main thread; returns at once)."""
        self._snapshot = snapshot
        self.export_button.setEnabled(True)
        self._compare(record=True)

    def show_note(self, text: str) -> None:
        """Say why nothing is compared (e.g. exercises are not recorded)."""
        self._generation += 1
        self.summary_label.setText(text)

    def set_region_cells(self, cell_ids: Optional[Collection[str]]) -> None:
        """Compare only these cells (the user's region); ``None`` compares every cell."""
        self._region = None if cell_ids is None else frozenset(cell_ids)
        self._compare(record=False)

    def shutdown(self) -> None:
        """Finish pending writes and stop the worker and any map render."""
        self._generation += 1
        self._worker.shutdown(wait=True)
        if self._render_job is not None:
            self._render_job.cancel()
            self._render_job = None

    def choose_export_file(self) -> None:
        end = self._snapshot.interval.end.astimezone()
        suggested = f"druktemeter-{end:%Y%m%d-%H%M}.csv"
        path, _ = QFileDialog.getSaveFileName(self, tr("Export snapshot"), suggested, tr("CSV files (*.csv)"))
        if path:
            self.export_snapshot(path)

    def export_snapshot(self, csv_path: Union[str, Path]) -> None:
        """Write the interval shown as a table and, with a canvas, render the map to a PNG beside it.

        The table is written on the worker thread (a national one takes half a second);
        the panel says how it went when it is done.
        """
        csv_path, snapshot = Path(csv_path), self._snapshot
        self._worker.submit(self._write_export, snapshot, csv_path).add_done_callback(_log_failure)

    def _write_export(self, snapshot: CountsSnapshot, csv_path: Path) -> None:
        try:
            self.exported.emit(csv_path, write_snapshot_csv(snapshot, csv_path))
        except OSError as error:
            self.exported.emit(csv_path, error)

    def _show_export(self, csv_path: Path, outcome: Union[int, OSError]) -> None:
        if isinstance(outcome, OSError):
            LOGGER.warning("Snapshot export to %s failed: %s", csv_path, outcome)
            self.summary_label.setText(
                tr("The snapshot could not be saved to {0}. Choose another folder.").format(csv_path)
            )
            return
        self.summary_label.setText(tr_n("%n cell(s) exported to {0}", outcome).format(csv_path))
        if self.canvas is not None:
            self._render_map(csv_path.with_suffix(".png"))

    def _compare(self, record: bool) -> None:
        if self._snapshot is None:
            return
        self._generation += 1
        job = (self._generation, self._snapshot, self.comparison(), self._region, record)
        self._worker.submit(self._record_and_compare, *job).add_done_callback(_log_failure)

    def _record_and_compare(self, generation, snapshot, comparison, region, record) -> None:
        """On the worker thread: store, then fetch the earlier interval and total the difference."""
        outcome: Outcome
        try:
            if record:
                self.store.record(snapshot)
            earlier = self.store.snapshot_at(earlier_end(snapshot.interval.end, comparison))
            outcome = None if earlier is None else summarize(snapshot, earlier, region)
        except HistoryError as error:
            outcome = error
        self.compared.emit(generation, outcome)

    def _show_outcome(self, generation: int, outcome: Outcome) -> None:
        if generation != self._generation:
            return  # an answer to a question no longer asked
        if outcome is None:
            text = tr("No history for that moment yet.")
        elif isinstance(outcome, HistoryError):
            LOGGER.warning("History unavailable: %s", outcome)
            text = outcome.user_message()
        else:
            text = summary_words(outcome, self.comparison(), number=QLocale().toString)
        self.summary_label.setText(text)
        self.summaryShown.emit(text)

    def _render_map(self, png_path: Path) -> None:
        """Render off the main thread (a national map takes up to a second), then save."""
        job = QgsMapRendererParallelJob(self.canvas.mapSettings())
        job.finished.connect(lambda: self._save_render(job, png_path))
        self._render_job = job
        job.start()

    def _save_render(self, job: QgsMapRendererParallelJob, png_path: Path) -> None:
        if job is not self._render_job:
            return
        self._render_job = None
        if _save_private_png(job.renderedImage(), png_path):
            self.mapImageSaved.emit(str(png_path))
        else:
            self.summary_label.setText(tr("The map image could not be saved to {0}.").format(png_path))


def _save_private_png(image: QImage, path: Path) -> bool:
    """Encode in memory, then write the file ``0600`` like every file the plugin writes."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        return False
    try:
        with open_private(path, "wb") as handle:
            handle.write(bytes(data))
    except OSError as error:
        LOGGER.warning("Map image %s not saved: %s", path, error.strerror)
        return False
    return True


def _log_failure(future: Future) -> None:
    """A bug in the worker must show in the log, not vanish with the future."""
    error = future.exception()
    if error is not None:
        LOGGER.error("History worker failed: %r", error)
