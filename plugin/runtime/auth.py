"""The feed token, taken from a QGIS authentication configuration.

The settings keep only the configuration's id (``feed/authcfg``); the token
itself stays encrypted in the QGIS authentication database. Supported methods:
"Esri token" (its ``token``) and "Basic" (the password is the token; the user
name is ignored), the two a GIS specialist can create in QGIS 3.22 for a bearer
token.

The token is read once, on the calling (main) thread: reading it may make QGIS
ask for the master password, and that dialog must never be waited for from the
poller's thread while the main thread waits for the poller (deadlock on unload).
Create a new provider (and reader) when the settings change.
"""

from __future__ import annotations

import logging
from typing import Callable, Optional

from qgis.core import QgsApplication, QgsAuthMethodConfig

LOGGER = logging.getLogger("druktemeter.auth")

TOKEN_KEYS = {"EsriToken": "token", "Basic": "password"}


def read_token(authcfg: str) -> Optional[str]:
    """The token stored under ``authcfg``, or None (logged, without the token) when there is none."""
    if not authcfg:
        return None
    config = QgsAuthMethodConfig()
    loaded, config = QgsApplication.authManager().loadAuthenticationConfig(authcfg, config, True)
    if not loaded or not config.isValid():
        LOGGER.warning(
            "Authentication configuration %s could not be read; the feed is asked without a token.", authcfg
        )
        return None
    key = TOKEN_KEYS.get(config.method())
    token = config.config(key) if key else ""
    if not token:
        LOGGER.warning(
            "Authentication configuration %s (method %s) holds no token; "
            "use the method 'Esri token' or 'Basic'.",
            authcfg,
            config.method(),
        )
        return None
    return token


def token_provider(authcfg: str) -> Callable[[], Optional[str]]:
    """A callable for :class:`~..feed.client.HttpFeedReader`; the token lives only in its closure."""
    token = read_token(authcfg)

    def provide() -> Optional[str]:
        return token

    return provide
