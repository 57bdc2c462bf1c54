"""The national overview: the crowd map at country scale as one merged shape per band and state.

Why: at national scale QGIS would test the crowd style's rules on each of 60,000 to 200,000
cells at every render (about 1 s of the 1.4 s at 200,000 cells, ``make bench``), yet what a
reader can see at that scale is only each cell's band or state colour: outlines start at
1:250,000, stale hatching at 1:300,000, trend arrows need cells of 30 x 30 pixels. So beyond
:data:`OVERVIEW_SCALE` the map shows this overview instead of the crowd layer: a memory layer
with one MultiPolygon feature per band and state, made of exactly the cells' own polygons
(nothing simplified, merged away or dissolved), styled with a clone of the crowd layer's style.
Closer than :data:`OVERVIEW_SCALE` the crowd layer shows every cell, with its map tip,
Identify, outlines and trend arrows. The two layers' scale ranges meet without a gap or an
overlap, so QGIS draws exactly one of them and never iterates the cells at national scale.

Why 1:500,000: a whole safety region fills a 1280-pixel map at about 1:400,000 (Web Mercator
at Dutch latitudes), so a region still shows cell by cell with map tips; a city cell (~200 m)
is two or three pixels at 1:500,000, so beyond it single cells can no longer be told apart and
only their colours count; and it lies beyond the style's own detail (outlines 1:250,000,
hatching 1:300,000), so the overview never lacks what the crowd layer would have drawn.

Drawing order: no data first, then suppressed, then the bands from quiet to busy (ascending
feature ids), so where coverage polygons overlap a busier band is never hidden under a quieter
one. Each feature's ``drawn`` value is its group's (a band with the trend "unknown": no arrow).

The work is split as the crowd layer's is (:mod:`.drawn`):

* worker (:class:`OverviewPlanner`, run by the poller's :class:`~.drawn.DrawnPlanner`): once
  per cell list, the cells' polygons projected to the layer's CRS in one ``QgsGeometry``
  transform (C++, the GIL released) and kept per cell as WKB; per snapshot, every cell's group
  from its drawn value, compared with the grouping last built; only when some cell changed
  group (a trend alone does not) the changed groups' MultiPolygon WKB is concatenated from
  their cells' polygons (bytes, no union) and made into a ``QgsGeometry``.
* main thread (:class:`NationalOverview`): replaces at most one geometry per group, and keeps
  the layer in step with the crowd layer: style (a clone, so a specialist's edits and band
  edges follow), the stale and floor variables, blend mode and opacity, its place just below
  the crowd layer in the layer tree and its visibility.

The overview is a *private* layer: the Layers panel and print-layout legends do not list it
(its legend is empty, too), so there is one legend, the crowd layer's. Identify at national
scale finds the band or state under the cursor, how many cells it holds, and a note to zoom in
for single cells. A map tip follows the active layer, the crowd layer, which QGIS leaves silent
beyond its scale range; its own map tip is there for a project where the overview is shown.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any, Optional

import numpy
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFields,
    QgsGeometry,
    QgsLayerTree,
    QgsMapLayer,
    QgsMapLayerLegend,
    QgsProject,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QByteArray, QObject, QTimer

from ..core.geometry import WKB_MULTIPOLYGON, WKB_POLYGON
from ..core.i18n import tr
from ..core.model import CellSet, Trend
from . import WGS84, style
from .crowd_layer import MIN_COUNT_VARIABLE, CrowdLayer, _expression_text, geometry_from_wkb, wkb_from_geojson
from .drawn import NO_DATA, SUPPRESSED, TREND_CODES
from .fields import qgs_field

OVERVIEW_SCALE = 500_000  # from 1:500,000 outwards the overview, closer than it the crowd layer
OVERVIEW_PROPERTY = "druktemeter/overview"

_HEADER = struct.Struct("<BI")
_COUNT = struct.Struct("<I")
CELLS = 2  # the "cells" field's index (see _fields)
PIECE_CELLS = 5_000  # cells per WKB handed to or read from QGIS in one call (~600 KB: no GIL stretch)


def group_keys(edges: Sequence[int]) -> tuple[int, ...]:
    """The groups in drawing order: no data, suppressed, then band 0 (quiet) to the busiest."""
    return (NO_DATA, SUPPRESSED, *range(len(edges) + 1))


def groups_of(codes: numpy.ndarray) -> numpy.ndarray:
    """Each cell's group: its band, or its state (suppressed, no data); the trend does not count."""
    codes = numpy.asarray(codes, dtype=numpy.int64)
    return numpy.where(codes < 0, codes, codes // 4)


def group_drawn(key: int) -> int:
    """The drawn value the style reads for a group: a band with an unknown trend (no arrow)."""
    return key if key < 0 else key * 4 + TREND_CODES[Trend.UNKNOWN]


def hide_at_national_scale(layer: QgsMapLayer) -> None:
    """The crowd layer draws only closer than :data:`OVERVIEW_SCALE` (the overview from it outwards)."""
    layer.setScaleBasedVisibility(True)
    layer.setMinimumScale(OVERVIEW_SCALE)
    layer.setMaximumScale(0)


# ------------------------------------------------------------------ worker side


@dataclass(frozen=True, eq=False)
class OverviewPlan:
    """The overview for one cell list and set of band edges, as the worker built it.

    ``geometries`` holds the groups whose cells changed (every group when ``complete``),
    ``cells`` how many cells each group has (every group).
    """

    edges: tuple[int, ...]
    geometries: Mapping[int, QgsGeometry]
    cells: Mapping[int, int]
    complete: bool


def polygon_parts(wkb: bytes) -> tuple[bytes, int]:
    """A little-endian (Multi)Polygon WKB's polygons as one run of Polygon WKB, and how many."""
    byte_order, kind = _HEADER.unpack_from(wkb)
    if byte_order != 1 or kind not in (WKB_POLYGON, WKB_MULTIPOLYGON):
        raise ValueError(f"not a little-endian polygon WKB (order {byte_order}, type {kind})")
    if kind == WKB_POLYGON:
        return bytes(wkb), 1
    return bytes(wkb[_HEADER.size + _COUNT.size :]), _COUNT.unpack_from(wkb, _HEADER.size)[0]


def multipolygon_wkb(parts: Sequence[bytes], count: int) -> bytes:
    return _HEADER.pack(1, WKB_MULTIPOLYGON) + _COUNT.pack(count) + b"".join(parts)


def cell_wkbs(cells: CellSet) -> Sequence[bytes]:
    """Every cell's WKB in list order (read column-wise from a parsed list)."""
    columns = getattr(cells.cells, "columns", None)  # core.geometry.PackedCells
    return columns()[1] if columns is not None else [wkb_from_geojson(cell.geometry) for cell in cells.cells]


@dataclass(frozen=True, eq=False)
class ProjectedCells:
    """Each cell's polygons in the map's CRS as a run of Polygon WKB, with how many polygons and
    bytes each run has (numpy, so a group's totals are one call)."""

    parts: list[bytes]
    polygons: numpy.ndarray
    sizes: numpy.ndarray


def projected_parts(
    cells: CellSet, crs: QgsCoordinateReferenceSystem, context: QgsCoordinateTransformContext
) -> ProjectedCells:
    """The cells' polygons in ``crs`` (see :class:`ProjectedCells`).

    The cells are projected :data:`PIECE_CELLS` at a time, each piece in one ``QgsGeometry``
    transform (C++, the GIL released); a piece's unprojected WKB goes before the next is made
    (200,000 of them freed at once would be a stretch of their own).
    """
    wkbs = cell_wkbs(cells)
    polygons = numpy.zeros(len(wkbs), dtype=numpy.int64)
    sizes = numpy.zeros(len(wkbs), dtype=numpy.int64)
    transform = None if crs == WGS84 else QgsCoordinateTransform(WGS84, crs, context)
    result: list[bytes] = []
    for start in range(0, len(wkbs), PIECE_CELLS):
        pieces = []
        for index, wkb in enumerate(wkbs[start : start + PIECE_CELLS], start):
            piece, polygons[index] = polygon_parts(wkb)
            sizes[index] = len(piece)
            pieces.append(piece)
        end = start + len(pieces)
        if transform is not None:
            pieces = _projected(pieces, int(polygons[start:end].sum()), transform)
        result += pieces
    return ProjectedCells(result, polygons, sizes)


def _projected(pieces: list[bytes], polygons: int, transform: QgsCoordinateTransform) -> list[bytes]:
    """``pieces`` (Polygon WKB runs) transformed in one call; the projected WKB has the input's
    layout, so it splits back at the same offsets."""
    geometry = geometry_from_wkb(multipolygon_wkb(pieces, polygons))
    geometry.transform(transform)
    projected = bytes(geometry.asWkb())
    expected = _HEADER.size + _COUNT.size + sum(len(piece) for piece in pieces)
    if len(projected) != expected:
        raise ValueError(f"projected cells changed layout ({len(projected)} bytes, expected {expected})")
    view, offset, result = memoryview(projected), _HEADER.size + _COUNT.size, []
    for piece in pieces:
        result.append(bytes(view[offset : offset + len(piece)]))
        offset += len(piece)
    return result


def merged_geometry(cells: ProjectedCells, members: numpy.ndarray) -> QgsGeometry:
    """One MultiPolygon of the ``members``' polygons (positions into ``cells``), in their order.

    The WKB is gathered :data:`PIECE_CELLS` cells at a time into a ``QByteArray`` sized at once,
    which QGIS reads as is. One WKB of every cell at 200,000 cells is 25 MB: handed over as
    ``bytes`` it is one copy that holds the GIL for 13-60 ms (page faults included), and a
    ``QByteArray`` grown piece by piece copies itself over again as it grows. Gathered as pieces
    of geometry instead, the pieces' many small allocations, once freed, are given back to the
    system by the next large free on this thread, itself then a GIL-holding stretch of 30-60 ms.
    """
    if len(members) == 0:
        return QgsGeometry()
    header = _HEADER.pack(1, WKB_MULTIPOLYGON) + _COUNT.pack(int(cells.polygons[members].sum()))
    wkb = QByteArray()
    wkb.reserve(len(header) + int(cells.sizes[members].sum()))
    wkb.append(header)
    for start in range(0, len(members), PIECE_CELLS):
        wkb.append(b"".join([cells.parts[i] for i in members[start : start + PIECE_CELLS].tolist()]))
    geometry = QgsGeometry()
    geometry.fromWkb(wkb)
    return geometry


class OverviewPlanner:
    """Worker-thread side: the cell list's projected polygons and the grouping last built.

    Used by one thread (the poller's), through :class:`~.drawn.DrawnPlanner`.
    """

    def __init__(self, crs: QgsCoordinateReferenceSystem, context: QgsCoordinateTransformContext) -> None:
        """``crs``: the crowd layer's (the map's); ``context``: the project's transform context,
        copied here on the main thread (the project is not read from the worker)."""
        self._crs = QgsCoordinateReferenceSystem(crs)
        self._context = QgsCoordinateTransformContext(context)
        self._cells: Optional[CellSet] = None
        self._projected: Optional[ProjectedCells] = None
        self._groups: Optional[numpy.ndarray] = None
        self._edges: Optional[tuple[int, ...]] = None
        self.builds = 0  # geometries built so far (tests: a trend-only change builds none)

    def set_cells(self, cells: CellSet) -> None:
        """A new cell list: projected when first needed, every group built again."""
        self._cells, self._projected, self._groups, self._edges = cells, None, None, None

    def built_for(self, cells: CellSet, edges: Sequence[int]) -> bool:
        return cells is self._cells and self._groups is not None and self._edges == tuple(edges)

    def plan(self, cells: CellSet, codes: numpy.ndarray, edges: Sequence[int]) -> Optional[OverviewPlan]:
        """The groups of ``codes`` (aligned to ``cells``) that changed since the last plan, built;
        None when no cell changed group (or ``cells`` is not the list set here)."""
        if cells is not self._cells:
            return None
        edges = tuple(edges)
        groups = groups_of(codes)
        complete = self._groups is None or self._edges != edges
        changed: set[int] = set()
        if not complete:
            moved = numpy.flatnonzero(groups != self._groups)
            if len(moved) == 0:
                return None
            changed = set(numpy.unique(numpy.concatenate([groups[moved], self._groups[moved]])).tolist())
        if self._projected is None:
            self._projected = projected_parts(cells, self._crs, self._context)
        keys = group_keys(edges)
        order = numpy.argsort(groups, kind="stable")  # each group's cells in list order, in one sort
        ordered = groups[order]
        starts = numpy.searchsorted(ordered, keys, side="left")
        ends = numpy.searchsorted(ordered, keys, side="right")
        geometries, sizes = {}, {}
        for key, start, end in zip(keys, starts.tolist(), ends.tolist()):
            sizes[key] = end - start
            if complete or key in changed:
                geometries[key] = merged_geometry(self._projected, order[start:end])
                self.builds += 1
        self._groups, self._edges = groups, edges
        return OverviewPlan(edges, geometries, sizes, complete)


# ------------------------------------------------------------------ main thread


class _NoLegend(QgsMapLayerLegend):
    """No legend entries: the crowd layer's legend already explains every colour."""

    def createLayerTreeModelLegendNodes(self, node_layer):  # noqa: N802 - Qt's name
        return []


def _fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in (
        ("drawn", "int"),
        ("area_km2", "double"),  # 0: the style's trend arrows (sized by area) stay off
        ("cells", "int"),
        ("shown", "string"),
        ("note", "string"),
    ):
        fields.append(qgs_field(name, kind))
    return fields


def zoom_note() -> str:
    return tr(
        "National overview: every cell coloured by its band. Zoom in to 1:500,000 or closer "
        "for each cell with its count and trend."
    )


def group_label(key: int, edges: Sequence[int]) -> str:
    """What a group shows, in the legend's words."""
    if key == NO_DATA:
        return tr("no data")
    if key == SUPPRESSED:
        return tr("suppressed (too few to show)")
    return style.band_labels(edges)[key]


class NationalOverview(QObject):
    """The overview layer on the main thread: holds the groups' geometry and follows the crowd layer.

    :meth:`follow` a crowd layer (again when it is replaced), :meth:`apply` what the worker
    built. The layer joins the project just below the crowd layer whenever the crowd layer is
    there, leaves with it, and is rebuilt from the geometry held here after a new project.
    """

    def __init__(self, parent: Optional[QObject] = None, disposal: Optional[Executor] = None) -> None:
        """``disposal``: a thread that frees replaced geometry (at 200,000 cells freeing the groups
        takes ~50 ms, which the main thread must not spend; the runtime's ``BackgroundWork`` owns
        it); without one, it is freed here."""
        super().__init__(parent)
        self._disposal = disposal
        self._crowd: Optional[CrowdLayer] = None
        self._crowd_id = ""
        self._geometries: dict[int, QgsGeometry] = {}
        self._sizes: dict[int, int] = {}
        self._edges: tuple[int, ...] = ()
        self._layer: Optional[QgsVectorLayer] = None
        self._fids: dict[int, int] = {}
        self._sync_timer = self._timer(self.sync_style)
        self._place_timer = self._timer(self.place)
        project = QgsProject.instance()
        project.legendLayersAdded.connect(self._on_layers_added)
        project.layersWillBeRemoved.connect(self._on_layers_removed)
        project.layerTreeRoot().visibilityChanged.connect(self._on_visibility_changed)
        project.layerTreeRoot().layerOrderChanged.connect(self._place_timer.start)

    def _timer(self, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(0)
        timer.timeout.connect(slot)
        return timer

    @property
    def layer(self) -> QgsVectorLayer:
        """The overview layer (made, with the geometry held, when there is none)."""
        if self._layer is None:
            self._layer = self._new_layer()
        return self._layer

    def group_sizes(self) -> dict[int, int]:
        return dict(self._sizes)

    # ------------------------------------------------------------ following the crowd layer

    def follow(self, crowd: CrowdLayer) -> None:
        """Draw for ``crowd`` from now on: it hides beyond :data:`OVERVIEW_SCALE`, its style follows."""
        self._crowd, self._crowd_id = crowd, crowd.layer.id()
        layer = crowd.layer
        hide_at_national_scale(layer)
        for signal in (
            layer.repaintRequested,  # counts, the stale switch, band edges and legend words applied
            layer.rendererChanged,
            layer.styleChanged,
            layer.blendModeChanged,
            layer.opacityChanged,
        ):
            signal.connect(self._sync_timer.start)
        self.sync_style()
        self._place_timer.start()

    def sync_style(self) -> None:
        """Take the crowd layer's style, stale and floor variables, blend mode and opacity."""
        if self._crowd is None or self._layer is None:
            return
        source, layer = self._crowd.layer, self._layer
        renderer = source.renderer()
        if renderer is not None:
            layer.setRenderer(renderer.clone())
        scope = QgsExpressionContextUtils.layerScope(source)
        for name in (style.STALE_VARIABLE, MIN_COUNT_VARIABLE):
            QgsExpressionContextUtils.setLayerVariable(layer, name, scope.variable(name))
        layer.setBlendMode(source.blendMode())
        layer.setOpacity(source.opacity())
        layer.triggerRepaint()

    # ------------------------------------------------------------ what the worker built

    def apply(self, plan: OverviewPlan) -> None:
        """Take the worker's groups: at most one geometry per group is replaced, nothing else."""
        if plan.complete or plan.edges != self._edges:
            retired, self._geometries = list(self._geometries.values()), {}
        else:
            retired = [self._geometries[key] for key in plan.geometries if key in self._geometries]
        self._geometries.update(plan.geometries)
        self._sizes, self._edges = dict(plan.cells), plan.edges
        if self._layer is not None:
            self._write(self._layer, plan.geometries)
        if self._disposal is not None and retired:
            self._disposal.submit(retired.clear)  # the last references: freed there (without the GIL)

    def _write(self, layer: QgsVectorLayer, geometries: Mapping[int, QgsGeometry]) -> None:
        provider = layer.dataProvider()
        keys = group_keys(self._edges)
        if list(self._fids) != list(keys):
            self._fids.clear()
            provider.deleteFeatures([feature.id() for feature in provider.getFeatures()])
            features = [self._feature(layer.fields(), key) for key in keys]
            ok, added = provider.addFeatures(features)  # ascending ids: the drawing order
            if not ok:
                raise RuntimeError(f"the memory layer refused the overview: {provider.lastError()}")
            self._fids = {key: feature.id() for key, feature in zip(keys, added)}
        else:
            provider.changeGeometryValues(
                {self._fids[key]: geometry for key, geometry in geometries.items() if key in self._fids}
            )
            provider.changeAttributeValues(
                {self._fids[key]: {CELLS: self._sizes.get(key, 0)} for key in keys}
            )
        layer.updateExtents()
        layer.triggerRepaint()

    def _feature(self, fields: QgsFields, key: int) -> QgsFeature:
        feature = QgsFeature(fields)
        feature.setGeometry(self._geometries.get(key, QgsGeometry()))
        feature.setAttributes(
            [group_drawn(key), 0.0, self._sizes.get(key, 0), group_label(key, self._edges), zoom_note()]
        )
        return feature

    # ------------------------------------------------------------ the layer

    def _new_layer(self) -> QgsVectorLayer:
        crs = self._crowd.layer.crs().authid() if self._crowd is not None else "EPSG:4326"
        layer = QgsVectorLayer(f"MultiPolygon?crs={crs}", tr("Druktemeter — national overview"), "memory")
        layer.dataProvider().addAttributes(list(_fields()))
        layer.updateFields()
        for name, kind, expression in style.DECODED_FIELDS:  # a specialist's style may read these
            layer.addExpressionField(expression, qgs_field(name, kind))
        layer.setScaleBasedVisibility(True)
        layer.setMinimumScale(0)
        layer.setMaximumScale(OVERVIEW_SCALE)
        layer.setFlags(layer.flags() | QgsMapLayer.LayerFlag.Private)
        layer.setFlags(layer.flags() & ~QgsMapLayer.LayerFlag.Searchable)
        layer.setLegend(_NoLegend())
        layer.setCustomProperty(OVERVIEW_PROPERTY, 1)
        layer.setCustomProperty("skipMemoryLayersCheck", 1)  # rebuilt by the plugin: nothing to save
        layer.setDisplayExpression('"shown"')
        layer.setMapTipTemplate(self._map_tip_template())
        aliases = {
            "drawn": tr("Drawn as (band, trend, state packed)"),
            "area_km2": tr("Area (km²)"),
            "cells": tr("Antenna cells"),
            "shown": tr("Users per cell"),
            "note": tr("Note"),
        }
        for name, alias in aliases.items():
            layer.setFieldAlias(layer.fields().indexOf(name), alias)
        layer.willBeDeleted.connect(self._on_layer_deleted)
        self._fids = {}
        self._layer = layer
        self.sync_style()
        if self._edges:
            self._write(layer, self._geometries)
        return layer

    @staticmethod
    def _map_tip_template() -> str:
        stale = _expression_text("<br><b>" + tr("Stale: these counts are out of date") + "</b>")
        return (
            "<b>"
            + tr("Users per cell")
            + ': [% "shown" %]</b><br>'
            + tr("Antenna cells")
            + ': [% "cells" %]<br><i>[% "note" %]</i>'
            + f"[% if(@{style.STALE_VARIABLE}, {stale}, '') %]"
        )

    def _on_layer_deleted(self) -> None:
        self._layer, self._fids = None, {}

    # ------------------------------------------------------------ the layer tree

    def place(self) -> None:
        """Just below the crowd layer in its group, checked as it is; out of the project without it."""
        project = QgsProject.instance()
        root = project.layerTreeRoot()
        crowd_node = root.findLayer(self._crowd_id) if self._crowd_id else None
        if crowd_node is None:
            if self._layer is not None and project.mapLayer(self._layer.id()) is not None:
                project.removeMapLayer(self._layer.id())  # QGIS deletes it; rebuilt when needed
            return
        layer = self.layer
        node = root.findLayer(layer.id())
        parent = crowd_node.parent()
        siblings = parent.children()
        below = siblings.index(crowd_node) + 1
        if node is None:
            project.addMapLayer(layer, False)
            node = parent.insertLayer(below, layer)
        elif node.parent() is not parent or below >= len(siblings) or siblings[below] is not node:
            old = node
            node = old.clone()
            parent.insertChildNode(below, node)  # before the old node goes: the layer stays in the project
            old.parent().removeChildNode(old)
        node.setItemVisibilityChecked(crowd_node.itemVisibilityChecked())

    def _on_layers_added(self, layers: list) -> None:
        if any(layer.id() == self._crowd_id for layer in layers):
            self.place()

    def _on_layers_removed(self, layer_ids: list) -> None:
        if self._crowd_id in layer_ids:
            self._place_timer.start()  # after the removal: the overview leaves too

    def _on_visibility_changed(self, node: Any) -> None:
        if QgsLayerTree.isLayer(node) and node.layerId() == self._crowd_id:
            self._place_timer.start()

    def shutdown(self) -> None:
        """Out of the project, signals and timers stopped (plugin unload)."""
        self._sync_timer.stop()
        self._place_timer.stop()
        project = QgsProject.instance()
        project.legendLayersAdded.disconnect(self._on_layers_added)
        project.layersWillBeRemoved.disconnect(self._on_layers_removed)
        project.layerTreeRoot().visibilityChanged.disconnect(self._on_visibility_changed)
        project.layerTreeRoot().layerOrderChanged.disconnect(self._place_timer.start)
        if self._layer is not None and project.mapLayer(self._layer.id()) is not None:
            project.removeMapLayer(self._layer.id())
        self._layer, self._crowd, self._crowd_id = None, None, ""
