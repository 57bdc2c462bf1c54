"""QGIS-facing services without widgets: settings store, logging, polling, auth."""
