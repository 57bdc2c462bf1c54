"""Every configuration key of the plugin, declared once with its type and default.

The QGIS settings store (``runtime/settings.py``), the settings dialog and the
roll-out export/import all read this table, so a key cannot drift between them.
Secrets never live here: the feed token stays in the QGIS authentication
database and only the id of that configuration (``feed/authcfg``) is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    kind: type
    exported: bool = True  # part of the roll-out file


_SETTINGS = (
    Setting("feed/url", "", str),
    Setting("feed/authcfg", "", str),
    Setting("feed/poll_seconds", 60, int),
    Setting("feed/connect_timeout_s", 5.0, float),
    Setting("feed/read_timeout_s", 20.0, float),
    Setting("feed/verify_tls", True, bool),
    Setting("feed/paused", False, bool, exported=False),
    Setting("demo/enabled", False, bool, exported=False),
    Setting("demo/scenario", "markt", str),
    Setting("demo/seed", 1, int),
    Setting("demo/speed", 1.0, float),
    Setting("history/retention_days", 8, int),
    # Map: upper-open band edges of the graduated count style (comma-separated counts).
    Setting("map/band_edges", "15,50,150,500,1500", str),
    # Region: a polygon layer source (file path or URI) + OGR provider + a feature
    # expression, or a polygon drawn on the map stored as WKT in EPSG:4326.
    Setting("region/source", "", str),
    Setting("region/provider", "ogr", str),
    Setting("region/feature_expression", "", str),
    Setting("region/wkt", "", str),
    Setting("region/name", "", str),
    # Alert rules for the region; 0 switches a rule off.
    Setting("alerts/count_threshold", 1000, int),
    Setting("alerts/density_per_km2", 0.0, float),
    Setting("alerts/rise_percent", 0.0, float),
    Setting("alerts/clear_ratio", 0.8, float),  # hysteresis: clears below ratio x threshold
    Setting("alerts/cooldown_minutes", 30, int),
    Setting("alerts/sound", False, bool),
)

SETTINGS: dict[str, Setting] = {s.key: s for s in _SETTINGS}


def coerce(setting: Setting, value: Any) -> Any:
    """Convert a stored value (QSettings may hand back strings) to the setting's type."""
    if value is None:
        return setting.default
    if setting.kind is bool:
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        return bool(value)
    try:
        return setting.kind(value)
    except (TypeError, ValueError):
        return setting.default
