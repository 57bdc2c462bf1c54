"""Offline demo feed: a generated region, a daily rhythm and replayable scenarios.

Pure Python (stdlib + shapely), no QGIS. Start with :func:`build_source`.
"""

from .clock import SimClock
from .scenarios import ScenarioError, bundled_scenarios, load_scenario
from .source import SimulatedSource, SourceBuild, build_source

__all__ = [
    "ScenarioError",
    "SimClock",
    "SimulatedSource",
    "SourceBuild",
    "build_source",
    "bundled_scenarios",
    "load_scenario",
]
