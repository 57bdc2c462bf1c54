"""Benchmark workloads: the real national sector cells, synthetic grids, and counts that evolve.

The national workload is built from the real antenna register (RD New,
EPSG:28992) in ``../shared/data/antenneregister``: NR and UMTS sector panels are
merged by site and azimuth (~39,700 sector cells); each site's coverage is its
Voronoi cell, limited to a disc, and split into wedges between neighbouring
azimuths. The result is cached under the system temp folder, never committed.
Wedges smaller than the contract's minimum cell area (slivers between sites a few
metres apart, ~6,000 of them) are left out, as a conforming provider would.
"""

from __future__ import annotations

import json
import math
import random
import tempfile
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Optional

import numpy
from druktemeter.plugin.core.model import Cell, CellSet, CountsSnapshot, Interval
from druktemeter.plugin.core.trend import publish
from druktemeter.plugin.feed.geometry import GeometryError, cell_area_m2
from druktemeter.plugin.feed.parsing import MIN_CELL_AREA_M2
from druktemeter.plugin.simulator.clock import to_local
from druktemeter.plugin.simulator.rhythm import activity
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsProject
from shapely.geometry import MultiPoint, Point, Polygon
from shapely.ops import voronoi_diagram
from shapely.strtree import STRtree


def _register_folder() -> Path:
    """``../shared/data/antenneregister`` beside the checkout, or ``/work/shared`` (a worktree's)."""
    repo = Path(__file__).resolve().parents[1]
    candidates = [repo.parent / "shared", repo.parents[1] / "shared", Path("/work/shared")]
    folders = [folder / "data" / "antenneregister" for folder in candidates]
    return next((folder for folder in folders if folder.is_dir()), folders[0])


REGISTER = _register_folder()
CACHE = Path(tempfile.gettempdir()) / "druktemeter-bench"
NL_BBOX = (3.36, 50.75, 7.22, 53.55)  # lon/lat
COVERAGE_RADIUS_M = 6000.0
OMNI = "omni"


def national_cells(register: Path = REGISTER) -> Optional[CellSet]:
    """The ~33,400 real sector cells of at least the minimum area, or None without the antenna register."""
    sources = [register / "antennasNR.json", register / "antennasUMTS.json"]
    if not all(path.exists() for path in sources):
        return None
    CACHE.mkdir(exist_ok=True)
    stamp = "-".join(str(int(path.stat().st_mtime)) for path in sources)
    cached = CACHE / f"national-{stamp}.json"
    if not cached.exists():
        cached.write_text(json.dumps(_build_national(sources)))
    features = json.loads(cached.read_text())
    return CellSet(
        tuple(Cell(f["id"], f["geometry"], f["properties"]) for f in features if _conforms(f["geometry"])),
        f"national-{stamp}",
    )


def _conforms(geometry: dict) -> bool:
    """What a conforming provider would publish: no slivers between co-located sites."""
    try:
        return cell_area_m2(geometry) >= MIN_CELL_AREA_M2
    except GeometryError:
        return False


def _sectors_by_site(sources: list[Path]) -> dict[tuple[float, float], dict[object, set[str]]]:
    sites: dict[tuple[float, float], dict[object, set[str]]] = defaultdict(lambda: defaultdict(set))
    for path in sources:
        for installation in json.loads(path.read_text()).values():
            site = (round(installation["x"]), round(installation["y"]))
            for panel in installation["antennas"].values():
                angle = panel["angle"]
                azimuth = round(float(angle)) % 360 if isinstance(angle, (int, float)) else OMNI
                sites[site][azimuth].add(installation["type"])
    return sites


def _wedge(center: tuple[float, float], start_deg: float, end_deg: float) -> Polygon:
    """A pie slice clockwise from north from ``start_deg`` to ``end_deg`` (azimuths)."""
    span = (end_deg - start_deg) % 360 or 360
    steps = max(2, int(span / 15))
    x, y = center
    arc = [
        (
            x + 1.2 * COVERAGE_RADIUS_M * math.sin(math.radians(start_deg + span * i / steps)),
            y + 1.2 * COVERAGE_RADIUS_M * math.cos(math.radians(start_deg + span * i / steps)),
        )
        for i in range(steps + 1)
    ]
    return Polygon([center, *arc, center])


def _build_national(sources: list[Path]) -> list[dict]:
    sites = _sectors_by_site(sources)
    points = [Point(site) for site in sites]
    hull = MultiPoint(points).convex_hull.buffer(3000)
    regions = list(voronoi_diagram(MultiPoint(points), envelope=hull).geoms)
    tree = STRtree(regions)
    to_wgs84 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:28992"),
        QgsCoordinateReferenceSystem("EPSG:4326"),
        QgsProject.instance(),
    )
    features = []
    for number, (site, sectors) in enumerate(sites.items()):
        point = Point(site)
        region = next(r for r in tree.query(point) if r.contains(point))
        coverage = region.intersection(point.buffer(COVERAGE_RADIUS_M, 16)).intersection(hull)
        azimuths = sorted(a for a in sectors if a != OMNI)
        if len(azimuths) < 2:
            pieces = {azimuths[0] if azimuths else OMNI: coverage}
        else:
            pieces = {}
            for i, azimuth in enumerate(azimuths):
                before, after = azimuths[i - 1], azimuths[(i + 1) % len(azimuths)]
                start = azimuth - ((azimuth - before) % 360) / 2
                end = azimuth + ((after - azimuth) % 360) / 2
                pieces[azimuth] = coverage.intersection(_wedge(site, start, end))
        for azimuth, piece in pieces.items():
            if piece.is_empty or piece.area < 1:
                continue
            geometry = QgsGeometry()
            geometry.fromWkb(piece.wkb)
            geometry.transform(to_wgs84)
            features.append(
                {
                    "id": f"S{number:05d}-{azimuth}",
                    "geometry": json.loads(geometry.asJson(6)),
                    "properties": {
                        "site": f"S{number:05d}",
                        "technology": "/".join(sorted(set().union(*sectors.values()))),
                        "area_km2": round(piece.area / 1e6, 4),
                    },
                }
            )
    return features


def synthetic_cells(count: int) -> CellSet:
    """``count`` hexagonal cells tiling the Netherlands' bounding box (a synthetic national feed)."""
    west, south, east, north = NL_BBOX
    aspect = (east - west) * math.cos(math.radians(52)) / (north - south)
    rows = max(1, round(math.sqrt(count / aspect)))
    columns = math.ceil(count / rows)
    dx, dy = (east - west) / columns, (north - south) / rows
    cells = []
    for index in range(count):
        row, column = divmod(index, columns)
        cx = west + (column + 0.5 + (0.5 if row % 2 else 0)) * dx
        cy = south + (row + 0.5) * dy
        ring = [
            [
                round(cx + 0.58 * dx * math.cos(math.radians(a)), 6),
                round(cy + 0.58 * dy * math.sin(math.radians(a)), 6),
            ]
            for a in range(30, 390, 60)
        ]
        ring.append(ring[0])
        properties = {"site": f"H{index // 3:06d}", "technology": "LTE"}
        cells.append(Cell(f"H{index:06d}", {"type": "Polygon", "coordinates": [ring]}, properties))
    return CellSet(tuple(cells), f"synthetic-{count}")


def region_cells(cells: CellSet, target: int = 3000) -> CellSet:
    """About ``target`` cells around the middle of the Randstad: a safety region's workload."""

    def center(cell: Cell) -> tuple[float, float]:
        polygon = (
            cell.geometry["coordinates"]
            if cell.geometry["type"] == "Polygon"
            else cell.geometry["coordinates"][0]
        )
        ring = polygon[0]
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)

    by_distance = sorted(cells.cells, key=lambda c: math.dist(center(c), (4.9, 52.37)))
    return CellSet(tuple(by_distance[:target]), f"{cells.etag}-region")


class CountsSimulator:
    """Counts the way the demo feed models them (``plugin/simulator/counts.py``): per cell a
    resident and a visitor base, scaled by the daily rhythm (``plugin.simulator.rhythm``),
    with noise of sd ``sqrt(n + (5 % of n)²)``; published with the provider's rules
    (suppression under ``min_count``, trend with its dead band). Starts at noon local time."""

    def __init__(self, cell_ids: list[str], seed: int = 7, min_count: int = 15) -> None:
        self.random = random.Random(seed)
        self.noise = numpy.random.default_rng(seed)  # per interval at once: 1,000 national polls take a while
        self.min_count = min_count
        self.ids = list(cell_ids)
        self.residents = numpy.array([self.random.lognormvariate(6.3, 0.9) for _ in self.ids])
        self.visitors = numpy.array(
            [self.random.lognormvariate(7.0, 1.0) if self.random.random() < 0.15 else 0.0 for _ in self.ids]
        )
        self.start = datetime(
            2026, 1, 5, 11, 0, tzinfo=timezone.utc
        )  # a Monday; 1,000 intervals stay in the past
        self.raw = self._raw_counts(self.start)

    def _raw_counts(self, start: datetime) -> dict[str, float]:
        rhythm = activity(to_local(start + timedelta(minutes=7.5)))
        expected = self.residents * rhythm.residents + self.visitors * rhythm.visitors
        counts = numpy.maximum(
            0.0, self.noise.normal(expected, numpy.sqrt(expected + (0.05 * expected) ** 2))
        )
        return dict(zip(self.ids, counts.tolist()))

    def next_snapshot(self) -> CountsSnapshot:
        self.start += timedelta(minutes=15)
        previous, self.raw = self.raw, self._raw_counts(self.start)
        counts, trends = publish(self.raw, previous, self.min_count)
        interval = Interval(self.start, self.start + timedelta(minutes=15))
        return CountsSnapshot(interval, self.min_count, counts, trends, "bench")
