"""Processing algorithm "Coverage polygons from antenna sites".

For feeds that publish antenna sites rather than polygons, and for building
demo geography: each site's Voronoi cell, split into sectors where azimuths are
known, clipped to polygons or an extent. The geometry work is the simulator's
``coverage_pieces``; this module only moves features in and out of QGIS.

Voronoi cells and sector angles need a metric map, so the work is done in the
sites' CRS when it is projected and otherwise in the UTM zone of the sites;
the output is in the sites' CRS.
"""

from __future__ import annotations

import math
from typing import Any, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureSink,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsWkbTypes,
)
from shapely import wkb
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from ..core.i18n import tr
from ..mapping.fields import qgs_field
from ..simulator.coverage import Site, coverage_pieces

POSITION_DECIMALS = 1  # sites closer than 0.1 m are one site (several antennas on one mast)
FRAME_SHARE = 0.1  # without a clip area: the sites' bounds, widened by this share


class CoverageFromSitesAlgorithm(QgsProcessingAlgorithm):
    INPUT = "INPUT"
    AZIMUTH_FIELD = "AZIMUTH_FIELD"
    CLIP = "CLIP"
    EXTENT = "EXTENT"
    OUTPUT = "OUTPUT"

    def name(self) -> str:
        return "coveragefromsites"

    def displayName(self) -> str:  # noqa: N802 (QGIS API)
        return tr("Coverage polygons from antenna sites")

    def shortHelpString(self) -> str:  # noqa: N802 (QGIS API)
        return tr(
            "Builds a coverage polygon per antenna: the area closer to its site than to any other "
            "(Voronoi), split into sectors halfway between the azimuths of the antennas on the same "
            "site, and clipped to the clip polygons or the extent. Points at the same position are one "
            "site. Without an azimuth field every site gets one polygon."
        )

    def createInstance(self) -> CoverageFromSitesAlgorithm:  # noqa: N802 (QGIS API)
        return CoverageFromSitesAlgorithm()

    def initAlgorithm(self, config: Optional[dict] = None) -> None:  # noqa: N802 (QGIS API)
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT, tr("Antenna sites"), [QgsProcessing.SourceType.TypeVectorPoint]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.AZIMUTH_FIELD,
                tr("Azimuth field (degrees from north, clockwise)"),
                parentLayerParameterName=self.INPUT,
                type=QgsProcessingParameterField.DataType.Numeric,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.CLIP,
                tr("Clip to polygons (land, region)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterExtent(self.EXTENT, tr("Clip to extent (when no polygons)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, tr("Coverage"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )

    def processAlgorithm(self, parameters: dict, context, feedback) -> dict[str, Any]:  # noqa: N802 (QGIS API)
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(tr("The antenna sites layer cannot be read. Choose a point layer."))
        metric_crs = metric_crs_for(source, context)
        to_metric = QgsCoordinateTransform(source.sourceCrs(), metric_crs, context.transformContext())
        sites = read_sites(source, self.parameterAsString(parameters, self.AZIMUTH_FIELD, context), to_metric)
        if not sites:
            raise QgsProcessingException(
                tr("The layer has no antenna sites (points). Choose a point layer with at least one point.")
            )
        area = self.clip_area(parameters, context, metric_crs, sites)
        pieces = coverage_pieces(sites, area)
        fields = output_fields()
        sink, destination = self.parameterAsSink(
            parameters, self.OUTPUT, context, fields, QgsWkbTypes.Type.MultiPolygon, source.sourceCrs()
        )
        back = QgsCoordinateTransform(metric_crs, source.sourceCrs(), context.transformContext())
        for done, piece in enumerate(pieces):
            if feedback.isCanceled():
                break
            geometry = QgsGeometry()
            geometry.fromWkb(piece.geometry.wkb)
            geometry.convertToMultiType()
            geometry.transform(back)
            feature = QgsFeature(fields)
            feature.setGeometry(geometry)
            azimuth = None if piece.azimuth is None else round(piece.azimuth, 1)
            area_km2 = round(piece.geometry.area / 1e6, 4)
            feature.setAttributes([piece.site_index + 1, piece.sector_index + 1, azimuth, area_km2])
            sink.addFeature(feature, QgsFeatureSink.Flag.FastInsert)
            feedback.setProgress(100.0 * (done + 1) / len(pieces))
        return {self.OUTPUT: destination}

    def clip_area(self, parameters: dict, context, metric_crs, sites: list[Site]) -> BaseGeometry:
        """The clip polygons, else the extent, else the sites' bounds widened a little (all metric)."""
        clip = self.parameterAsSource(parameters, self.CLIP, context)
        if clip is not None:
            to_metric = QgsCoordinateTransform(clip.sourceCrs(), metric_crs, context.transformContext())
            area = unary_union(
                [to_shapely(f.geometry(), to_metric) for f in clip.getFeatures() if f.hasGeometry()]
            )
            if area.is_empty:
                raise QgsProcessingException(tr("The clip layer has no polygons. Choose another clip layer."))
            return area
        if parameters.get(self.EXTENT):
            extent = self.parameterAsExtent(parameters, self.EXTENT, context, metric_crs)
            return box(extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
        xs, ys = [s.x for s in sites], [s.y for s in sites]
        margin = max(1000.0, FRAME_SHARE * math.hypot(max(xs) - min(xs), max(ys) - min(ys)))
        return box(min(xs) - margin, min(ys) - margin, max(xs) + margin, max(ys) + margin)


def metric_crs_for(source, context) -> QgsCoordinateReferenceSystem:
    """The sites' own CRS when projected, else the UTM zone (WGS84) of their centre."""
    crs = source.sourceCrs()
    if not crs.isGeographic():
        return crs
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    centre = QgsCoordinateTransform(crs, wgs84, context.transformContext()).transform(
        source.sourceExtent().center()
    )
    zone = min(60, int((centre.x() + 180.0) // 6.0) + 1)
    return QgsCoordinateReferenceSystem(f"EPSG:{(32600 if centre.y() >= 0 else 32700) + zone}")


def read_sites(source, azimuth_field: str, to_metric: QgsCoordinateTransform) -> list[Site]:
    """One :class:`Site` per position, with the azimuths of all antennas there (nulls ignored)."""
    azimuths: dict[tuple[float, float], list[float]] = {}
    for feature in source.getFeatures():
        if not feature.hasGeometry():
            continue
        geometry = QgsGeometry(feature.geometry())
        geometry.transform(to_metric)
        value = feature[azimuth_field] if azimuth_field else None
        for point in geometry.vertices():
            key = (round(point.x(), POSITION_DECIMALS), round(point.y(), POSITION_DECIMALS))
            listed = azimuths.setdefault(key, [])
            if isinstance(value, (int, float)) and math.isfinite(value):  # NULL arrives as a QVariant
                listed.append(float(value))
    return [Site(x, y, tuple(found)) for (x, y), found in azimuths.items()]


def to_shapely(geometry: QgsGeometry, transform: QgsCoordinateTransform) -> BaseGeometry:
    copy = QgsGeometry(geometry)
    copy.transform(transform)
    return wkb.loads(bytes(copy.asWkb()))


def output_fields() -> QgsFields:
    fields = QgsFields()
    fields.append(qgs_field("site", "int"))
    fields.append(qgs_field("sector", "int"))
    fields.append(qgs_field("azimuth", "double"))
    fields.append(qgs_field("area_km2", "double"))
    return fields
