"""Naming cells the way people talk: "Markt, 's-Hertogenbosch" instead of "BN-0040-2".

A cell's name comes from the feed's optional ``place`` property when it has one;
otherwise from the nearest named place in a *places file*:

* **spots** (a square, a station, a street: a place with a ``town``) name a cell
  whose centre lies within ``radius_m`` of them (default 400 m): "Markt, 's-Hertogenbosch";
* **towns** (a place without ``town``) name every other cell: the nearest one,
  "near Nuland" when it is further than :data:`NEAR_M` away.

The places file is JSON, either a plain list

    {"places": [{"name": "Markt", "town": "'s-Hertogenbosch", "lon": 5.3037, "lat": 51.6886},
                {"name": "Rosmalen", "lon": 5.365, "lat": 51.716}]}

(the simulator's ``towns.json`` with its ``towns`` list is read the same way), or a
GeoJSON FeatureCollection of Points whose properties hold ``name`` and optionally
``town`` and ``radius_m``. Coordinates are WGS 84. The file is bounded
(:data:`MAX_FILE_BYTES`, :data:`MAX_PLACES`); a bad entry is skipped, a bad file
raises :class:`PlacesError`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union

from .i18n import tr

MAX_FILE_BYTES = 20_000_000
MAX_PLACES = 200_000
MAX_NAME_LENGTH = 80
SPOT_RADIUS_M = 400.0
NEAR_M = 2500.0  # a town further than this names a cell as "near <town>"
GRID_DEGREES = 0.05  # the lookup grid: about 3.5 km east-west, 5.5 km north-south here
METRES_PER_DEGREE = 111_320.0


class PlacesError(Exception):
    """The places file cannot be used; ``user_message()`` says why and what to do."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def user_message(self) -> str:
        return tr("The places file {0} cannot be read ({1}). Check the file or choose another one.").format(
            self.path, self.reason
        )


@dataclass(frozen=True)
class Place:
    name: str
    lon: float
    lat: float
    town: str = ""  # set for a spot inside a town
    radius_m: float = SPOT_RADIUS_M
    population: int = 0  # towns: larger ones stay labelled further out

    @property
    def label(self) -> str:
        return f"{self.name}, {self.town}" if self.town else self.name


def _text(value: Any) -> str:
    return value.strip()[:MAX_NAME_LENGTH] if isinstance(value, str) else ""


def _number(value: Any) -> Optional[float]:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def place_from_mapping(entry: Mapping[str, Any], lon: Any = None, lat: Any = None) -> Optional[Place]:
    """One place, or ``None`` when the entry lacks a name or has impossible coordinates."""
    name = _text(entry.get("name"))
    x, y = (
        _number(entry.get("lon") if lon is None else lon),
        _number(entry.get("lat") if lat is None else lat),
    )
    if not name or x is None or y is None or not (-180 <= x <= 180 and -90 <= y <= 90):
        return None
    radius = _number(entry.get("radius_m"))
    population = _number(entry.get("population")) or 0
    return Place(
        name,
        x,
        y,
        _text(entry.get("town")),
        radius if radius and radius > 0 else SPOT_RADIUS_M,
        int(max(0, min(population, 1e8))),
    )


def places_from_document(document: Any) -> list[Place]:
    """The places of a parsed places document (see the module docstring)."""
    if not isinstance(document, Mapping):
        raise ValueError("not a JSON object")
    if document.get("type") == "FeatureCollection":
        return list(_geojson_places(document.get("features")))
    entries = document.get("places", document.get("towns"))
    if not isinstance(entries, list):
        raise ValueError("no list 'places'")
    found = [p for p in (place_from_mapping(e) for e in entries[:MAX_PLACES] if isinstance(e, Mapping)) if p]
    return found


def _geojson_places(features: Any) -> Iterator[Place]:
    if not isinstance(features, list):
        raise ValueError("no list 'features'")
    for feature in features[:MAX_PLACES]:
        geometry = feature.get("geometry") if isinstance(feature, Mapping) else None
        if not isinstance(geometry, Mapping) or geometry.get("type") != "Point":
            continue
        coordinates = geometry.get("coordinates")
        properties = feature.get("properties") or {}
        if isinstance(coordinates, list) and len(coordinates) >= 2 and isinstance(properties, Mapping):
            place = place_from_mapping(properties, coordinates[0], coordinates[1])
            if place is not None:
                yield place


def read_places(path: Union[str, Path]) -> list[Place]:
    """The places in the file at ``path``; raises :class:`PlacesError`."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise PlacesError(str(path), tr("larger than {0} MB").format(MAX_FILE_BYTES // 1_000_000))
        document = json.loads(path.read_text(encoding="utf-8"))
        return places_from_document(document)
    except OSError as error:
        raise PlacesError(str(path), error.strerror or type(error).__name__) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise PlacesError(str(path), str(error)[:200]) from None


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Distance on a local flat approximation: plenty for naming within a few kilometres."""
    dx = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return math.hypot(dx, lat2 - lat1) * METRES_PER_DEGREE


class PlaceFinder:
    """Nearest-place look-ups over a grid, fast enough to name a national cell set."""

    def __init__(self, places: Iterable[Place]) -> None:
        self.places = list(places)
        self._spots: dict[tuple[int, int], list[Place]] = {}
        self._towns: dict[tuple[int, int], list[Place]] = {}
        for place in self.places:
            grid = self._spots if place.town else self._towns
            grid.setdefault(_grid_key(place.lon, place.lat), []).append(place)
        self._max_ring = 1 + int(max(1.0, 50_000 / METRES_PER_DEGREE / GRID_DEGREES))

    def name_at(self, lon: float, lat: float) -> str:
        """The name for a spot at (lon, lat): a spot within its radius, else the nearest town."""
        spot = self._nearest(self._spots, lon, lat, rings=1)
        if spot is not None and distance_m(lon, lat, spot.lon, spot.lat) <= spot.radius_m:
            return spot.label
        town = self._nearest(self._towns, lon, lat, rings=self._max_ring)
        if town is None:
            return ""
        if distance_m(lon, lat, town.lon, town.lat) > NEAR_M:
            return tr("near {0}").format(town.label)
        return town.label

    def _nearest(
        self, grid: Mapping[tuple[int, int], Sequence[Place]], lon: float, lat: float, rings: int
    ) -> Optional[Place]:
        """The nearest place in ``grid``, searching rings of grid cells outwards until no closer one
        can exist (a ring ``k`` away is at least ``(k - 1)`` grid cells from the point)."""
        if not grid:
            return None
        column, row = _grid_key(lon, lat)
        best, best_squared = None, math.inf  # squared distance in latitude degrees
        kx = math.cos(math.radians(lat))  # one scale for the neighbourhood: plenty for naming
        ring_degrees = GRID_DEGREES * kx
        for ring in range(rings + 1):
            if best is not None and ((ring - 1) * ring_degrees) ** 2 > best_squared:
                break
            for key in _ring_keys(column, row, ring):
                for place in grid.get(key, ()):
                    dx, dy = (place.lon - lon) * kx, place.lat - lat
                    squared = dx * dx + dy * dy
                    if squared < best_squared:
                        best, best_squared = place, squared
        return best

    def name_cell(self, geometry: Mapping[str, Any], given: Optional[str] = None) -> str:
        """A cell's place: the feed's own name when given, else the place nearest its centre."""
        if given:
            return given
        lon, lat = bounding_box_centre(geometry)
        return self.name_at(lon, lat)


def _grid_key(lon: float, lat: float) -> tuple[int, int]:
    return math.floor(lon / GRID_DEGREES), math.floor(lat / GRID_DEGREES)


def _ring_keys(column: int, row: int, ring: int) -> Iterator[tuple[int, int]]:
    if ring == 0:
        yield column, row
        return
    for dx in range(-ring, ring + 1):
        yield column + dx, row - ring
        yield column + dx, row + ring
    for dy in range(-ring + 1, ring):
        yield column - ring, row + dy
        yield column + ring, row + dy


def bounding_box_centre(geometry: Mapping[str, Any]) -> tuple[float, float]:
    """The centre of a GeoJSON (Multi)Polygon's bounding box (outer rings)."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    xs = [point[0] for polygon in polygons for point in polygon[0]]
    ys = [point[1] for polygon in polygons for point in polygon[0]]
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
