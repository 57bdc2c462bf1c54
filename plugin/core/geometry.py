"""A cell's coverage polygon kept as WKB bytes that still reads like a GeoJSON geometry.

A national cell list parsed into GeoJSON is millions of small lists and floats.
Python's cycle collector walks every one of them on each full collection,
holding the GIL for up to seconds, and so stalls the QGIS main thread. A
:class:`PackedPolygons` is a single ``bytes`` object (WKB, little-endian, 2D),
which the collector never looks at. It is a read-only mapping with the GeoJSON
keys ``type`` and ``coordinates`` (decoded on access), so code written for a
GeoJSON ``Mapping`` keeps working; the map reads the WKB directly.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from .model import Cell

WKB_POLYGON, WKB_MULTIPOLYGON = 3, 6
_HEADER = struct.Struct("<BI")
_COUNT = struct.Struct("<I")
_TYPES = {"Polygon": WKB_POLYGON, "MultiPolygon": WKB_MULTIPOLYGON}
_NAMES = {code: name for name, code in _TYPES.items()}
_KEYS = ("type", "coordinates")


class PackedPolygons(bytes):
    """A GeoJSON Polygon or MultiPolygon as WKB: one object instead of thousands of lists and floats."""

    __slots__ = ()

    @classmethod
    def from_geojson(cls, geometry: Mapping[str, Any]) -> PackedPolygons:
        """Pack a checked GeoJSON (Multi)Polygon (only x and y are kept)."""
        return cls(wkb_of(geometry))

    @property
    def geometry_type(self) -> str:
        return _NAMES[_HEADER.unpack_from(self)[1]]

    def multipolygon_wkb(self) -> bytes:
        """As a MultiPolygon (the crowd layer's geometry type)."""
        if self.geometry_type == "MultiPolygon":
            return bytes(self)
        return _HEADER.pack(1, WKB_MULTIPOLYGON) + _COUNT.pack(1) + bytes(self)

    def polygons(self) -> list[list[list[list[float]]]]:
        """GeoJSON coordinates of every polygon (one for a Polygon)."""
        if self.geometry_type == "Polygon":
            return [_read_polygon(self, 0)[0]]
        (count,) = _COUNT.unpack_from(self, _HEADER.size)
        offset, result = _HEADER.size + _COUNT.size, []
        for _ in range(count):
            polygon, offset = _read_polygon(self, offset)
            result.append(polygon)
        return result

    # ---------------------------------------------------------------- the GeoJSON mapping

    def __getitem__(self, key: str) -> Any:  # type: ignore[override]
        if key == "type":
            return self.geometry_type
        if key == "coordinates":
            polygons = self.polygons()
            return polygons[0] if self.geometry_type == "Polygon" else polygons
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        return self[key] if key in _KEYS else default

    def keys(self) -> tuple[str, ...]:
        return _KEYS

    def values(self) -> list[Any]:
        return [self[key] for key in _KEYS]

    def items(self) -> list[tuple[str, Any]]:
        return [(key, self[key]) for key in _KEYS]

    def __iter__(self) -> Iterator[str]:  # type: ignore[override]
        return iter(_KEYS)

    def __len__(self) -> int:
        """A mapping's length (two keys), not the byte count: ``bytes(self)`` has that."""
        return len(_KEYS)

    def __contains__(self, key: object) -> bool:  # type: ignore[override]
        return key in _KEYS

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        return dict(self.items())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, bytes):
            return bytes.__eq__(self, other)
        if isinstance(other, Mapping):
            return self.__geo_interface__ == dict(other)
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = bytes.__hash__

    def __repr__(self) -> str:
        return f"PackedPolygons({self.geometry_type}, {bytes.__len__(self)} bytes)"


Mapping.register(PackedPolygons)


def wkb_of(geometry: Mapping[str, Any]) -> bytes:
    """A checked GeoJSON Polygon or MultiPolygon as WKB of the same type (x and y only)."""
    coordinates = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        return _polygon_wkb(coordinates)
    parts = [_HEADER.pack(1, WKB_MULTIPOLYGON), _COUNT.pack(len(coordinates))]
    parts += [_polygon_wkb(polygon) for polygon in coordinates]
    return b"".join(parts)


def _polygon_wkb(rings: list) -> bytes:
    parts = [_HEADER.pack(1, WKB_POLYGON), _COUNT.pack(len(rings))]
    for ring in rings:
        flat = [float(value) for point in ring for value in point[:2]]
        parts.append(struct.pack(f"<I{len(flat)}d", len(ring), *flat))
    return b"".join(parts)


def _read_polygon(wkb: bytes, offset: int) -> tuple[list[list[list[float]]], int]:
    offset += _HEADER.size
    (ring_count,) = _COUNT.unpack_from(wkb, offset)
    offset += _COUNT.size
    rings = []
    for _ in range(ring_count):
        (points,) = _COUNT.unpack_from(wkb, offset)
        offset += _COUNT.size
        values = struct.unpack_from(f"<{2 * points}d", wkb, offset)
        offset += 16 * points
        rings.append([[values[i], values[i + 1]] for i in range(0, len(values), 2)])
    return rings, offset


class PackedCells(Sequence):
    """A parsed cell list held column-wise: ids, WKB and properties (with the place) in three tuples.

    Tuples of strings, bytes and flat dictionaries are untracked by the cycle
    collector, so a national list costs its full collections nothing; a
    :class:`~.model.Cell` is made when one is read (iteration, indexing, slices).
    """

    __slots__ = ("_properties", "_wkb", "ids")

    def __init__(self, ids: tuple[str, ...], wkb: tuple[bytes, ...], properties: tuple[dict, ...]) -> None:
        self.ids = ids
        self._wkb = wkb
        self._properties = properties

    @classmethod
    def of(cls, cells: Iterable[Cell]) -> PackedCells:
        """Cells with GeoJSON or packed geometry, held column-wise."""
        rows = [
            (
                c.id,
                bytes(c.geometry) if isinstance(c.geometry, bytes) else wkb_of(c.geometry),
                c.properties if c.place is None else {**c.properties, "place": c.place},
            )
            for c in cells
        ]
        return cls.from_rows(rows)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, bytes, dict]]) -> PackedCells:
        """From (id, WKB, properties) rows."""
        rows = rows if isinstance(rows, list) else list(rows)
        # Column by column in Python steps: zip(*rows) over a national list is one call that
        # holds the GIL (and so stops the QGIS main thread) for ~40 ms at 200,000 cells.
        ids = tuple([row[0] for row in rows])
        wkb = tuple([row[1] for row in rows])
        return cls(ids, wkb, tuple([row[2] for row in rows]))

    def columns(self) -> tuple[tuple[str, ...], tuple[bytes, ...], tuple[dict, ...]]:
        """The three columns as held: ids, WKB and properties (the place among them)."""
        return self.ids, self._wkb, self._properties

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [self._cell(k) for k in range(*index.indices(len(self.ids)))]
        return self._cell(range(len(self.ids))[index])

    def __iter__(self) -> Iterator[Cell]:
        for k in range(len(self.ids)):
            yield self._cell(k)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PackedCells):
            return (self.ids, self._wkb, self._properties) == (other.ids, other._wkb, other._properties)
        if isinstance(other, (tuple, list)):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"PackedCells({len(self.ids)} cells)"

    def _cell(self, k: int) -> Cell:
        properties = self._properties[k]
        if "place" not in properties:
            return Cell(self.ids[k], PackedPolygons(self._wkb[k]), properties)
        properties = dict(properties)  # the row keeps the place with the rest; a cell has its own field
        place = properties.pop("place")
        return Cell(self.ids[k], PackedPolygons(self._wkb[k]), properties, place)
