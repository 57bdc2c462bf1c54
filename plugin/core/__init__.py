"""Pure-Python domain logic: no QGIS or Qt imports allowed in this package."""
