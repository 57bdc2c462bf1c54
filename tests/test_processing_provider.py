"""The provider registers with QGIS Processing and offers the coverage algorithm."""

from __future__ import annotations

from druktemeter.plugin.processing.provider import DruktemeterProvider
from qgis.core import QgsApplication


def test_provider_registers_and_unregisters_the_coverage_algorithm(qgis_processing):
    registry = QgsApplication.processingRegistry()
    provider = DruktemeterProvider()
    assert registry.addProvider(provider)
    try:
        algorithm = registry.algorithmById("druktemeter:coveragefromsites")
        assert algorithm is not None
        assert algorithm.displayName() == "Coverage polygons from antenna sites"
        assert [p.name() for p in algorithm.parameterDefinitions()] == [
            "INPUT",
            "AZIMUTH_FIELD",
            "CLIP",
            "EXTENT",
            "OUTPUT",
        ]
    finally:
        registry.removeProvider(provider)
    assert registry.algorithmById("druktemeter:coveragefromsites") is None
