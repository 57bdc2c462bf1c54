"""The feed token, taken from a QGIS authentication configuration.

The settings keep only the configuration's id (``feed/authcfg``); the token
itself stays encrypted in the QGIS authentication database. Supported methods:

- "API Header" (QGIS 3.24 and later): the header ``Authorization`` with the
  value ``Bearer <token>`` (the value may also be the token alone); other
  headers of the configuration are ignored;
- "Esri token" (its ``token``) and "Basic" (the password is the token; the user
  name is ignored): the two a GIS specialist can create in QGIS 3.22.

The token is checked when read (``feed/transport.clean_token``): the spaces and
line breaks a paste adds around it are dropped; whitespace or control
characters inside make it unusable, said in words that never hold the token.
A token read is registered with the log's redacting filter.

The token is read once, on the calling (main) thread: reading it may make QGIS
ask for the master password, and that dialog must never be waited for from the
poller's thread while the main thread waits for the poller (deadlock on unload).
Create a new provider (and reader) when the settings change.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Callable, Optional

from qgis.core import QgsApplication, QgsAuthMethodConfig

from ..feed.errors import FeedTokenError
from ..feed.transport import clean_token
from .log import protect

LOGGER = logging.getLogger("druktemeter.auth")

API_HEADER = "APIHeader"  # the method's key in QGIS
AUTHORIZATION = "authorization"
TOKEN_KEYS = {"EsriToken": "token", "Basic": "password"}


def api_header_available() -> bool:
    """Whether this QGIS offers the "API Header" method (3.24 and later)."""
    return API_HEADER in QgsApplication.authManager().authMethodsKeys()


def read_token(authcfg: str) -> Optional[str]:
    """The token stored under ``authcfg``, or None (logged, without the token) when there is none.

    Raises :class:`~..feed.errors.FeedTokenError` when the stored text cannot be a token.
    """
    if not authcfg:
        return None
    config = QgsAuthMethodConfig()
    loaded, config = QgsApplication.authManager().loadAuthenticationConfig(authcfg, config, True)
    if not loaded or not config.isValid():
        LOGGER.warning(
            "Authentication configuration %s could not be read; the feed is asked without a token.", authcfg
        )
        return None
    stored = _stored_token(config)
    if stored:
        protect(stored.strip())  # before the check: a refused token is still a secret
    token = clean_token(stored)
    if not token:
        LOGGER.warning(
            "Authentication configuration %s (method %s) holds no token; "
            "use the method 'API Header', 'Esri token' or 'Basic'.",
            authcfg,
            config.method(),
        )
    return token


def token_provider(authcfg: str) -> Callable[[], Optional[str]]:
    """A callable for the feed transport; the token lives only in its closure.

    An unusable token is said once in the log and then by every request, which
    fails with :class:`~..feed.errors.FeedTokenError` instead of being sent.
    """
    try:
        token = read_token(authcfg)
    except FeedTokenError as error:
        LOGGER.warning("Authentication configuration %s: %s; it is not sent.", authcfg, error.detail)
        reason = error.reason

        def refuse() -> Optional[str]:
            raise FeedTokenError(reason)

        return refuse

    def provide() -> Optional[str]:
        return token

    return provide


def _stored_token(config: QgsAuthMethodConfig) -> str:
    if config.method() == API_HEADER:
        return bearer_from_headers(config.configMap())
    key = TOKEN_KEYS.get(config.method())
    return config.config(key) if key else ""


def bearer_from_headers(headers: Mapping[str, str]) -> str:
    """The token in an API Header configuration's ``Authorization`` value ("" when there is none)."""
    value = next((v for k, v in headers.items() if k.strip().lower() == AUTHORIZATION), "")
    scheme, _, credentials = str(value).strip().partition(" ")
    if not credentials:
        return scheme  # the token alone
    if scheme.lower() != "bearer":
        raise FeedTokenError("scheme")
    return credentials
