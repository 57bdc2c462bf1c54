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
