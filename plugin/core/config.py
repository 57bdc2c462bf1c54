"""Every configuration key of the plugin, declared once with its type and default.

The QGIS settings store (``runtime/settings.py``), the settings dialog and the
roll-out export/import all read this table, so a key cannot drift between them.
Secrets never live here: the feed token stays in the QGIS authentication
database and only the id of that configuration (``feed/authcfg``) is stored.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any, Callable, Optional
from urllib.parse import parse_qsl, urlsplit

from .i18n import tr
from .trend import MIN_COUNT_FLOOR

# Privacy by design: the history never holds more than this, whatever the setting says.
MAX_RETENTION_DAYS = 31


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
    # Region: one of the 25 bundled safety regions by name, or a polygon layer source
    # (file path or URI) + OGR provider + a feature expression, or a polygon drawn on
    # the map stored as WKT in EPSG:4326. Demo mode uses Brabant-Noord when none is set.
    Setting("region/safety_region", "", str),
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
    # Places that name cells in live mode ("Markt, 's-Hertogenbosch"): a JSON or GeoJSON
    # file, see plugin/core/places.py. Demo mode names cells from the bundled places.
    Setting("places/file", "", str),
    # The PDOK background map's style: grijs (grey), standaard, pastel or water.
    Setting("map/background_style", "grijs", str),
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


# --- Validation: one place for the settings dialog and the roll-out import ---------

BACKGROUND_STYLES = ("grijs", "standaard", "pastel", "water")  # PDOK BRT-Achtergrondkaart variants


def band_edges(text: str) -> list[int]:
    """The count band edges of ``map/band_edges`` ("15,50,150"); raises ``ValueError``."""
    return [int(part) for part in text.split(",") if part.strip()]


# Query parameters that carry a secret: a URL holding one would end up in roll-out files and logs.
SECRET_QUERY_WORDS = ("token", "key", "secret", "password", "passwd", "pwd", "auth", "signature", "sig")


def is_loopback(host: str) -> bool:
    """This computer itself (a local test feed or an SSH tunnel): the only place plain http may go."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _secret_in_query(query: str) -> bool:
    names = (name.lower().replace("-", "_") for name, _value in parse_qsl(query, keep_blank_values=True))
    parts = (part for name in names for part in name.split("_"))
    return any(part.endswith(SECRET_QUERY_WORDS) for part in parts)  # "key", "api_key", "apikey"


def _feed_url(value: str) -> Optional[str]:
    if not value:
        return None  # no feed configured (demo mode still works)
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        host = None
    if host is None or parts.scheme not in ("http", "https"):
        return tr("Enter a web address that starts with http:// or https://, e.g. https://feed.example.nl")
    if parts.username is not None or parts.password is not None:
        return tr(
            "Remove the user name and password from the address: they would be stored and exported. "
            "Use an authentication configuration for the token."
        )
    if _secret_in_query(parts.query):
        return tr(
            "Remove the token or key from the address: it would be stored and exported. "
            "Use an authentication configuration for the token."
        )
    if parts.scheme == "http" and not is_loopback(host):
        return tr(
            "Use https:// for a feed on another computer; plain http:// is allowed only to this computer."
        )
    return None


def _band_edges(value: str) -> Optional[str]:
    try:
        edges = band_edges(value)
    except ValueError:
        return tr("Enter whole numbers separated by commas, e.g. 15,50,150,500")
    if not edges:
        return tr("Enter at least one band edge.")
    if edges[0] < MIN_COUNT_FLOOR:
        return tr("The lowest band edge must be at least {0}: smaller counts are never shown.").format(
            MIN_COUNT_FLOOR
        )
    if any(later <= earlier for earlier, later in zip(edges, edges[1:])):
        return tr("Each band edge must be larger than the one before it.")
    return None


def _between(low: float, high: float, message: str) -> Callable[[Any], Optional[str]]:
    def check(value: Any) -> Optional[str]:
        return None if low <= value <= high else tr(message).format(low, high)

    return check


def tr_noop(text: str) -> str:
    """Marks a literal for translation (extracted by scripts/i18n.py); translated later with ``tr``."""
    return text


_VALIDATORS: dict[str, Callable[[Any], Optional[str]]] = {
    "feed/url": _feed_url,
    "feed/poll_seconds": _between(10, 3600, tr_noop("Choose between {0} and {1} seconds.")),
    "feed/connect_timeout_s": _between(1, 120, tr_noop("Choose between {0} and {1} seconds.")),
    "feed/read_timeout_s": _between(1, 300, tr_noop("Choose between {0} and {1} seconds.")),
    "history/retention_days": _between(
        1, MAX_RETENTION_DAYS, tr_noop("Keep history between {0} and {1} days.")
    ),
    "map/band_edges": _band_edges,
    "alerts/count_threshold": _between(0, 10_000_000, tr_noop("Choose 0 (off) or a count up to {1}.")),
    "alerts/density_per_km2": _between(0, 1_000_000, tr_noop("Choose 0 (off) or a density up to {1}.")),
    "alerts/rise_percent": _between(0, 10_000, tr_noop("Choose 0 (off) or a rise up to {1} %.")),
    "alerts/clear_ratio": _between(0.1, 1.0, tr_noop("Choose a ratio between {0} and {1}.")),
    "alerts/cooldown_minutes": _between(0, 1440, tr_noop("Choose between {0} and {1} minutes.")),
    "map/background_style": lambda value: (
        None if value in BACKGROUND_STYLES else tr("Choose one of: {0}.").format(", ".join(BACKGROUND_STYLES))
    ),
}


def type_matches(setting: Setting, value: Any) -> bool:
    """Strict JSON-level type check (a roll-out file must not rely on coercion)."""
    if setting.kind is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if setting.kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, setting.kind)


def validate(key: str, value: Any) -> Optional[str]:
    """``None`` when ``value`` is acceptable for ``key``, else what is wrong, in words."""
    setting = SETTINGS[key]
    if not type_matches(setting, value):
        return tr("Expected {0}, got {1!r}.").format(_KIND_WORDS[setting.kind](), value)
    check = _VALIDATORS.get(key)
    return None if check is None else check(value)


_KIND_WORDS: dict[type, Callable[[], str]] = {
    str: lambda: tr("text"),
    int: lambda: tr("a whole number"),
    float: lambda: tr("a number"),
    bool: lambda: tr("true or false"),
}
