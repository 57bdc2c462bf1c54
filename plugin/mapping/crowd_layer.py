"""The live crowd layer: one memory layer of coverage polygons, updated in place.

Design for speed at national scale (60,000 cells): the layer is built once per
cells version, and a poll writes only what the style draws and only where it
changed: state, trend and count band, packed per cell into one small integer so
old and new compare in plain Python, batched through the data provider and
spread over event-loop turns (:mod:`.slicing`), followed by one repaint. Nearly
every exact count changes every interval, so counts are not written at all: the
``count`` field is an expression field that looks the cell up in the latest
snapshot when a feature is read (Identify, map tips, attribute table). What is
the same for every cell — interval, source, ``min_count`` and the stale switch
— lives in layer variables. The renderer is never replaced, so a user's style,
selection and zoom survive every update.
"""

from __future__ import annotations

import math
import struct
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from functools import cache
from typing import Any, Optional

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

from ..core.i18n import tr
from ..core.model import Cell, CellSet, CellState, CountsSnapshot, Trend
from ..core.words import trend_word
from . import WGS84, style
from .fields import qgs_field
from .slicing import SlicedRunner

INTERVAL_START_VARIABLE = "druktemeter_interval_start"
INTERVAL_END_VARIABLE = "druktemeter_interval_end"
SOURCE_VARIABLE = "druktemeter_source"
MIN_COUNT_VARIABLE = "druktemeter_min_count"

COUNT_FUNCTION = "druktemeter_count"

CELL_ID, STATE, TREND, BAND, SITE, TECHNOLOGY, AREA = range(7)

# A cell's drawn state as one integer: band * 16 + trend * 4 + state.
STATES = (CellState.VALID, CellState.SUPPRESSED, CellState.NO_DATA)
TRENDS = (Trend.UP, Trend.DOWN, Trend.EQUAL, Trend.UNKNOWN)
TREND_CODE = {trend: index * 4 for index, trend in enumerate(TRENDS)}
SUPPRESSED_CODE = TREND_CODE[Trend.UNKNOWN] + 1
NO_DATA_CODE = TREND_CODE[Trend.UNKNOWN] + 2

COUNTS_CHUNK = 4000  # cells compared, then their changes written, per step (~5-15 ms each)
CELLS_CHUNK = 250  # cells converted and added per step (~5-20 ms)

KM_PER_DEGREE = 111.32
WKB_MULTIPOLYGON, WKB_POLYGON = 6, 3

Row = tuple[str, str, Optional[int]]  # state, trend, band as the layer stores them

# Latest counts per layer id, read by the count expression field: (counts, min_count).
_LATEST_COUNTS: dict[str, tuple[Mapping[str, Optional[int]], int]] = {}


def decode(code: int) -> Row:
    band, rest = divmod(code, 16)
    state = STATES[rest % 4]
    return state.value, TRENDS[rest // 4].value, band if state is CellState.VALID else None


@qgsfunction(args="auto", group="Druktemeter", register=False, referenced_columns=["cell_id"])
def druktemeter_count(layer_id, cell_id, feature, parent):
    """The cell's count in the latest interval shown, NULL when suppressed or without data."""
    counts, min_count = _LATEST_COUNTS.get(layer_id, ({}, 0))
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


def _fields() -> QgsFields:
    fields = QgsFields()
    for name, kind in (
        ("cell_id", "string"),
        ("state", "string"),
        ("trend", "string"),
        ("band", "int"),
        ("site", "string"),
        ("technology", "string"),
        ("area_km2", "double"),
    ):
        fields.append(qgs_field(name, kind))
    return fields


def wkb_from_geojson(geometry: Mapping[str, Any]) -> bytes:
    """A GeoJSON Polygon or MultiPolygon as MultiPolygon WKB (packing WKB is the fast way in)."""
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


def local_time_text(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


@cache
def _changed_values(old: int, new: int) -> dict[int, Any]:
    """Field index -> value for what differs between two codes (few distinct pairs: cached)."""
    return {
        field: value
        for field, value, before in zip((STATE, TREND, BAND), decode(new), decode(old))
        if value != before
    }


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

    def __init__(
        self, band_edges: Sequence[int], parent: Optional[QObject] = None, crs: str = "EPSG:4326"
    ) -> None:
        """``crs``: the layer's CRS. Cells arrive in EPSG:4326; giving the map's CRS (e.g.
        EPSG:28992) reprojects them once on load instead of on every render."""
        super().__init__(parent)
        self._edges = list(band_edges)
        self._fids: dict[str, int] = {}
        # Per cell its WKB and metadata, to spot changed cells on a new cells ETag. Kept as bytes
        # and tuples rather than the parsed GeoJSON: millions of small lists would make
        # Python's garbage collector pause the main thread.
        self._shapes: dict[str, tuple[bytes, tuple]] = {}
        # Cells in layer order with their feature ids and drawn-state codes, as aligned lists:
        # the per-poll diff walks them by position instead of looking every cell up.
        self._order: list[str] = []
        self._fid_list: list[int] = []
        self._code_list: list[int] = []
        self._areas: dict[str, float] = {}
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
        self._layer.setDisplayExpression('"cell_id"')  # how Identify and the alert panel name a cell
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

    def fid_for(self, cell_id: str) -> Optional[int]:
        return self._fids.get(cell_id)

    def feature_for(self, cell_id: str) -> Optional[QgsFeature]:
        fid = self._fids.get(cell_id)
        return None if fid is None else self._layer.getFeature(fid)

    def cell_areas_km2(self) -> dict[str, float]:
        """Coverage area per cell (the provider's ``area_km2`` when given), for density rules."""
        return dict(self._areas)

    def set_cells(self, cells: CellSet) -> None:
        """Add, update and remove cells; unchanged cells keep their feature id and values."""
        if self._closed:
            return
        self._loading_cells = True
        self.runner.start(self._cells_job(cells), self._after_cells)

    def apply_counts(self, snapshot: CountsSnapshot, source: str) -> None:
        """Show ``snapshot``: write the drawn values that differ, then swap in its counts.

        Runs over event-loop turns; ``counts_applied`` fires when done. A newer
        snapshot replaces one still being applied. While cells are being
        loaded the counts follow once they are in.
        """
        if self._closed:
            return
        self._snapshot = snapshot
        self._source = source
        if self.runner.busy and self._loading_cells:
            return
        self.runner.start(self._counts_job(snapshot), self._after_counts)

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
        incoming = {cell.id: cell for cell in cells.cells}
        provider = self._layer.dataProvider()
        gone = [cell_id for cell_id in self._fids if cell_id not in incoming]
        for start in range(0, len(gone), CELLS_CHUNK):
            chunk = gone[start : start + CELLS_CHUNK]
            provider.deleteFeatures([self._fids[cell_id] for cell_id in chunk])
            for cell_id in chunk:
                self._forget(cell_id)
            yield
        if gone:
            self._drop_forgotten_from_order()
            yield
        cell_list = list(incoming.values())
        for start in range(0, len(cell_list), CELLS_CHUNK):
            self._add_or_update(cell_list[start : start + CELLS_CHUNK])
            yield
        self._layer.updateExtents()

    def _add_or_update(self, cells: Sequence[Cell]) -> None:
        provider = self._layer.dataProvider()
        new_features: list[QgsFeature] = []
        new_ids: list[str] = []
        new_codes: list[int] = []
        geometries: dict[int, QgsGeometry] = {}
        metadata: dict[int, dict[int, Any]] = {}
        for cell in cells:
            wkb = wkb_from_geojson(cell.geometry)
            properties = cell.properties
            metadata_values = (
                properties.get("site"),
                properties.get("technology"),
                properties.get("area_km2"),
            )
            old = self._shapes.get(cell.id)
            if old == (wkb, metadata_values):
                continue
            self._shapes[cell.id] = (wkb, metadata_values)
            geometry = geometry_from_wkb(wkb)
            site, technology, given_area = metadata_values
            area = float(given_area or approximate_area_km2(geometry))
            self._areas[cell.id] = area
            if self._to_layer_crs is not None:
                geometry.transform(self._to_layer_crs)
            if old is None:
                code = self._codes_for(self._snapshot, [cell.id])[0]
                feature = QgsFeature(self._layer.fields())
                feature.setGeometry(geometry)
                feature.setAttributes([cell.id, *decode(code), site, technology, area])
                new_features.append(feature)
                new_ids.append(cell.id)
                new_codes.append(code)
            else:
                fid = self._fids[cell.id]
                geometries[fid] = geometry
                metadata[fid] = {SITE: site, TECHNOLOGY: technology, AREA: area}
        if new_features:
            ok, added = provider.addFeatures(new_features)
            if not ok:
                raise RuntimeError(f"the memory layer refused cells: {provider.lastError()}")
            new_fids = [feature.id() for feature in added]
            self._fids.update(zip(new_ids, new_fids))
            self._order.extend(new_ids)
            self._fid_list.extend(new_fids)
            self._code_list.extend(new_codes)
        if geometries:
            provider.changeGeometryValues(geometries)
            provider.changeAttributeValues(metadata)

    def _forget(self, cell_id: str) -> None:
        for store in (self._fids, self._shapes, self._areas):
            store.pop(cell_id, None)

    def _drop_forgotten_from_order(self) -> None:
        kept = [k for k, cell_id in enumerate(self._order) if cell_id in self._fids]
        self._order = [self._order[k] for k in kept]
        self._fid_list = [self._fid_list[k] for k in kept]
        self._code_list = [self._code_list[k] for k in kept]

    def _after_cells(self) -> None:
        self._loading_cells = False
        self._layer.triggerRepaint()
        self.cells_applied.emit()
        if self._snapshot is not None:
            self.apply_counts(self._snapshot, self._source)

    def _codes_for(self, snapshot: Optional[CountsSnapshot], cell_ids: Sequence[str]) -> list[int]:
        """Drawn state per cell; a count under ``min_count`` is suppressed, whatever the feed says.

        Written as comprehensions over plain lists: this runs for every cell on every poll.
        """
        if snapshot is None:
            return [NO_DATA_CODE] * len(cell_ids)
        missing, unknown = object(), Trend.UNKNOWN
        counts_get, trends_get = snapshot.counts.get, snapshot.trends.get
        counts = [counts_get(cell_id, missing) for cell_id in cell_ids]
        trends = [trends_get(cell_id, unknown) for cell_id in cell_ids]
        min_count, edges, trend_code = snapshot.min_count, self._edges, TREND_CODE
        return [
            NO_DATA_CODE
            if count is missing
            else SUPPRESSED_CODE
            if count is None or count < min_count
            else bisect_right(edges, count) * 16 + trend_code[trend]
            for count, trend in zip(counts, trends)
        ]

    def _counts_job(self, snapshot: CountsSnapshot) -> Iterator[None]:
        provider = self._layer.dataProvider()
        order, fid_list, code_list = self._order, self._fid_list, self._code_list
        self.values_written = 0
        for start in range(0, len(order), COUNTS_CHUNK):
            end = min(start + COUNTS_CHUNK, len(order))
            new_codes = self._codes_for(snapshot, order[start:end])
            changed = [
                (k, new)
                for k, new, old in zip(range(start, end), new_codes, code_list[start:end])
                if new != old
            ]
            changes = {fid_list[k]: _changed_values(code_list[k], new) for k, new in changed}
            yield
            if changes:
                provider.changeAttributeValues(changes)
                for k, new in changed:
                    code_list[k] = new
                self.values_written += sum(len(values) for values in changes.values())
                yield
        _track_counts(self._layer_id, (snapshot.counts, snapshot.min_count))
        if snapshot.min_count != self._min_count:
            self._min_count = snapshot.min_count
            style.translate_legend(self._layer, self._min_count)
        self._set_variables(
            {
                INTERVAL_START_VARIABLE: local_time_text(snapshot.interval.start),
                INTERVAL_END_VARIABLE: local_time_text(snapshot.interval.end),
                SOURCE_VARIABLE: self._source,
                MIN_COUNT_VARIABLE: snapshot.min_count,
            }
        )

    def _after_counts(self) -> None:
        self._layer.triggerRepaint()
        self.counts_applied.emit(self._snapshot)

    def _set_variables(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            QgsExpressionContextUtils.setLayerVariable(self._layer, name, value)

    def _configure_fields(self) -> None:
        """Aliases, words for codes (Identify shows them) and expression fields for shared values."""
        count = f'{COUNT_FUNCTION}(@layer_id, "cell_id")'
        self._layer.addExpressionField(count, qgs_field("count", "int"))
        no_data = _expression_text(tr("no data"))
        self._layer.addExpressionField(
            f"CASE WHEN \"state\" = 'valid' THEN to_string({count}) "
            "WHEN \"state\" = 'suppressed' THEN '< ' || to_string(@druktemeter_min_count) "
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
            "count": tr("Count (number)"),
            "count_shown": tr("Users connected"),
            "state": tr("State"),
            "trend": tr("Trend"),
            "band": tr("Band"),
            "site": tr("Site"),
            "technology": tr("Technology"),
            "area_km2": tr("Area (km²)"),
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
            ("<b>" + tr("Cell") + "</b>", _html_text('"cell_id"')),
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
