"""The live crowd layer: one memory layer of coverage polygons, updated in place.

Design for speed at national scale (60,000 to 200,000 cells): the layer is
built once per cells version, and a poll writes only what the style draws and
only where it changed: one packed value per cell (:mod:`.drawn`: state, band
and trend in one small integer), computed and compared with the previous poll
on the poller's worker thread, handed to the data provider in batches spread
over event-loop turns (:mod:`.slicing`), followed by one repaint. The
``state``, ``trend`` and ``band`` fields are expressions decoding that value
(Identify, attribute table). Nearly every exact count changes every interval,
so counts are not written at all: the ``count`` field is an expression field
that looks the cell up in the latest snapshot when a feature is read. What is
the same for every cell — interval, source, ``min_count`` and the stale switch
— lives in layer variables. The renderer is never replaced, so a user's style,
selection and zoom survive every update.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from functools import cache
from typing import Any, Callable, Optional

import numpy
from qgis.core import (
    QgsCoordinateTransform,
    QgsEditorWidgetSetup,
    QgsExpression,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFields,
    QgsGeometry,
    QgsProject,
    QgsVectorLayer,
    qgsfunction,
)
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..core.geometry import PackedCells, PackedPolygons
from ..core.i18n import tr
from ..core.model import Cell, CellSet, CellState, CountsSnapshot, Trend
from ..core.trend import MIN_COUNT_FLOOR, count_floor
from ..core.words import trend_word
from . import WGS84, drawn, style
from .fields import qgs_field
from .slicing import SlicedRunner

INTERVAL_START_VARIABLE = "druktemeter_interval_start"
INTERVAL_END_VARIABLE = "druktemeter_interval_end"
SOURCE_VARIABLE = "druktemeter_source"
MIN_COUNT_VARIABLE = "druktemeter_min_count"

COUNT_FUNCTION = "druktemeter_count"

CELL_ID, DRAWN, SITE, TECHNOLOGY, AREA, PLACE = range(6)

WRITES_CHUNK = 500  # changed cells handed to the provider per step (~2-5 ms)
CODES_CHUNK = 2000  # cells packed per step when the worker's plan does not fit (~2-5 ms)
CELLS_CHUNK = 50  # cells converted and added per step (~1-4 ms; the runner fills its budget with steps)
PROGRESS_EVERY = 2000  # cells between progress reports
LOOKUP_CHUNK = 10_000  # ids put in a set or dictionary per step (~1-3 ms)
RELEASE_ROWS = 20_000  # rows of a parsed list freed per step (~3-4 ms)

KM_PER_DEGREE = 111.32
WKB_MULTIPOLYGON, WKB_POLYGON = 6, 3

# Latest counts per layer id, read by the count expression field: (counts, min_count).
_LATEST_COUNTS: dict[str, tuple[Mapping[str, Optional[int]], int]] = {}


@qgsfunction(args="auto", group="Druktemeter", register=False, referenced_columns=["cell_id"])
def druktemeter_count(layer_id, cell_id, feature, parent):
    """The cell's count in the latest interval shown, NULL when suppressed or without data."""
    counts, min_count = _LATEST_COUNTS.get(layer_id, ({}, MIN_COUNT_FLOOR))
    count = counts.get(cell_id)
    return count if count is not None and count >= min_count else None


def _track_counts(layer_id: str, latest: Optional[tuple[Mapping[str, Optional[int]], int]]) -> None:
    """Keep the count function registered exactly while a crowd layer exists."""
    if latest is None:
        _LATEST_COUNTS.pop(layer_id, None)
    else:
        _LATEST_COUNTS[layer_id] = latest
    registered = QgsExpression.isFunctionName(COUNT_FUNCTION)
    if _LATEST_COUNTS and not registered:
        QgsExpression.registerFunction(druktemeter_count)
    elif not _LATEST_COUNTS and registered:
        QgsExpression.unregisterFunction(COUNT_FUNCTION)


def _released_in_steps(released: list) -> Iterator[None]:
    """Let go of ``released`` (emptied) one bounded piece per step.

    A parsed national list's columns (200,000 WKB bytes objects and property
    dictionaries) freed at once stop the main thread for ~35 ms. Cut into slices
    first, which only counts references, the whole columns then go cheaply and the
    rows a slice at a time. (Whoever still holds the list frees it there instead.)
    """
    while released:
        item = released.pop()
        packed = getattr(item, "cells", None)
        pieces = _row_slices(packed) if isinstance(packed, PackedCells) else []
        del item, packed
        yield
        while pieces:
            pieces.pop()
            yield


def _row_slices(packed: PackedCells) -> list[tuple]:
    return [
        column[start : start + RELEASE_ROWS]
        for column in packed.columns()
        for start in range(0, len(column), RELEASE_ROWS)
    ]


def _fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in (
        ("cell_id", "string"),
        ("drawn", "int"),
        ("site", "string"),
        ("technology", "string"),
        ("area_km2", "double"),
        ("place", "string"),
    ):
        fields.append(qgs_field(name, kind))
    return fields


def wkb_from_geojson(geometry: Mapping[str, Any]) -> bytes:
    """A GeoJSON Polygon or MultiPolygon as MultiPolygon WKB (packing WKB is the fast way in);
    a parsed cell's geometry is WKB already."""
    if isinstance(geometry, PackedPolygons):
        return geometry.multipolygon_wkb()
    coordinates = geometry["coordinates"]
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    parts = [struct.pack("<BII", 1, WKB_MULTIPOLYGON, len(polygons))]
    for polygon in polygons:
        parts.append(struct.pack("<BII", 1, WKB_POLYGON, len(polygon)))
        for ring in polygon:
            flat = [float(value) for point in ring for value in point[:2]]
            parts.append(struct.pack(f"<I{len(flat)}d", len(ring), *flat))
    return b"".join(parts)


def geometry_from_wkb(wkb: bytes) -> QgsGeometry:
    result = QgsGeometry()
    result.fromWkb(wkb)
    return result


def approximate_area_km2(geometry: QgsGeometry) -> float:
    """Area of a small lon/lat polygon, scaled at its latitude (well within 1 % for a cell)."""
    latitude = geometry.boundingBox().center().y()
    return geometry.area() * KM_PER_DEGREE**2 * math.cos(math.radians(latitude))


def cell_ids(cells: CellSet) -> Sequence[str]:
    """The ids in list order, without making a Cell per id when the list is held column-wise."""
    packed = getattr(cells.cells, "ids", None)  # core.geometry.PackedCells
    return packed if packed is not None else [cell.id for cell in cells.cells]


def local_time_text(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


@cache
def _write_of(code: int) -> dict[int, int]:
    """The provider's change map for one drawn value: shared by every cell with that value."""
    return {DRAWN: code}


def given_place(cell: Cell) -> str:
    """The feed's own name for the cell (the default namer: no places file)."""
    return cell.place or ""


def _expression_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class CrowdLayer(QObject):
    """Owns the crowd layer and keeps it in step with the feed.

    The lead adds :attr:`layer` to the project and calls :meth:`close` on unload.
    ``cells_applied`` and ``counts_applied(snapshot)`` fire when an update is
    completely on the layer.
    """

    cells_applied = pyqtSignal()
    counts_applied = pyqtSignal(object)
    progressChanged = pyqtSignal(str, float)  # noqa: N815 - a new cell list going on the map: task, share done

    def __init__(
        self, band_edges: Sequence[int], parent: Optional[QObject] = None, crs: str = "EPSG:4326"
    ) -> None:
        """``crs``: the layer's CRS. Cells arrive in EPSG:4326; giving the map's CRS (e.g.
        EPSG:28992) reprojects them once on load instead of on every render."""
        super().__init__(parent)
        self._edges = list(band_edges)
        self._fids: dict[str, Optional[int]] = {}  # None: on the list being loaded, not yet added
        # Per cell its WKB and metadata, to spot changed cells on a new cells ETag. Kept as one
        # bytes value per cell (WKB, then the metadata's repr; WKB says where it ends) rather than
        # GeoJSON or tuples: a dictionary of strings and bytes is one the cycle collector never walks,
        # while every full collection would walk 200,000 tuples, holding the GIL.
        self._shapes: dict[str, bytes] = {}
        # The cell list on the layer, with feature ids and drawn values aligned to it: a poll's
        # changes arrive as positions in this list (computed on the worker, see .drawn).
        self._cells: Optional[CellSet] = None
        self._order: Sequence[str] = ()
        self._fid_array = numpy.zeros(0, dtype=numpy.int64)
        self._codes = numpy.zeros(0, dtype=drawn.CODE_TYPE)
        self._settled: Optional[numpy.ndarray] = None  # the plan's codes last completely written
        self._plan: Optional[drawn.DrawnPlan] = None
        self._areas: dict[str, float] = {}
        self._places: dict[str, str] = {}
        self._name_place: Callable[[Cell], str] = given_place
        self._snapshot: Optional[CountsSnapshot] = None
        self._source = ""
        self._min_count = 15
        self._stale = False
        self._loading_cells = False
        self._closed = False  # after close() or once QGIS deletes the layer: updates are ignored
        self.values_written = 0  # attribute values written by the last counts update
        self.runner = SlicedRunner(parent=self)
        self._layer = QgsVectorLayer(
            f"MultiPolygon?crs={crs}", tr("Druktemeter — crowd per antenna cell"), "memory"
        )
        self._to_layer_crs = None
        if self._layer.crs() != WGS84:
            self._to_layer_crs = QgsCoordinateTransform(WGS84, self._layer.crs(), QgsProject.instance())
        self._layer_id = self._layer.id()
        self._layer.dataProvider().addAttributes(list(_fields()))
        self._layer.updateFields()
        _track_counts(self._layer_id, ({}, self._min_count))
        style.apply_default_style(self._layer, self._edges, self._min_count)
        self._configure_fields()
        self._set_variables({style.STALE_VARIABLE: 0, MIN_COUNT_VARIABLE: self._min_count})
        self._layer.setMapTipTemplate(self._map_tip_template())
        # How Identify names a cell: its place, the id as the detail.
        self._layer.setDisplayExpression(
            "coalesce(nullif(\"place\", '') || ' (' || \"cell_id\" || ')', \"cell_id\")"
        )
        self._layer.willBeDeleted.connect(self.close)

    @property
    def layer(self) -> QgsVectorLayer:
        return self._layer

    @property
    def stale(self) -> bool:
        return self._stale

    @property
    def busy(self) -> bool:
        """True while an update is still being applied over event-loop turns."""
        return self.runner.busy

    def cell_ids(self) -> list[str]:
        """The ids of the cells on the layer, in layer order."""
        return list(self._order)

    @property
    def cells(self) -> Optional[CellSet]:
        """The cell list completely on the layer (what a worker's plan must be made for)."""
        return self._cells

    def fid_for(self, cell_id: str) -> Optional[int]:
        return self._fids.get(cell_id)

    def feature_for(self, cell_id: str) -> Optional[QgsFeature]:
        fid = self._fids.get(cell_id)
        return None if fid is None else self._layer.getFeature(fid)

    def cell_areas_km2(self) -> dict[str, float]:
        """Coverage area per cell (the provider's ``area_km2`` when given), for density rules."""
        return dict(self._areas)

    def cell_places(self) -> dict[str, str]:
        """How people name each cell's spot ("Markt, 's-Hertogenbosch"); empty when unknown."""
        return dict(self._places)

    def place_of(self, cell_id: str) -> str:
        return self._places.get(cell_id, "")

    def set_place_namer(self, name_place: Callable[[Cell], str]) -> None:
        """Name cells with ``name_place(cell)`` from the next cells update on (e.g. a
        ``PlaceFinder``'s nearest place); call before the cells arrive."""
        self._name_place = name_place

    def set_cells(self, cells: CellSet) -> None:
        """Add, update and remove cells; unchanged cells keep their feature id and values."""
        if self._closed:
            return
        self._loading_cells = True
        self.runner.start(self._cells_job(cells), self._after_cells)

    def apply_counts(
        self, snapshot: CountsSnapshot, source: str, plan: Optional[drawn.DrawnPlan] = None
    ) -> None:
        """Show ``snapshot``: write the drawn values that differ, then swap in its counts.

        ``plan``: the snapshot's drawn values and changes as the poller's worker computed
        them (:class:`~.drawn.DrawnPlanner`); used when it was made for the cell list and
        band edges on the layer, else the values are packed here, in slices.
        Runs over event-loop turns; ``counts_applied`` fires when done. A newer
        snapshot replaces one still being applied. While cells are being
        loaded the counts follow once they are in.
        """
        if self._closed:
            return
        self._snapshot = snapshot
        self._plan = plan
        self._source = source
        if self.runner.busy and self._loading_cells:
            return
        self.runner.start(self._counts_job(snapshot, plan), self._after_counts)

    def set_stale(self, stale: bool) -> None:
        """Show the whole layer as stale (the style's stale rule reads a layer variable)."""
        if stale == self._stale:
            return
        self._stale = stale
        self._set_variables({style.STALE_VARIABLE: int(stale)})
        self._layer.triggerRepaint()

    def set_band_edges(self, edges: Sequence[int]) -> None:
        """New band edges (setting ``map/band_edges``): band rules and band values follow."""
        self._edges = list(edges)
        style.apply_band_edges(self._layer, self._edges)
        if self._snapshot is not None:
            self.apply_counts(self._snapshot, self._source)

    def finish_now(self) -> None:
        """Complete a pending update at once (tests, shutdown); normally not needed."""
        self.runner.finish_now()

    def close(self) -> None:
        """Stop pending and further updates and forget the counts (the count function is
        unregistered with the last crowd layer). Called by the lead on unload, and by QGIS
        deleting the layer (removed from the project)."""
        self._closed = True
        self.runner.cancel()
        _track_counts(self._layer_id, None)

    def _cells_job(self, cells: CellSet) -> Iterator[None]:
        """Every step a bounded piece of work, also the bookkeeping: at 200,000 cells even
        building one set of ids takes longer than a slice."""
        provider = self._layer.dataProvider()
        ids = cell_ids(cells)
        # A dictionary of ids (not a set) and a tuple: neither is walked by the cycle collector.
        # The dictionary becomes the feature ids' (see _take_as_fids).
        incoming: dict[str, Optional[int]] = {}
        for start in range(0, len(ids), LOOKUP_CHUNK):
            incoming.update(dict.fromkeys(ids[start : start + LOOKUP_CHUNK]))
            yield
        known, gone = tuple(self._fids), []
        for start in range(0, len(known), LOOKUP_CHUNK):
            gone += [cell_id for cell_id in known[start : start + LOOKUP_CHUNK] if cell_id not in incoming]
            yield
        for start in range(0, len(gone), CELLS_CHUNK):
            chunk = gone[start : start + CELLS_CHUNK]
            provider.deleteFeatures([fid for fid in map(self._fids.get, chunk) if fid is not None])
            for cell_id in chunk:
                self._forget(cell_id)
            yield
        yield from self._take_as_fids(incoming, known)
        shown: dict[str, int] = {}  # drawn values of the cells kept
        for start in range(0, len(self._order), LOOKUP_CHUNK):
            end = start + LOOKUP_CHUNK
            shown.update(zip(self._order[start:end], self._codes[start:end].tolist()))
            yield
        # Shapes, areas and places of the new list, in dictionaries sized for it at once (one step
        # each) and swapped in when complete: grown cell by cell, all three would rehash 100,000+
        # entries in the same step, and readers meanwhile see the list still on the layer.
        stores: list[dict[str, Any]] = []
        for _ in range(3):
            stores.append(incoming.copy())  # every new id, sized at once (its values are replaced)
            yield
        shapes, areas, places = stores
        # Filled chunk by chunk: one conversion of 200,000 values would be a stretch of its own.
        fids = numpy.empty(len(ids), dtype=numpy.int64)
        codes = numpy.empty(len(ids), dtype=drawn.CODE_TYPE)
        task = tr("Putting the antenna cells on the map")
        for start in range(0, len(cells.cells), CELLS_CHUNK):
            if start % PROGRESS_EVERY < CELLS_CHUNK:
                self.progressChanged.emit(task, start / len(cells.cells))
            chunk = cells.cells[start : start + CELLS_CHUNK]
            end = start + len(chunk)
            codes[start:end] = self._add_or_update(chunk, shown, shapes, areas, places)
            fids[start:end] = [self._fids[cell.id] for cell in chunk]
            yield
        self.progressChanged.emit(task, 1.0)
        # What the old list and this job held goes one piece per step: freeing a national list
        # (200,000 ids, shapes, properties) at once is a stretch of its own.
        released = [self._cells, self._order, self._shapes, self._areas, self._places, shown, known]
        self._cells = cells
        self._order = ids  # a tuple when parsed: no list for the cycle collector to walk
        self._shapes, self._areas, self._places = shapes, areas, places
        self._fid_array = fids
        self._codes = codes
        self._settled = None
        self._layer.updateExtents()
        del incoming, shown, known
        yield from _released_in_steps(released)

    def _take_as_fids(self, incoming: dict[str, Optional[int]], known: Sequence[str]) -> Iterator[None]:
        """Make ``incoming`` (every id of the new list, None until its cell is added) the feature id
        dictionary, with the feature ids of the ``known`` cells that stay.

        Grown cell by cell, the dictionary would rehash its 100,000+ entries in one step (at
        200,000 cells a resize holds the GIL for 20-30 ms), and a copy sized at once costs as
        much; with every key already there, adding a cell only sets a value. A job replaced
        before its end leaves the ids it added here.
        """
        old = self._fids
        for start in range(0, len(known), LOOKUP_CHUNK):
            incoming.update(
                (cell_id, old.get(cell_id))
                for cell_id in known[start : start + LOOKUP_CHUNK]
                if cell_id in incoming
            )
            yield
        self._fids = incoming
        del old
        yield

    def _add_or_update(
        self,
        cells: Sequence[Cell],
        shown: dict[str, int],
        shapes: dict[str, Any],
        areas: dict[str, Any],
        places: dict[str, Any],
    ) -> list[int]:
        """Add new cells (drawn for the snapshot held), update changed ones; their drawn values.
        Every cell's shape, area and place go to the new list's ``shapes``, ``areas`` and ``places``."""
        provider = self._layer.dataProvider()
        new_features: list[QgsFeature] = []
        new_ids: list[str] = []
        geometries: dict[int, QgsGeometry] = {}
        metadata: dict[int, dict[int, Any]] = {}
        fresh = [cell.id for cell in cells if cell.id not in shown]
        fresh_codes = dict(zip(fresh, drawn.codes_for(self._snapshot, fresh, self._edges).tolist()))
        fields = self._layer.fields()  # a copy per call: once per chunk, not per cell
        for cell in cells:
            wkb = wkb_from_geojson(cell.geometry)
            properties = cell.properties
            metadata_values = (
                properties.get("site"),
                properties.get("technology"),
                properties.get("area_km2"),
                self._name_place(cell),
            )
            shape = wkb + repr(metadata_values).encode()
            shapes[cell.id] = shape
            if self._shapes.get(cell.id) == shape:
                areas[cell.id], places[cell.id] = self._areas[cell.id], self._places[cell.id]
                continue
            geometry = geometry_from_wkb(wkb)
            site, technology, given_area, place = metadata_values
            area = float(given_area or approximate_area_km2(geometry))
            areas[cell.id], places[cell.id] = area, place
            if self._to_layer_crs is not None:
                geometry.transform(self._to_layer_crs)
            if self._fids.get(cell.id) is None:
                feature = QgsFeature(fields)
                feature.setGeometry(geometry)
                feature.setAttributes([cell.id, fresh_codes[cell.id], site, technology, area, place])
                new_features.append(feature)
                new_ids.append(cell.id)
            else:
                fid = self._fids[cell.id]
                geometries[fid] = geometry
                metadata[fid] = {SITE: site, TECHNOLOGY: technology, AREA: area, PLACE: place}
        if new_features:
            ok, added = provider.addFeatures(new_features)
            if not ok:
                raise RuntimeError(f"the memory layer refused cells: {provider.lastError()}")
            self._fids.update(zip(new_ids, (feature.id() for feature in added)))
        if geometries:
            provider.changeGeometryValues(geometries)
            provider.changeAttributeValues(metadata)
        return [shown[cell.id] if cell.id in shown else fresh_codes[cell.id] for cell in cells]

    def _forget(self, cell_id: str) -> None:
        for store in (self._fids, self._shapes, self._areas, self._places):
            store.pop(cell_id, None)

    def _after_cells(self) -> None:
        self._loading_cells = False
        self._layer.triggerRepaint()
        self.cells_applied.emit()
        if self._snapshot is not None:
            self.apply_counts(self._snapshot, self._source, self._plan)

    def _counts_job(self, snapshot: CountsSnapshot, plan: Optional[drawn.DrawnPlan]) -> Iterator[None]:
        fits = plan is not None and plan.cells is self._cells and list(plan.edges) == self._edges
        if fits:
            codes = plan.codes
            changed = (
                plan.changed
                if plan.base is not None and plan.base is self._settled
                else numpy.flatnonzero(codes != self._codes)
            )
        else:
            parts = []
            for start in range(0, len(self._order), CODES_CHUNK):
                parts.append(drawn.codes_for(snapshot, self._order[start : start + CODES_CHUNK], self._edges))
                yield
            codes = numpy.concatenate(parts) if parts else numpy.zeros(0, dtype=drawn.CODE_TYPE)
            changed = numpy.flatnonzero(codes != self._codes)
        self._settled = None  # until every change is written
        yield from self._write_codes(codes, changed)
        self._settled = codes
        floor = count_floor(snapshot.min_count)  # whoever made the snapshot: never under the plugin's floor
        _track_counts(self._layer_id, (snapshot.counts, floor))
        if floor != self._min_count:
            self._min_count = floor
            style.translate_legend(self._layer, self._min_count)
        self._set_variables(
            {
                INTERVAL_START_VARIABLE: local_time_text(snapshot.interval.start),
                INTERVAL_END_VARIABLE: local_time_text(snapshot.interval.end),
                SOURCE_VARIABLE: self._source,
                MIN_COUNT_VARIABLE: floor,
            }
        )

    def _write_codes(self, codes: numpy.ndarray, changed: numpy.ndarray) -> Iterator[None]:
        """Hand the changed drawn values to the provider, one batch per step."""
        provider, written = self._layer.dataProvider(), self._codes
        self.values_written = 0
        for start in range(0, len(changed), WRITES_CHUNK):
            positions = changed[start : start + WRITES_CHUNK]
            values = codes[positions]
            provider.changeAttributeValues(
                dict(zip(self._fid_array[positions].tolist(), map(_write_of, values.tolist())))
            )
            written[positions] = values
            self.values_written += len(positions)
            yield

    def _after_counts(self) -> None:
        self._layer.triggerRepaint()
        self.counts_applied.emit(self._snapshot)

    def _set_variables(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            QgsExpressionContextUtils.setLayerVariable(self._layer, name, value)

    def _configure_fields(self) -> None:
        """Aliases, words for codes (Identify shows them) and expression fields: the state, trend
        and band decoded from the drawn value, and the values shared by all cells."""
        for name, kind, expression in style.DECODED_FIELDS:
            self._layer.addExpressionField(expression, qgs_field(name, kind))
        count = f'{COUNT_FUNCTION}(@layer_id, "cell_id")'
        self._layer.addExpressionField(count, qgs_field("count", "int"))
        no_data = _expression_text(tr("no data"))
        self._layer.addExpressionField(
            f'CASE WHEN "drawn" >= 0 THEN to_string({count}) '
            f"WHEN \"drawn\" = {drawn.SUPPRESSED} THEN '< ' || to_string(@druktemeter_min_count) "
            f"ELSE {no_data} END",
            qgs_field("count_shown", "string"),
        )
        for name, variable in (
            ("interval_start", INTERVAL_START_VARIABLE),
            ("interval_end", INTERVAL_END_VARIABLE),
            ("source", SOURCE_VARIABLE),
        ):
            self._layer.addExpressionField(f"@{variable}", qgs_field(name, "string"))
        aliases = {
            "cell_id": tr("Cell"),
            "drawn": tr("Drawn as (band, trend, state packed)"),
            "count": tr("Count (number)"),
            "count_shown": tr("Users connected"),
            "state": tr("State"),
            "trend": tr("Trend"),
            "band": tr("Band"),
            "site": tr("Site"),
            "technology": tr("Technology"),
            "area_km2": tr("Area (km²)"),
            "place": tr("Place"),
            "interval_start": tr("Interval from"),
            "interval_end": tr("Interval until"),
            "source": tr("Source"),
        }
        fields = self._layer.fields()
        for name, alias in aliases.items():
            self._layer.setFieldAlias(fields.indexOf(name), alias)
        self._set_value_map("state", state_words())
        self._set_value_map("trend", trend_words())

    def _set_value_map(self, name: str, words: dict[str, str]) -> None:
        setup = QgsEditorWidgetSetup("ValueMap", {"map": [{word: code} for code, word in words.items()]})
        self._layer.setEditorWidgetSetup(self._layer.fields().indexOf(name), setup)

    @staticmethod
    def _map_tip_template() -> str:
        lines = [
            # The feed's place and ids are text from outside: escaped, never markup.
            ("<b>" + tr("Place") + "</b>", "<b>" + _html_text('"place"') + "</b>"),
            (tr("Cell"), _html_text('"cell_id"')),
            (tr("Users connected"), '<b>[% "count_shown" %]</b>'),
            (tr("Trend"), '[% represent_value("trend") %]'),
            (tr("Interval"), '[% "interval_start" %] – [% "interval_end" %]'),
            (tr("Source"), _html_text('"source"')),  # ids and the provider name come from the feed
        ]
        stale = _expression_text("<br><b>" + tr("Stale: these counts are out of date") + "</b>")
        body = "<br>".join(f"{label}: {value}" for label, value in lines)
        return f"{body}[% if(@{style.STALE_VARIABLE}, {stale}, '') %]"


def _html_text(field: str) -> str:
    """A map-tip placeholder that shows the field's text as text, never as HTML markup."""
    return "[% replace(" + field + ", map('&', '&amp;', '<', '&lt;', '>', '&gt;')) %]"


def state_words() -> dict[str, str]:
    return {
        CellState.VALID.value: tr("counted"),
        CellState.SUPPRESSED.value: tr("suppressed (too few to show)"),
        CellState.NO_DATA.value: tr("no data"),
    }


def trend_words() -> dict[str, str]:
    return {trend.value: trend_word(trend) for trend in Trend}
