"""The user's region and which cells lie in it.

The region is a polygon in EPSG:4326: one of the 25 safety regions shipped with
the plugin, chosen by name (``region/safety_region``; CBS 2025, CC BY 4.0), a
feature of a polygon layer the GIS specialist names (source + provider + feature
expression), or a polygon drawn on the map (stored as WKT). In demo mode with
no region set the exercise's own safety region, Brabant-Noord, is used, so an
exercise raises alerts out of the box. The cells are matched to it once, when the
cells or the region change; alert evaluation per poll then only looks up ids.

A cell takes part when its coverage polygon and the region share interior
(inside or overlapping); a cell that only touches the border does not.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Union

import shapely.geometry
from qgis.core import (
    Qgis,
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsExpression,
    QgsFeatureRequest,
    QgsGeometry,
    QgsMapSettings,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsUnitTypes,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsMapCanvas, QgsRubberBand
from qgis.PyQt.QtGui import QColor

from ..core.i18n import tr
from ..core.metadata import PLUGIN_ROOT
from ..core.model import Cell
from . import WGS84

CELL_ID_FIELD = "cell_id"  # the crowd layer's id field
INTERIORS_INTERSECT = "T********"  # DE-9IM: inside or overlapping, not merely touching
SAFETY_REGIONS_PATH = PLUGIN_ROOT / "resources" / "regions" / "veiligheidsregio_2025.geojson"
SAFETY_REGION_NAME_FIELD = "statnaam"
SAFETY_REGIONS_ATTRIBUTION = "© CBS, gebiedsindelingen 2025 (CC BY 4.0)"
DEMO_REGION = "Brabant-Noord"  # the simulator's region
ALERT_SCALE = 15_000  # an alert's cell is never shown closer on the ground: its surroundings must be readable
# Metres as a distance unit: Qgis.DistanceUnit from QGIS 3.30, QgsUnitTypes' enum before.
METRES = (
    Qgis.DistanceUnit.Meters if hasattr(Qgis, "DistanceUnit") else QgsUnitTypes.DistanceUnit.DistanceMeters
)
CONTEXT_FACTOR = 4.0  # the view spans this many times the cell: its neighbours are in sight
MARK_COLOUR = QColor(0, 120, 255)  # vivid blue: apart from the count bands and the navy region outline


class RegionError(Exception):
    """The region cannot be built; ``str()`` says why and what to do, translated."""


def region_from_settings(value_of: Mapping[str, Any]) -> QgsGeometry | None:
    """The configured region (a drawn polygon, else a layer, else a safety region by name; in demo
    mode Brabant-Noord when none is set), or ``None`` when none is set."""
    if value_of["region/wkt"]:
        return region_from_wkt(value_of["region/wkt"])
    if value_of["region/source"]:
        return region_from_layer(
            value_of["region/source"], value_of["region/provider"], value_of["region/feature_expression"]
        )
    name = safety_region_in_use(value_of)
    return region_from_safety_region(name) if name else None


def safety_region_in_use(value_of: Mapping[str, Any]) -> str:
    """The bundled safety region the settings select: by name, or the demo's when nothing is set."""
    if value_of["region/wkt"] or value_of["region/source"]:
        return ""
    if value_of["region/safety_region"]:
        return value_of["region/safety_region"]
    return DEMO_REGION if value_of["demo/enabled"] else ""


def region_name(value_of: Mapping[str, Any]) -> str:
    """How alerts and the map name the region: ``region/name``, else the safety region's name."""
    return value_of["region/name"] or safety_region_in_use(value_of)


@functools.lru_cache(maxsize=1)
def _safety_regions_geojson() -> dict[str, Mapping[str, Any]]:
    """Name -> GeoJSON geometry of the bundled regions, parsed once (a few ms, unlike opening OGR)."""
    document = json.loads(SAFETY_REGIONS_PATH.read_text(encoding="utf-8"))
    return {f["properties"][SAFETY_REGION_NAME_FIELD]: f["geometry"] for f in document["features"]}


def safety_region_names() -> tuple[str, ...]:
    """The names of the 25 bundled safety regions, alphabetically."""
    return tuple(sorted(_safety_regions_geojson(), key=str.lower))


def safety_region_outlines() -> dict[str, QgsGeometry]:
    """Every bundled region as published (EPSG:4326), for drawing the land; Zeeland unrepaired."""
    return {name: _geometry_from_geojson(geometry) for name, geometry in _safety_regions_geojson().items()}


def region_from_safety_region(name: str) -> QgsGeometry:
    """A bundled safety region by name, repaired where the published boundary is invalid (Zeeland)."""
    if name not in safety_region_names():
        raise RegionError(
            tr("{0} is not one of the 25 safety regions. Choose one from the list.").format(name)
        )
    return QgsGeometry(_safety_region(name))


@functools.lru_cache(maxsize=4)
def _safety_region(name: str) -> QgsGeometry:
    return _valid(_geometry_from_geojson(_safety_regions_geojson()[name]))


def region_from_wkt(wkt: str) -> QgsGeometry:
    """A drawn region: polygon WKT in EPSG:4326."""
    geometry = QgsGeometry.fromWkt(wkt)
    if geometry.isNull() or geometry.type() != QgsWkbTypes.GeometryType.PolygonGeometry:
        raise RegionError(tr("The drawn region is not a valid polygon. Draw the region on the map again."))
    return _valid(geometry)


def region_from_layer(source: str, provider: str, expression: str) -> QgsGeometry:
    """The union of the layer's features matching ``expression`` (all when empty), in EPSG:4326."""
    if provider == "memory":
        raise RegionError(tr("This region layer exists only in memory; save it to a file first."))
    layer = QgsVectorLayer(source, "region", provider)
    if not layer.isValid():
        message = tr("The region layer could not be opened: {0}. Check the file or choose another layer.")
        raise RegionError(message.format(source))
    if layer.geometryType() != QgsWkbTypes.GeometryType.PolygonGeometry:
        raise RegionError(tr("The region layer has no polygons. Choose a polygon layer."))
    request = QgsFeatureRequest()
    if expression.strip():
        parsed = QgsExpression(expression)
        if parsed.hasParserError():
            raise RegionError(
                tr("The feature expression is not valid: {0}").format(parsed.parserErrorString())
            )
        request.setFilterExpression(expression)
    geometries = [f.geometry() for f in layer.getFeatures(request) if f.hasGeometry()]
    if not geometries:
        raise RegionError(tr("No feature in the region layer matches {0}.").format(expression))
    region = QgsGeometry.unaryUnion(geometries)
    if layer.crs() != WGS84:
        region.transform(QgsCoordinateTransform(layer.crs(), WGS84, QgsProject.instance()))
    return _valid(region)


def _valid(geometry: QgsGeometry) -> QgsGeometry:
    """Hand-drawn and real-world boundaries can self-intersect; repair rather than refuse
    (only the polygons of a repair are kept: a touching ring may leave a stray line)."""
    if geometry.isGeosValid():
        return geometry
    repaired = geometry.makeValid()
    polygon = QgsWkbTypes.GeometryType.PolygonGeometry
    if repaired.type() != polygon:
        repaired = QgsGeometry.unaryUnion([p for p in repaired.asGeometryCollection() if p.type() == polygon])
    return repaired


def cells_in_region(
    layer_or_cells: Union[QgsVectorLayer, Iterable[Cell]], region: QgsGeometry, id_field: str = CELL_ID_FIELD
) -> set[str]:
    """Ids of the cells inside or overlapping ``region`` (EPSG:4326).

    For a layer the bounding-box filter runs in the data provider (its spatial
    index), then each candidate is tested exactly against the prepared region.
    """
    found: set[str] = set()
    for _ in matching_job(layer_or_cells, region, found, id_field):
        pass
    return found


def matching_job(
    layer_or_cells: Union[QgsVectorLayer, Iterable[Cell]],
    region: QgsGeometry,
    found: set[str],
    id_field: str = CELL_ID_FIELD,
    step: int = 200,
) -> Iterator[None]:
    """:func:`cells_in_region` as a job for ``mapping.slicing.SlicedRunner``: adds the ids to
    ``found`` and yields every ``step`` candidates, so a national cell set is matched without
    freezing QGIS."""
    engine = QgsGeometry.createGeometryEngine(region.constGet())
    engine.prepareGeometry()
    for number, (cell_id, geometry) in enumerate(_candidates(layer_or_cells, region, id_field), start=1):
        if engine.relatePattern(geometry.constGet(), INTERIORS_INTERSECT):
            found.add(cell_id)
        if number % step == 0:
            yield


def _candidates(
    layer_or_cells: Union[QgsVectorLayer, Iterable[Cell]], region: QgsGeometry, id_field: str
) -> Iterator[tuple[str, QgsGeometry]]:
    """(cell id, geometry in EPSG:4326) of the cells whose bounding box meets the region's."""
    if isinstance(layer_or_cells, QgsVectorLayer):
        yield from _layer_candidates(layer_or_cells, region, id_field)
        return
    box = region.boundingBox()
    west, south, east, north = box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()
    for cell in layer_or_cells:
        xs, ys = _coordinates(cell.geometry)
        if min(xs) <= east and max(xs) >= west and min(ys) <= north and max(ys) >= south:
            yield cell.id, _geometry_from_geojson(cell.geometry)


def _layer_candidates(
    layer: QgsVectorLayer, region: QgsGeometry, id_field: str
) -> Iterator[tuple[str, QgsGeometry]]:
    to_layer = QgsCoordinateTransform(WGS84, layer.crs(), QgsProject.instance())
    to_wgs84 = QgsCoordinateTransform(layer.crs(), WGS84, QgsProject.instance())
    box: QgsRectangle = to_layer.transformBoundingBox(region.boundingBox())
    request = QgsFeatureRequest().setFilterRect(box).setSubsetOfAttributes([id_field], layer.fields())
    for feature in layer.getFeatures(request):
        geometry = feature.geometry()
        if layer.crs() != WGS84:
            geometry.transform(to_wgs84)
        yield str(feature[id_field]), geometry


def _coordinates(geometry: Mapping[str, Any]) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """All x and all y of a GeoJSON (Multi)Polygon's outer rings: enough for a bounding box."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    points = [point for polygon in polygons for point in polygon[0]]
    return tuple(p[0] for p in points), tuple(p[1] for p in points)


def _geometry_from_geojson(geometry: Mapping[str, Any]) -> QgsGeometry:
    result = QgsGeometry()
    result.fromWkb(shapely.geometry.shape(geometry).wkb)
    return result


def zoom_to_cell(canvas: QgsMapCanvas, layer: QgsVectorLayer, fid: int) -> None:
    """Show one cell of ``layer`` with its surroundings and flash it, so an operator sees where an
    alert is: centred, its neighbours in view, and never closer than 1:``ALERT_SCALE``."""
    box = layer.getFeature(fid).geometry().boundingBox()
    view = canvas.mapSettings().layerExtentToOutputExtent(layer, box)
    view.scale(CONTEXT_FACTOR)
    canvas.setExtent(view)
    too_close = max(ALERT_SCALE / ground_scale(canvas.mapSettings()), ALERT_SCALE / canvas.scale())
    if too_close > 1:  # neither on the ground nor in the scale QGIS shows closer than 1:ALERT_SCALE
        canvas.zoomScale(canvas.scale() * too_close)
    canvas.refresh()
    canvas.flashFeatureIds(layer, [fid])


def ground_scale(settings: QgsMapSettings) -> float:
    """The map's true scale on the ground: the scale QGIS shows, corrected by how the ellipsoidal
    distance across the view's middle compares with the map's own units.

    In Web Mercator, at Dutch latitudes, 1:15,000 shown is about 1:9,300 on the ground. A
    geographic CRS is left as QGIS measures it (its scale is at most the ground's here)."""
    crs = settings.destinationCrs()
    if crs.isGeographic():
        return settings.scale()
    extent = settings.extent()
    measure = QgsDistanceArea()
    measure.setSourceCrs(crs, QgsProject.instance().transformContext())
    measure.setEllipsoid("WGS84")
    middle = extent.center().y()
    metres = measure.measureLine(QgsPointXY(extent.xMinimum(), middle), QgsPointXY(extent.xMaximum(), middle))
    planar = extent.width() * QgsUnitTypes.fromUnitToUnitFactor(crs.mapUnits(), METRES)
    return settings.scale() * metres / planar if planar > 0 else settings.scale()


class CellMarks:
    """Outlines on the canvas around cells an operator was shown, until their alert is acknowledged."""

    def __init__(self, canvas: QgsMapCanvas) -> None:
        self.canvas = canvas
        self.bands: dict[str, QgsRubberBand] = {}

    def mark(self, cell_id: str, layer: QgsVectorLayer, fid: int) -> None:
        band = self.bands.get(cell_id) or QgsRubberBand(self.canvas, QgsWkbTypes.GeometryType.PolygonGeometry)
        band.setStrokeColor(MARK_COLOUR)
        band.setFillColor(QColor(0, 0, 0, 0))
        band.setWidth(4)
        band.setToGeometry(layer.getFeature(fid).geometry(), layer)
        self.bands[cell_id] = band

    def marked(self) -> frozenset[str]:
        return frozenset(self.bands)

    def unmark(self, cell_id: str) -> None:
        band = self.bands.pop(cell_id, None)
        if band is not None:
            band.reset(QgsWkbTypes.GeometryType.PolygonGeometry)
            self.canvas.scene().removeItem(band)

    def clear(self) -> None:
        for cell_id in list(self.bands):
            self.unmark(cell_id)
