"""QGIS-facing map code: the crowd layer, its style, and the region."""

from qgis.core import QgsCoordinateReferenceSystem

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")  # the feed's CRS (GeoJSON, RFC 7946)
