"""The briefing: one A4 page for a crisis meeting, built as a QGIS print layout and exported to PDF.

On the page: the map (the canvas's layers and the region outline) with its
legend, the comparison chart and the answer sentence, a table of the busiest
cells with their places and trends, and the interval, source and time made.
An exercise is marked EXERCISE in red.

The map is rendered first by a ``QgsMapRendererSequentialJob`` (on one render
thread; a national map takes over a second) and placed on the page as an image,
so writing the PDF itself only lays out pictures, text and a small table: the
main thread is not held up by thousands of polygons (a vector map item of
60,000 cells took 17 s to export, all on the main thread). The sequential job,
not the parallel one: it composes the picture on its own thread, where the
parallel job does that on the main thread and took both cores of a 2-core
machine (main-thread gaps of 40-70 ms against 13-17 ms, the same 1.4 s in all
for the briefing's one or two layers).

What the main thread still does, each step in its own event-loop turn
(``slicing.SlicedRunner``): start the render, then lay out the page item by item
and export it. A print layout must be exported on the main thread (QGIS's own
*Export print layout as PDF* algorithm refuses threads); that one call takes
~25 ms on a quiet machine with text written as text (as outlines, the default,
it took ~40 ms). Everything else runs on the briefing's worker: the
busiest cells (a pass over a national interval) and writing the map and chart
images. They are written as BMP: encoding the national map as PNG took 0.3 s,
and the PDF compresses the pixels anyway.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Optional

from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemTextTable,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTableColumn,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsTextFormat,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDateTime, QLocale, QObject, QSize, Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor, QFont, QImage

from ..core.i18n import tr
from ..core.indicators import Scope, busiest
from ..core.model import CountsSnapshot, Trend
from ..core.words import trend_word
from . import WGS84
from .slicing import SlicedRunner

LOGGER = logging.getLogger("druktemeter.briefing")

BUSIEST_ROWS = 10
PAGE = (297.0, 210.0)  # A4 landscape, mm
EXERCISE_RED = "#c00000"
MAP_DPI = 150
MAP_SIZE = (165.0, 128.0)  # mm
STEP_BUDGET_S = 0.001  # one page item (3-25 ms) or the export per event-loop turn, never two


class BriefingError(Exception):
    """The PDF could not be written."""

    def user_message(self) -> str:
        return tr("The briefing could not be saved to {0}. Choose another folder.").format(self.args[0])


@dataclass
class BriefingContent:
    """What goes on the page; ``places`` maps cell ids to place names (the id where there is none)."""

    snapshot: CountsSnapshot
    source: str
    answer: str
    chart: Optional[QImage] = None
    region: Optional[QgsGeometry] = None  # EPSG:4326
    region_name: str = ""
    scope: Scope = None
    places: Mapping[str, str] = field(default_factory=dict)
    exercise: bool = False


def local_text(moment: datetime, time_only: bool = False) -> str:
    """Local date and time to the minute in the user's locale (``time_only``: the time)."""
    value = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    locale = QLocale()
    time = locale.toString(value.time(), "HH:mm")
    return time if time_only else f"{locale.toString(value.date(), QLocale.FormatType.ShortFormat)} {time}"


def busiest_rows(content: BriefingContent) -> list[list[str]]:
    """Place, count and trend of the busiest cells (valid counts only)."""
    locale = QLocale()
    return [
        [
            content.places.get(cell_id) or cell_id,
            locale.toString(count),
            trend_word(content.snapshot.trends.get(cell_id, Trend.UNKNOWN)),
        ]
        for cell_id, count in busiest(content.snapshot, content.scope, BUSIEST_ROWS)
    ]


class Briefing:
    """One briefing page around an already rendered map image (``map_image``): :meth:`steps` adds
    the page's items one at a time, then :meth:`export_pdf` writes it."""

    def __init__(
        self,
        project: QgsProject,
        content: BriefingContent,
        map_image: Path,
        legend_layers: list,
        chart_image: Optional[Path] = None,
        rows: Optional[list[list[str]]] = None,
    ) -> None:
        """``rows``: the busiest cells as :func:`busiest_rows` gives them (computed here when ``None``)."""
        self.content = content
        self._parts = (map_image, legend_layers, chart_image, rows)
        self.layout = QgsPrintLayout(project)
        self.layout.initializeDefaults()
        self.layout.setName(tr("Druktemeter briefing"))
        self.layout.pageCollection().page(0).setPageSize("A4", QgsLayoutItemPage.Orientation.Landscape)

    def steps(self) -> Iterator[None]:
        """Put the items on the page, one per step."""
        map_image, legend_layers, chart_image, rows = self._parts
        self._add_picture(map_image, 10, 30, *MAP_SIZE, frame=True)
        yield
        self._add_texts()
        yield
        self._add_legend(legend_layers)
        yield
        self._add_chart(chart_image)
        yield
        self._add_table(busiest_rows(self.content) if rows is None else rows)
        yield

    def export_pdf(self, path: Path) -> None:
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.textRenderFormat = Qgis.TextRenderFormat.AlwaysText  # selectable, and quicker than outlines
        settings.appendGeoreference = False  # the map is a picture: nothing to georeference
        result = QgsLayoutExporter(self.layout).exportToPdf(str(path), settings)
        if result != QgsLayoutExporter.ExportResult.Success:
            raise BriefingError(str(path))

    # ------------------------------------------------------------ page items

    def _add_picture(self, path: Path, x, y, width, height, frame: bool = False) -> QgsLayoutItemPicture:
        picture = QgsLayoutItemPicture(self.layout)
        picture.setPicturePath(str(path))
        picture.attemptMove(QgsLayoutPoint(x, y))
        picture.attemptResize(QgsLayoutSize(width, height))
        picture.setFrameEnabled(frame)
        self.layout.addLayoutItem(picture)
        return picture

    def _label(
        self, text: str, x, y, width, height, size: float = 9, bold: bool = False, color: str = "black"
    ) -> QgsLayoutItemLabel:
        label = QgsLayoutItemLabel(self.layout)
        label.setText(text)
        font = QFont()
        font.setPointSizeF(size)
        font.setBold(bold)
        _set_font(label, font, QColor(color))
        label.setHAlign(Qt.AlignmentFlag.AlignLeft)
        label.setVAlign(Qt.AlignmentFlag.AlignTop)
        label.attemptMove(QgsLayoutPoint(x, y))
        label.attemptResize(QgsLayoutSize(width, height))
        self.layout.addLayoutItem(label)
        return label

    def _add_texts(self) -> None:
        content, snapshot = self.content, self.content.snapshot
        where = content.region_name or (tr("whole feed") if content.scope is None else tr("region"))
        self._label(tr("Crowd briefing: {0}").format(where), 10, 8, 185, 10, size=18, bold=True)
        interval = tr("Interval {0}–{1}").format(
            local_text(snapshot.interval.start), local_text(snapshot.interval.end, time_only=True)
        )
        made = tr("made {0}").format(local_text(datetime.now().astimezone()))
        source = tr("Source: {0}").format(content.source)
        self._label(f"{interval} · {source} · {made}", 10, 19, 277, 8, size=9)
        if content.exercise:
            mark = self._label(
                tr("EXERCISE — simulated data"), 197, 6, 90, 10, size=13, bold=True, color="white"
            )
            mark.setHAlign(Qt.AlignmentFlag.AlignHCenter)
            mark.setVAlign(Qt.AlignmentFlag.AlignVCenter)
            mark.setBackgroundEnabled(True)
            mark.setBackgroundColor(QColor(EXERCISE_RED))
            mark.setMarginX(2)
        note = tr(
            "Counts are anonymised totals per antenna cell; cells under the privacy floor are "
            "shown as suppressed, never as a number. Movement is a lower bound (docs/statistics.md)."
        )
        self._label(note, 180, 190, 107, 12, size=6.5)

    def _add_legend(self, layers: list) -> None:
        legend = QgsLayoutItemLegend(self.layout)
        legend.setTitle(tr("Legend"))
        legend.setAutoUpdateModel(False)
        root = legend.model().rootGroup()
        root.removeAllChildren()
        for layer in layers:
            node = root.addLayer(layer)
            if layer.name() != tr("Region"):  # the crowd layer's long name would only repeat the title
                QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Style.Hidden)
        legend.attemptMove(QgsLayoutPoint(10, 161))
        legend.setColumnCount(3)
        legend.setSplitLayer(True)
        legend.setResizeToContents(True)
        self.layout.addLayoutItem(legend)
        legend.adjustBoxSize()

    def _add_chart(self, chart_png: Optional[Path]) -> None:
        self._label(self.content.answer, 180, 104, 107, 22, size=9, bold=True)
        if chart_png is not None:
            self._add_picture(chart_png, 180, 30, 107, 72)

    def _add_table(self, rows: list[list[str]]) -> None:
        self._label(tr("Busiest cells now"), 180, 127, 107, 6, size=10, bold=True)
        table = QgsLayoutItemTextTable(self.layout)
        headings = (tr("Place / cell"), tr("Users connected"), tr("Trend"))
        table.setColumns([QgsLayoutTableColumn(heading) for heading in headings])
        table.setContents(rows or [[tr("no cell with a count"), "", ""]])
        text = QgsTextFormat()
        text.setSize(7.5)
        table.setContentTextFormat(text)
        header = QgsTextFormat(text)
        font = header.font()
        font.setBold(True)
        header.setFont(font)
        table.setHeaderTextFormat(header)
        self.layout.addMultiFrame(table)
        frame = QgsLayoutFrame(self.layout, table)
        frame.attemptMove(QgsLayoutPoint(180, 134))
        frame.attemptResize(QgsLayoutSize(107, 55))
        table.addFrame(frame)


@dataclass(frozen=True)
class _Prepared:
    """What the worker made for the page: the images' files and the busiest cells."""

    map_image: Path
    chart_image: Optional[Path]
    rows: list[list[str]]


class BriefingWriter(QObject):
    """Writes one briefing at a time: the map rendered by QGIS's render threads, files and table
    rows made on the worker, the page laid out and exported on the main thread in steps.

    ``written(path)`` or ``failed(message)`` follows :meth:`write`; :meth:`shutdown` on unload.
    """

    written = pyqtSignal(str)
    failed = pyqtSignal(str)
    _prepared = pyqtSignal(int, object)  # generation, _Prepared or BriefingError (from the worker)

    def __init__(
        self, parent: Optional[QObject] = None, *, executor: Optional[ThreadPoolExecutor] = None
    ) -> None:
        """``executor``: the one-thread executor that writes the images and finds the busiest cells
        (the plugin passes one its background-work owner joins on unload)."""
        super().__init__(parent)
        self._worker = executor or ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="druktemeter-briefing"
        )
        self.runner = SlicedRunner(budget_s=STEP_BUDGET_S, parent=self)
        self._job: Optional[QgsMapRendererSequentialJob] = None
        self._pending: tuple = ()
        self._generation = 0
        self._prepared.connect(self._lay_out)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def write(
        self,
        project: QgsProject,
        content: BriefingContent,
        layers: list,
        extent: QgsRectangle,
        crs: QgsCoordinateReferenceSystem,
        path: Path,
    ) -> None:
        """Start writing the briefing to ``path`` (returns at once)."""
        self.cancel()
        region = _region_layer(content.region) if content.region is not None else None
        shown = ([region] if region is not None else []) + list(layers)
        folder = tempfile.TemporaryDirectory(prefix="druktemeter-briefing-")
        job = QgsMapRendererSequentialJob(map_settings(shown, _map_extent(content, extent, crs), crs))
        job.finished.connect(lambda: self._rendered(job))
        self._job, self._pending = job, (project, content, shown, Path(path), folder)
        job.start()

    def cancel(self) -> None:
        self._generation += 1
        self.runner.cancel()
        if self._job is not None:
            job, self._job = self._job, None
            job.cancel()
        if self._pending:
            self._pending[-1].cleanup()
            self._pending = ()

    def shutdown(self) -> None:
        self.cancel()
        self._worker.shutdown(wait=True)

    def _rendered(self, job: QgsMapRendererSequentialJob) -> None:
        if job is not self._job:
            return
        self._job = None
        _project, content, _shown, path, folder = self._pending
        job_args = (self._generation, job.renderedImage(), content, Path(folder.name), path)
        self._worker.submit(self._prepare, *job_args).add_done_callback(_log_failure)

    def _prepare(
        self, generation: int, map_image: QImage, content: BriefingContent, folder: Path, path: Path
    ) -> None:
        """On the worker: the images written, the busiest cells found."""
        map_file, chart_file = folder / "map.bmp", folder / "chart.bmp"
        if not map_image.save(str(map_file), "BMP"):
            self._prepared.emit(generation, BriefingError(str(path)))
            return
        if content.chart is None or not content.chart.save(str(chart_file), "BMP"):
            chart_file = None
        self._prepared.emit(generation, _Prepared(map_file, chart_file, busiest_rows(content)))

    def _lay_out(self, generation: int, prepared) -> None:
        if generation != self._generation:
            return
        project, content, shown, path, _folder = self._pending
        if isinstance(prepared, BriefingError):
            self._finish(prepared)
            return
        page = Briefing(project, content, prepared.map_image, shown, prepared.chart_image, prepared.rows)
        self.runner.start(self._steps(page, path), lambda: None)

    def _steps(self, page: Briefing, path: Path) -> Iterator[None]:
        yield from page.steps()
        self._export(page, path)

    def _export(self, page: Briefing, path: Path) -> None:
        try:
            page.export_pdf(path)
        except BriefingError as error:
            self._finish(error)
        else:
            self._finish(None, path)

    def _finish(self, error: Optional[BriefingError], path: Optional[Path] = None) -> None:
        self._pending[-1].cleanup()
        self._pending = ()
        if error is not None:
            self.failed.emit(error.user_message())
        else:
            self.written.emit(str(path))


def map_settings(layers: list, extent: QgsRectangle, crs: QgsCoordinateReferenceSystem) -> QgsMapSettings:
    """The briefing map: ``MAP_SIZE`` at ``MAP_DPI``, ``extent`` widened to that shape."""
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(crs)
    settings.setOutputDpi(MAP_DPI)
    settings.setOutputSize(QSize(*(round(mm / 25.4 * MAP_DPI) for mm in MAP_SIZE)))
    settings.setExtent(_fitted(extent, MAP_SIZE[0] / MAP_SIZE[1]))
    settings.setBackgroundColor(QColor("white"))
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(None))
    context.appendScope(QgsExpressionContextUtils.mapSettingsScope(settings))  # the style reads @map_scale
    settings.setExpressionContext(context)
    return settings


def _map_extent(content: BriefingContent, extent: QgsRectangle, crs) -> QgsRectangle:
    """The region (with a margin) when there is one, else what the canvas shows."""
    if content.region is None:
        return extent
    to_map = QgsCoordinateTransform(WGS84, crs, QgsProject.instance())
    box = to_map.transformBoundingBox(content.region.boundingBox())
    box.scale(1.1)
    return box


def _set_font(label: QgsLayoutItemLabel, font: QFont, color: QColor) -> None:
    """QGIS 3.24+ styles labels with a text format; 3.22 only has setFont and setFontColor."""
    if hasattr(label, "setTextFormat"):
        text = QgsTextFormat.fromQFont(font)
        text.setSize(font.pointSizeF())
        text.setColor(color)
        label.setTextFormat(text)
    else:
        label.setFont(font)
        label.setFontColor(color)


def _fitted(extent: QgsRectangle, aspect: float) -> QgsRectangle:
    """``extent`` widened in one direction to the width/height ratio ``aspect``, around its centre."""
    width, height = extent.width(), extent.height()
    if width / max(height, 1e-12) < aspect:
        width = height * aspect
    else:
        height = width / aspect
    centre = extent.center()
    return QgsRectangle(
        centre.x() - width / 2, centre.y() - height / 2, centre.x() + width / 2, centre.y() + height / 2
    )


def _region_layer(region: QgsGeometry) -> QgsVectorLayer:
    """The region's outline, on the briefing map only (not added to the project)."""
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4326", tr("Region"), "memory")
    feature = QgsFeature()
    feature.setGeometry(region)
    layer.dataProvider().addFeatures([feature])
    layer.updateExtents()
    symbol = QgsFillSymbol.createSimple(
        {"color": "0,0,0,0", "outline_color": "#1f3a93", "outline_width": "0.8", "outline_style": "solid"}
    )
    layer.setRenderer(QgsSingleSymbolRenderer(symbol))
    return layer


def _log_failure(future) -> None:
    error = future.exception()
    if error is not None:
        LOGGER.error("Briefing worker failed: %r", error)
