"""Raw (unrounded) counts per cell for one interval: rhythm + scenario events + noise.

``raw_counts(start)`` is a pure function of (scenario, seed, interval start):
the noise comes from a random generator seeded with exactly those, so a replay
or a jump back gives the very same numbers. The provider's rules (suppression,
trend) are applied afterwards by ``core.trend.publish``.
"""

from __future__ import annotations

import math
import random
from datetime import datetime

from shapely.geometry import Point

from .clock import INTERVAL, as_utc, to_local
from .geography import Geography
from .rhythm import activity
from .scenarios import Event, Scenario

VISITOR_POOL_SHARE = 0.08  # share of the towns' population that can be a centre visitor at once
NOISE_RELATIVE = 0.05  # besides Poisson-like noise (sd = sqrt(count))
_SHARE_CACHE_LIMIT = 256  # event positions remembered; a procession adds one per interval
_DISC_SEGMENTS = 16  # quarter-circle segments of an event's circle


class CountModel:
    """Counts of one scenario with one seed over its geography."""

    def __init__(self, geography: Geography, scenario: Scenario, seed: int):
        self.geography = geography
        self.scenario = scenario
        self.seed = seed
        town_population = sum(t.population for t in geography.region.towns)
        self._visitor_pool = town_population * VISITOR_POOL_SHARE
        self._bounds = [c.bounds for c in geography.cells]
        self._ids = [c.id for c in geography.cells]
        self._shares: dict[tuple[float, float, float], dict[int, float]] = {}

    def raw_counts(self, start: datetime) -> dict[str, float]:
        """Counts of the interval starting at ``start``, evaluated at its middle."""
        return dict(zip(self._ids, self.raw_values(start)))

    def raw_values(self, start: datetime) -> list[float]:
        """:meth:`raw_counts` as a list in the geography's cell order. The noise is drawn in this one
        loop, a call less per cell: an exercise's past computes hundreds of intervals for its chart."""
        start = as_utc(start)
        middle = start + INTERVAL / 2
        rhythm = activity(to_local(middle))
        visitors = self._visitor_pool * rhythm.visitors
        expected = [c.residents * rhythm.residents + c.centre_weight * visitors for c in self.geography.cells]
        for event in self.scenario.events:
            strength = event.strength(middle)
            if strength > 0.0:
                for index, share in self._event_shares(event, middle).items():
                    expected[index] += event.peak_extra * strength * share
        rng = random.Random(f"counts:{self.scenario.name}:{self.seed}:{int(start.timestamp())}")
        gauss, sqrt = rng.gauss, math.sqrt  # the noise: sd = sqrt(n + (5 % of n)²), never below 0
        return [max(0.0, gauss(value, sqrt(value + (NOISE_RELATIVE * value) ** 2))) for value in expected]

    def _event_shares(self, event: Event, moment: datetime) -> dict[int, float]:
        """Share of the event's circle (at its position at ``moment``) that falls in each cell."""
        lon, lat = event.position(moment)
        key = (lon, lat, event.radius_m)
        if key not in self._shares:
            if len(self._shares) >= _SHARE_CACHE_LIMIT:
                self._shares.clear()
            self._shares[key] = self._circle_shares(lon, lat, event.radius_m)
        return self._shares[key]

    def _circle_shares(self, lon: float, lat: float, radius_m: float) -> dict[int, float]:
        x, y = self.geography.region.projection.forward(lon, lat)
        disc = Point(x, y).buffer(radius_m, _DISC_SEGMENTS)
        cells = self.geography.cells
        shares = {}
        for index, (minx, miny, maxx, maxy) in enumerate(self._bounds):
            if maxx < x - radius_m or minx > x + radius_m or maxy < y - radius_m or miny > y + radius_m:
                continue
            overlap = cells[index].metric_geometry.intersection(disc).area
            if overlap > 0.0:
                shares[index] = overlap / disc.area
        return shares
