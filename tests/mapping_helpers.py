"""Small real cell grids and an offscreen renderer for the mapping tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from druktemeter.plugin.core.model import Cell, CellSet, CountsSnapshot, Interval, Trend
from qgis.core import (
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsPointXY,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QImage

ORIGIN = (5.10, 52.08)  # Utrecht
BACKGROUND = QColor("#b4d2f0")  # a light blue "basemap", so white and transparent differ


def square_cell(cell_id: str, column: int, row: int, size_deg: float) -> Cell:
    x0, y0 = ORIGIN[0] + column * size_deg, ORIGIN[1] + row * size_deg
    ring = [[x0, y0], [x0 + size_deg, y0], [x0 + size_deg, y0 + size_deg], [x0, y0 + size_deg], [x0, y0]]
    return Cell(
        cell_id, {"type": "Polygon", "coordinates": [ring]}, {"site": f"s{column}", "technology": "NR"}
    )


def grid(columns: int, rows: int, size_deg: float = 0.01, etag: str = "v1") -> CellSet:
    cells = tuple(square_cell(f"c{c}_{r}", c, r, size_deg) for r in range(rows) for c in range(columns))
    return CellSet(cells, etag)


def snapshot(
    counts: dict, trends: dict | None = None, min_count: int = 15, minute: int = 0
) -> CountsSnapshot:
    start = datetime(2026, 11, 25, 20, 0, tzinfo=timezone.utc) + timedelta(minutes=minute)
    trends = trends or {cell_id: Trend.EQUAL for cell_id, count in counts.items() if count is not None}
    return CountsSnapshot(Interval(start, start + timedelta(minutes=15)), min_count, counts, trends, "test")


def cell_center(cell_set: CellSet, cell_id: str) -> QgsPointXY:
    ring = next(c for c in cell_set.cells if c.id == cell_id).geometry["coordinates"][0]
    return QgsPointXY((ring[0][0] + ring[2][0]) / 2, (ring[0][1] + ring[2][1]) / 2)


def map_settings(layer, extent: QgsRectangle, width: int = 400, height: int = 400) -> QgsMapSettings:
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setOutputSize(QSize(width, height))
    settings.setExtent(extent)
    settings.setBackgroundColor(BACKGROUND)
    # as the map canvas does, so the style can use @map_scale
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(None))
    context.appendScope(QgsExpressionContextUtils.mapSettingsScope(settings))
    settings.setExpressionContext(context)
    return settings


def render(layer, extent: QgsRectangle, width: int = 400, height: int = 400) -> tuple[QImage, QgsMapSettings]:
    settings = map_settings(layer, extent, width, height)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage(), settings


def pixel(image: QImage, settings: QgsMapSettings, point: QgsPointXY, dx: int = 0, dy: int = 0) -> QColor:
    screen = settings.mapToPixel().transform(point)
    return QColor(image.pixel(round(screen.x()) + dx, round(screen.y()) + dy))


def distance(a: QColor, b: QColor) -> int:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())


def dark_pixels(image: QImage, limit: int = 45) -> int:
    """Pixels darker than any band colour: arrows (#1a1a1a) or black outlines."""
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if QColor(image.pixel(x, y)).lightness() < limit
    )
