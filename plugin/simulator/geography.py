"""The demo region: towns, antenna sites and sector coverage cells.

Everything is generated, nothing is downloaded: the towns of Veiligheidsregio
Brabant-Noord at their real coordinates with their approximate populations and
a hand-digitised region outline (``data/*.json``, both public knowledge) seed a
deterministic placement of antenna sites, denser where people live. Each site
has three sectors (azimuths 0/120/240°, rotated per site); their coverage is
the Voronoi cell of the site cut into wedges and clipped to the outline.

Geometry is computed in a local metric projection (:class:`LocalProjection`,
equirectangular at the region's mid latitude). Over the region's ±0.16° of
latitude the scale error stays below 0.3 %, so areas are good to about 0.5 % —
far better than the hand-digitised outline itself.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import random
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from shapely.geometry import Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient
from shapely.ops import transform
from shapely.prepared import prep

from ..core.model import Cell
from ..core.places import Place, places_from_document
from ..feed.parsing import MIN_CELL_AREA_M2
from .coverage import CoveragePiece, Site, coverage_steps

DATA = Path(__file__).resolve().parent / "data"
DEFAULT_REGION = "brabant-noord"
DEFAULT_SITE_COUNT = 700  # x 3 sectors, minus a few clipped away: about 2,100 cells
EARTH_RADIUS_M = 6371008.8
URBAN_SHARE = 0.8  # share of sites placed around towns; the rest spread over the countryside
TOWN_SPREAD_M_PER_SQRT_PERSON = 6.0  # a town of 100,000 spreads with sigma ~1.9 km
CENTRE_SPREAD_RATIO = 0.35  # town centres (shops, stations) are tighter than the town
MIN_SITE_SPACING_M = 180.0
TECHNOLOGIES = (("LTE", 0.6), ("NR", 0.3), ("UMTS", 0.1))
COORDINATE_DECIMALS = 6  # about 0.1 m
SITES_PER_PLACEMENT_STEP = 20  # sites placed per build step (a big town or the countryside: several steps)
CELLS_PER_STEP = 20  # cells weighted or converted to GeoJSON per build step (2-3 ms)
CACHED_GEOGRAPHIES = 4


@dataclass(frozen=True)
class LocalProjection:
    """Equirectangular projection in metres around (lon0, lat0)."""

    lon0: float
    lat0: float

    @property
    def _metres_per_degree_lat(self) -> float:
        return math.radians(1.0) * EARTH_RADIUS_M

    @property
    def _metres_per_degree_lon(self) -> float:
        return self._metres_per_degree_lat * math.cos(math.radians(self.lat0))

    def forward(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.lon0) * self._metres_per_degree_lon, (
            lat - self.lat0
        ) * self._metres_per_degree_lat

    def inverse(self, x: float, y: float) -> tuple[float, float]:
        return self.lon0 + x / self._metres_per_degree_lon, self.lat0 + y / self._metres_per_degree_lat

    def to_metric(self, geometry: BaseGeometry) -> BaseGeometry:
        return transform(lambda lon, lat, z=None: self.forward(lon, lat), geometry)

    def to_geojson(self, geometry: BaseGeometry) -> dict:
        """A metric (Multi)Polygon as a GeoJSON geometry in WGS84, coordinates rounded to ~0.1 m."""
        if geometry.geom_type == "Polygon":
            return {"type": "Polygon", "coordinates": self._rings(geometry)}
        return {"type": "MultiPolygon", "coordinates": [self._rings(part) for part in geometry.geoms]}

    def _rings(self, polygon: Polygon) -> list[list[list[float]]]:
        polygon = orient(polygon)  # RFC 7946: exterior counter-clockwise, holes clockwise
        return [self._ring(polygon.exterior.coords)] + [self._ring(r.coords) for r in polygon.interiors]

    def _ring(self, coords) -> list[list[float]]:
        return [[round(v, COORDINATE_DECIMALS) for v in self.inverse(x, y)] for x, y in coords]


@dataclass(frozen=True)
class Town:
    name: str
    municipality: str
    x: float  # metres in the region's local projection
    y: float
    population: int

    @property
    def spread_m(self) -> float:
        return TOWN_SPREAD_M_PER_SQRT_PERSON * math.sqrt(self.population)


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    id_prefix: str
    projection: LocalProjection
    outline: BaseGeometry  # metric
    towns: tuple[Town, ...]
    rural_population: int

    @property
    def population(self) -> int:
        return sum(t.population for t in self.towns) + self.rural_population


@dataclass(frozen=True)
class SimCell:
    """A generated cell: the contract's :class:`Cell` plus what the simulation needs."""

    cell: Cell
    metric_geometry: BaseGeometry
    residents: float  # people who live in the cell's coverage
    centre_weight: float  # share of the region's town-centre visitors it attracts (sums to 1)
    bounds: tuple[float, float, float, float]  # of metric_geometry, taken once while building

    @property
    def id(self) -> str:
        return self.cell.id


@dataclass(frozen=True)
class Geography:
    region: Region
    seed: int
    cells: tuple[SimCell, ...]

    @property
    def contract_cells(self) -> tuple[Cell, ...]:
        return tuple(c.cell for c in self.cells)

    def cell(self, cell_id: str) -> SimCell:
        return self._by_id[cell_id]

    @functools.cached_property
    def _by_id(self) -> dict[str, SimCell]:
        return {c.id: c for c in self.cells}


def known_regions() -> list[str]:
    """Ids of the bundled regions (one folder each under ``data/``)."""
    return sorted(p.parent.name for p in DATA.glob("*/outline.json"))


@functools.lru_cache(maxsize=2)
def load_region(region_id: str = DEFAULT_REGION) -> Region:
    """The bundled region ``region_id`` with its towns, in its local projection."""
    outline_doc = json.loads((DATA / region_id / "outline.json").read_text(encoding="utf-8"))
    towns_doc = json.loads((DATA / region_id / "towns.json").read_text(encoding="utf-8"))
    lonlat = Polygon(outline_doc["outline"])
    centre = lonlat.centroid
    projection = LocalProjection(centre.x, centre.y)
    towns = tuple(
        Town(t["name"], t["municipality"], *projection.forward(t["lon"], t["lat"]), t["population"])
        for t in towns_doc["towns"]
    )
    return Region(
        outline_doc["id"],
        outline_doc["name"],
        outline_doc["id_prefix"],
        projection,
        projection.to_metric(lonlat),
        towns,
        towns_doc["rural_population"],
    )


def generate(
    seed: int = 1, region_id: str = DEFAULT_REGION, site_count: int = DEFAULT_SITE_COUNT
) -> Geography:
    """The demo geography for ``seed``: the same seed always gives the same cells.

    Cached in memory (a few seeds), since generating takes most of a second.
    """
    build = GeographyBuild(seed, region_id, site_count)
    for _ in build.steps():
        pass
    return build.geography


_BUILT: OrderedDict[tuple[int, str, int], Geography] = OrderedDict()


def forget_generated() -> None:
    """Empty the cache of generated geographies."""
    _BUILT.clear()


class GeographyBuild:
    """Generating a geography in steps of a few milliseconds each.

    Iterate :meth:`steps` (each yield is the share done, 0 to 1), then read
    :attr:`geography`. The QGIS main thread builds an exercise this way between
    events, with progress in the dock, instead of freezing for a second (a
    worker thread would race the main thread for the GIL in long shapely calls).
    """

    def __init__(self, seed: int = 1, region_id: str = DEFAULT_REGION, site_count: int = DEFAULT_SITE_COUNT):
        self.key = (seed, region_id, site_count)
        self.geography: Geography | None = _BUILT.get(self.key)

    def steps(self) -> Iterator[float]:
        if self.geography is not None:
            return
        seed, region_id, site_count = self.key
        region = load_region(region_id)
        rng = random.Random(f"sites:{region.id}:{seed}")
        placed: list[PlacedSite] = []
        yield from (0.04 * fraction for fraction in site_placement_steps(region, site_count, rng, placed))
        sites = [Site(p.x, p.y, _sector_azimuths(rng.uniform(0.0, 120.0))) for p in placed]
        technologies = [_choose_technology(rng) for _ in sites]
        yield 0.05
        pieces: list[CoveragePiece] = []
        for fraction in coverage_steps(sites, region.outline, pieces):
            yield 0.05 + 0.6 * fraction
        kept: list[CoveragePiece] = []
        for _ in sliver_absorbing_steps(pieces, kept):
            yield 0.65
        pieces = kept
        residents = _residents(pieces, placed)
        centre: list[float] = []
        for start in range(0, len(pieces), CELLS_PER_STEP):
            centre += _centre_raw(pieces[start : start + CELLS_PER_STEP], region)
            yield 0.65 + 0.1 * start / len(pieces)
        total = sum(centre)
        cells: list[SimCell] = []
        for start in range(0, len(pieces), CELLS_PER_STEP):
            end = start + CELLS_PER_STEP
            cells += [
                _sim_cell(region, p, technologies[p.site_index], people, weight / total)
                for p, people, weight in zip(pieces[start:end], residents[start:end], centre[start:end])
            ]
            yield 0.75 + 0.25 * end / len(pieces)
        self.geography = Geography(region, seed, tuple(cells))
        _BUILT[self.key] = self.geography
        while len(_BUILT) > CACHED_GEOGRAPHIES:
            _BUILT.popitem(last=False)


# The contract refuses a list with a cell under MIN_CELL_AREA_M2; our metric areas are good to
# about 0.5 % (see LocalProjection), so the simulator keeps a margin above the minimum.
SLIVER_AREA_M2 = MIN_CELL_AREA_M2 * 1.05


def absorb_slivers(pieces: list[CoveragePiece]) -> list[CoveragePiece]:
    """Pieces as a conforming provider publishes them: none under the contract's minimum area.

    Voronoi sectors of sites close together leave slivers of a few hundred m²; each
    one joins the neighbour it shares the longest border with, so the cells still
    tile the region and nothing is left uncovered. Slivers are rare (a handful per
    geography), so a scan of the pieces per sliver is cheap.
    """
    kept: list[CoveragePiece] = []
    for _ in sliver_absorbing_steps(pieces, kept):
        pass
    return kept


def sliver_absorbing_steps(pieces: list[CoveragePiece], kept: list[CoveragePiece]) -> Iterator[None]:
    """:func:`absorb_slivers` into ``kept``, in steps of a few milliseconds: areas and bounds a chunk
    at a time (each a GEOS call), then one sliver per step against the pieces its bounds touch."""
    areas: list[float] = []
    bounds: list[tuple[float, float, float, float]] = []
    for start in range(0, len(pieces), CELLS_PER_STEP * 10):
        chunk = pieces[start : start + CELLS_PER_STEP * 10]
        areas += [p.geometry.area for p in chunk]
        bounds += [p.geometry.bounds for p in chunk]
        yield
    kept += [p for p, area in zip(pieces, areas) if area >= SLIVER_AREA_M2]
    kept_bounds = [b for b, area in zip(bounds, areas) if area >= SLIVER_AREA_M2]
    for sliver, (x0, y0, x1, y1) in [
        (p, b) for p, b, area in zip(pieces, bounds, areas) if area < SLIVER_AREA_M2
    ]:
        touching = [
            i
            for i, (a0, b0, a1, b1) in enumerate(kept_bounds)
            if a0 <= x1 and x0 <= a1 and b0 <= y1 and y0 <= b1
        ]
        borders = [
            (sliver.geometry.boundary.intersection(kept[i].geometry.boundary).length, i) for i in touching
        ]
        length, index = max(borders, default=(0.0, -1))
        if length > 0.0:
            host = kept[index]
            kept[index] = dataclasses.replace(host, geometry=host.geometry.union(sliver.geometry))
            kept_bounds[index] = kept[index].geometry.bounds
        yield


def _sim_cell(
    region: Region, piece: CoveragePiece, technology: str, residents: float, weight: float
) -> SimCell:
    site = f"{region.id_prefix}-{piece.site_index + 1:04d}"
    return SimCell(
        Cell(
            f"{site}-{piece.sector_index + 1}",
            region.projection.to_geojson(piece.geometry),
            {
                "site": site,
                "technology": technology,
                "azimuth": round(piece.azimuth or 0.0, 1)
                % 360.0,  # 359.96 rounds to 360: the contract says [0, 360)
                "area_km2": round(piece.geometry.area / 1e6, 4),
            },
        ),
        piece.geometry,
        residents,
        weight,
        piece.geometry.bounds,
    )


@dataclass(frozen=True)
class PlacedSite:
    x: float
    y: float
    residents: float  # people this site serves (its town's population shared among the town's sites)


def place_sites(region: Region, count: int, rng: random.Random) -> list[PlacedSite]:
    """Sites around each town in proportion to its population (Gaussian spread), the rest rural.

    Each town gets at least one site; its people are shared evenly (with some
    jitter) among its sites, so sites are densest where most people live.
    """
    sites: list[PlacedSite] = []
    for _ in site_placement_steps(region, count, rng, sites):
        pass
    return sites


def site_placement_steps(
    region: Region, count: int, rng: random.Random, sites: list[PlacedSite]
) -> Iterator[float]:
    """:func:`place_sites` one town at a time, appending to ``sites``; yields the share done."""
    inside = prep(region.outline)
    taken: dict[tuple[int, int], list[tuple[float, float]]] = {}
    town_population = sum(t.population for t in region.towns)
    groups = [
        (town, max(1, round(count * URBAN_SHARE * town.population / town_population)), town.population)
        for town in region.towns
    ]
    rural_sites = max(1, count - sum(n for _, n, _ in groups))
    groups.append((None, rural_sites, region.rural_population))
    minx, miny, maxx, maxy = region.outline.bounds
    for done, (town, number, population) in enumerate(groups, start=1):
        positions: list[tuple[float, float]] = []
        while len(positions) < number:
            if town is None:
                x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
            else:
                x, y = rng.gauss(town.x, town.spread_m), rng.gauss(town.y, town.spread_m)
            if inside.contains(Point(x, y)) and _far_enough(taken, x, y):
                positions.append((x, y))
                taken.setdefault(_grid_key(x, y), []).append((x, y))
                if len(positions) % SITES_PER_PLACEMENT_STEP == 0:
                    yield (done - 1 + len(positions) / number) / len(groups)
        jitter = [rng.uniform(0.6, 1.4) for _ in positions]
        sites += [PlacedSite(x, y, population * j / sum(jitter)) for (x, y), j in zip(positions, jitter)]
        yield done / len(groups)


def _grid_key(x: float, y: float) -> tuple[int, int]:
    return int(x // MIN_SITE_SPACING_M), int(y // MIN_SITE_SPACING_M)


def _far_enough(taken: dict[tuple[int, int], list[tuple[float, float]]], x: float, y: float) -> bool:
    gx, gy = _grid_key(x, y)
    return all(
        math.hypot(x - ox, y - oy) >= MIN_SITE_SPACING_M
        for dx in (-1, 0, 1)
        for dy in (-1, 0, 1)
        for ox, oy in taken.get((gx + dx, gy + dy), ())
    )


def _sector_azimuths(rotation: float) -> tuple[float, ...]:
    return tuple(rotation + k * 120.0 for k in range(3))


def _choose_technology(rng: random.Random) -> str:
    names, weights = zip(*TECHNOLOGIES)
    return rng.choices(names, weights)[0]


def _residents(pieces: Sequence[CoveragePiece], sites: Sequence[PlacedSite]) -> list[float]:
    """A site's people shared among its sectors by area (a sector clipped by the outline gets less)."""
    site_area: dict[int, float] = {}
    for piece in pieces:
        site_area[piece.site_index] = site_area.get(piece.site_index, 0.0) + piece.geometry.area
    return [sites[p.site_index].residents * p.geometry.area / site_area[p.site_index] for p in pieces]


def _centre_raw(pieces: Sequence[CoveragePiece], region: Region) -> list[float]:
    """Each cell's pull on town-centre visitors (divided by the total, its share): tight Gaussian
    kernels around the town centres, weighted by population, at a point inside the cell times its area."""
    raw = []
    for piece in pieces:
        x, y = piece.geometry.representative_point().coords[0]
        raw.append(sum(_centre_density(t, x, y) for t in region.towns) * piece.geometry.area)
    return raw


def _centre_density(town: Town, x: float, y: float) -> float:
    sigma = town.spread_m * CENTRE_SPREAD_RATIO
    distance2 = (x - town.x) ** 2 + (y - town.y) ** 2
    return town.population / (2 * math.pi * sigma * sigma) * math.exp(-distance2 / (2 * sigma * sigma))


def demo_places(region_id: str = DEFAULT_REGION) -> list[Place]:
    """The bundled places that name demo cells and label the demo map: towns and well-known spots."""
    places: list[Place] = []
    for name in ("towns.json", "spots.json"):
        places.extend(places_from_document(json.loads((DATA / region_id / name).read_text(encoding="utf-8"))))
    return places
