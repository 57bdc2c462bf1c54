"""The briefing: one A4 page for a crisis meeting, built as a QGIS print layout and exported to PDF.

On the page: the map (the canvas's layers and the region outline) with its
legend, the comparison chart and the answer sentence, a table of the busiest
cells with their places and trends, and the interval, source and time made.
An exercise is marked EXERCISE in red. The layout is an ordinary
``QgsPrintLayout``, so it can also be added to the project and edited in the
layout designer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFillSymbol,
    QgsGeometry,
    QgsLayoutExporter,
    QgsLayoutFrame,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPage,
    QgsLayoutItemPicture,
    QgsLayoutItemTextTable,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsLayoutTableColumn,
    QgsLegendRenderer,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsSingleSymbolRenderer,
    QgsTextFormat,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDateTime, QLocale, Qt
from qgis.PyQt.QtGui import QColor, QFont

from ..core.i18n import tr
from ..core.indicators import Scope, busiest
from ..core.model import CountsSnapshot, Trend
from ..core.words import trend_word
from . import WGS84

BUSIEST_ROWS = 10
PAGE = (297.0, 210.0)  # A4 landscape, mm
EXERCISE_RED = "#c00000"
MAP_SIZE = (165.0, 128.0)  # mm


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
    chart_png: Optional[Path] = None
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
    """One briefing page; keep the object until :meth:`export_pdf` has run (it holds the region layer)."""

    def __init__(
        self,
        project: QgsProject,
        content: BriefingContent,
        layers: list,
        extent: QgsRectangle,
        crs: QgsCoordinateReferenceSystem,
    ) -> None:
        self.content = content
        self.layout = QgsPrintLayout(project)
        self.layout.initializeDefaults()
        self.layout.setName(tr("Druktemeter briefing"))
        self.layout.pageCollection().page(0).setPageSize("A4", QgsLayoutItemPage.Orientation.Landscape)
        self.region_layer = _region_layer(content.region) if content.region is not None else None
        map_layers = ([self.region_layer] if self.region_layer else []) + list(layers)
        self.map = self._add_map(map_layers, self._extent(extent, crs), crs)
        self._add_texts()
        self._add_legend()
        self._add_chart()
        self._add_table()

    def export_pdf(self, path: Path) -> None:
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.rasterizeWholeImage = False
        result = QgsLayoutExporter(self.layout).exportToPdf(str(path), settings)
        if result != QgsLayoutExporter.ExportResult.Success:
            raise BriefingError(str(path))

    # ------------------------------------------------------------ page items

    def _extent(self, extent: QgsRectangle, crs: QgsCoordinateReferenceSystem) -> QgsRectangle:
        """The region (with a margin) when there is one, else what the canvas shows."""
        if self.content.region is None:
            return extent
        to_map = QgsCoordinateTransform(WGS84, crs, QgsProject.instance())
        box = to_map.transformBoundingBox(self.content.region.boundingBox())
        box.scale(1.1)
        return box

    def _add_map(self, layers, extent: QgsRectangle, crs) -> QgsLayoutItemMap:
        item = QgsLayoutItemMap(self.layout)
        self.layout.addLayoutItem(item)
        item.attemptMove(QgsLayoutPoint(10, 30))
        item.attemptResize(QgsLayoutSize(*MAP_SIZE))
        item.setCrs(crs)
        item.setLayers(layers)
        item.setKeepLayerSet(True)
        item.setExtent(_fitted(extent, MAP_SIZE[0] / MAP_SIZE[1]))  # same shape: the item keeps its size
        item.setFrameEnabled(True)
        return item

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

    def _add_legend(self) -> None:
        legend = QgsLayoutItemLegend(self.layout)
        legend.setTitle(tr("Legend"))
        legend.setLinkedMap(self.map)
        legend.setAutoUpdateModel(False)
        root = legend.model().rootGroup()
        root.removeAllChildren()
        for layer in self.map.layers():
            node = root.addLayer(layer)
            if layer is not self.region_layer:  # its long name would run into the chart
                QgsLegendRenderer.setNodeLegendStyle(node, QgsLegendStyle.Style.Hidden)
        legend.setLegendFilterByMapEnabled(True)  # only what the map shows: no "stale" when it is not
        legend.attemptMove(QgsLayoutPoint(10, 161))
        legend.setColumnCount(3)
        legend.setSplitLayer(True)
        legend.setResizeToContents(True)
        self.layout.addLayoutItem(legend)
        legend.adjustBoxSize()

    def _add_chart(self) -> None:
        self._label(self.content.answer, 180, 104, 107, 22, size=9, bold=True)
        if self.content.chart_png is None:
            return
        picture = QgsLayoutItemPicture(self.layout)
        picture.setPicturePath(str(self.content.chart_png))
        picture.attemptMove(QgsLayoutPoint(180, 30))
        picture.attemptResize(QgsLayoutSize(107, 72))
        self.layout.addLayoutItem(picture)

    def _add_table(self) -> None:
        self._label(tr("Busiest cells now"), 180, 127, 107, 6, size=10, bold=True)
        table = QgsLayoutItemTextTable(self.layout)
        headings = (tr("Place / cell"), tr("Users connected"), tr("Trend"))
        table.setColumns([QgsLayoutTableColumn(heading) for heading in headings])
        rows = busiest_rows(self.content)
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
