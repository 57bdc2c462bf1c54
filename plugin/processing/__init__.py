"""Processing provider: coverage polygons from antenna sites (see ``coverage_algorithm``)."""
