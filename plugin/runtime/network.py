"""The proxy of QGIS (Settings → Options → Network) as a ``requests`` proxies mapping.

Government networks often allow the internet only through a proxy; the plugin
uses the same one QGIS uses. The ``proxy/*`` keys are those QGIS's own network
manager (``QgsNetworkAccessManager``) reads. "Default proxy" means the
system's proxy, which ``requests`` already takes from the environment.
The mapping can hold the proxy password: never log it.
"""

from __future__ import annotations

from typing import Optional
from urllib.parse import quote

from qgis.core import QgsSettings

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
    credentials = f"{quote(user, safe='')}:{quote(password, safe='')}@" if user else ""
    address = f"{scheme}://{credentials}{host}" + (f":{port}" if port and port != "0" else "")
    return {"http": address, "https": address}


def _excluded(feed_url: str, settings: QgsSettings) -> bool:
    """QGIS's "no proxy for" list: URL prefixes separated by ``|``."""
    excluded = settings.value("proxy/proxyExcludedUrls", "") or ""
    if isinstance(excluded, (list, tuple)):
        excluded = "|".join(excluded)
    return any(prefix and feed_url.startswith(prefix.strip()) for prefix in str(excluded).split("|"))
