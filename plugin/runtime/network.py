"""The feed's network configuration from QGIS: proxy, token, timeouts, TLS, cache.

:func:`connection_options` turns the plugin settings into the options of the
plugin's one HTTP transport (``feed/transport.py``); the poller's reader
(:func:`feed_reader`), *Test connection* and the classroom exercise clock all
use them. :func:`proxies_for` turns the proxy of QGIS (Settings → Options →
Network) into a ``requests`` proxies mapping.

Government networks often allow the internet only through a proxy; the plugin
uses the same one QGIS uses. The ``proxy/*`` keys are those QGIS's own network
manager (``QgsNetworkAccessManager``) reads. "Default proxy" means the
system's proxy, which ``requests`` already takes from the environment.
The mapping can hold the proxy password: never log it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional
from urllib.parse import quote

from qgis.core import QgsApplication, QgsSettings

from ..feed.client import HttpFeedReader
from .auth import token_provider
from .log import protect

SCHEMES = {"HttpProxy": "http", "HttpCachingProxy": "http", "Socks5Proxy": "socks5h"}


def proxies_for(feed_url: str, settings: Optional[QgsSettings] = None) -> Optional[dict[str, str]]:
    """The proxies for ``feed_url``, or None to connect directly (or via the system proxy)."""
    settings = settings or QgsSettings()
    if not settings.value("proxy/proxyEnabled", False, type=bool):
        return None
    scheme = SCHEMES.get(str(settings.value("proxy/proxyType", "")))
    host = str(settings.value("proxy/proxyHost", "") or "")
    if scheme is None or not host or _excluded(feed_url, settings):
        return None
    port = str(settings.value("proxy/proxyPort", "") or "")
    user = str(settings.value("proxy/proxyUser", "") or "")
    password = str(settings.value("proxy/proxyPassword", "") or "")
    protect(password)
    credentials = f"{quote(user, safe='')}:{quote(password, safe='')}@" if user else ""
    address = f"{scheme}://{credentials}{host}" + (f":{port}" if port and port != "0" else "")
    return {"http": address, "https": address}


def _excluded(feed_url: str, settings: QgsSettings) -> bool:
    """QGIS's "no proxy for" list: URL prefixes separated by ``|``."""
    excluded = settings.value("proxy/proxyExcludedUrls", "") or ""
    if isinstance(excluded, (list, tuple)):
        excluded = "|".join(excluded)
    return any(prefix and feed_url.startswith(prefix.strip()) for prefix in str(excluded).split("|"))


def cache_directory() -> Path:
    """Where the cell list is cached: the QGIS profile's cache folder."""
    return Path(QgsApplication.qgisSettingsDirPath()) / "cache" / "druktemeter"


def connection_options(value: Callable[[str], Any]) -> dict[str, Any]:
    """The transport options for the feed that ``value`` names (``PluginSettings().value`` or the dialog's).

    Call on the main thread: the token is read from the QGIS auth database here
    (it may ask for the master password). Build anew when a ``feed/*`` setting changes.
    """
    url = str(value("feed/url") or "").strip()
    return {
        "token_provider": token_provider(value("feed/authcfg") or ""),
        "connect_timeout": value("feed/connect_timeout_s"),
        "read_timeout": value("feed/read_timeout_s"),
        "verify_tls": value("feed/verify_tls"),
        "proxies": proxies_for(url),
    }


def feed_reader(value: Callable[[str], Any]) -> Optional[HttpFeedReader]:
    """The reader for the configured feed (``value`` is ``PluginSettings().value``); None without a URL."""
    url = str(value("feed/url") or "").strip()
    if not url:
        return None
    return HttpFeedReader(url, cache_dir=cache_directory(), **connection_options(value))
