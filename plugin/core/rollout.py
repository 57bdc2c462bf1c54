"""Roll-out: the whole configuration of one workstation as one JSON file for every other.

The file::

    {"format": "druktemeter_config", "schema_version": 1,
     "exported_at": "2026-11-25T22:00:00Z", "settings": {"feed/url": "...", ...}}

holds exactly the keys marked ``exported`` in ``config.py``. Tokens are never in
it: the feed token lives in the QGIS authentication database and only the id of
that configuration (``feed/authcfg``) is exported; each workstation needs an
auth configuration with that id. Reading validates the whole file first and
raises :class:`RolloutError` (with every problem, in words) before anything is
applied, so a broken or foreign file leaves the current configuration untouched.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Union

from . import strict_json
from .config import SETTINGS, validate
from .files import open_private
from .i18n import tr

FORMAT_MARKER = "druktemeter_config"
SCHEMA_VERSION = 1
MAX_FILE_BYTES = 1_000_000  # a configuration is a few kilobytes; anything larger is not one


class RolloutError(Exception):
    """A configuration file that cannot be imported; ``str()`` says why, translated."""


def exported_keys() -> list[str]:
    return [key for key, setting in SETTINGS.items() if setting.exported]


def export_document(values: Mapping[str, Any], now: datetime) -> dict:
    """The roll-out document for ``values`` (a value per exported key, e.g. from PluginSettings)."""
    return {
        "format": FORMAT_MARKER,
        "schema_version": SCHEMA_VERSION,
        "exported_at": now.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "settings": {key: values[key] for key in exported_keys()},
    }


def write_file(path: Union[str, os.PathLike], values: Mapping[str, Any], now: datetime) -> None:
    text = json.dumps(export_document(values, now), ensure_ascii=False, indent=2)
    with open_private(path, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")


def read_file(path: Union[str, os.PathLike]) -> dict[str, Any]:
    """The validated settings in a roll-out file; raises :class:`RolloutError`."""
    try:
        if os.path.getsize(path) > MAX_FILE_BYTES:
            raise RolloutError(tr("This file is too large to be a Druktemeter configuration."))
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RolloutError(tr("The file could not be read: {0}").format(error)) from error
    return parse_document(text)


def parse_document(text: str) -> dict[str, Any]:
    """The validated settings in a roll-out document's text; raises :class:`RolloutError`."""
    try:
        document = strict_json.loads(text)
    except strict_json.DuplicateKeyError as error:
        raise RolloutError(
            tr("The file names '{0}' twice, so it could be read in two ways; remove one of them.").format(
                error.key[:80]
            )
        ) from error
    except ValueError as error:
        raise RolloutError(
            tr("The file is not valid JSON (line {0}); it may be damaged or incomplete.").format(
                getattr(error, "lineno", "?")
            )
        ) from error
    if not isinstance(document, dict) or document.get("format") != FORMAT_MARKER:
        raise RolloutError(tr("This is not a Druktemeter configuration file."))
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise RolloutError(tr("The configuration file has no valid schema version."))
    if version > SCHEMA_VERSION:
        raise RolloutError(
            tr("This configuration was made by a newer Druktemeter (schema {0}); update the plugin.").format(
                version
            )
        )
    settings = document.get("settings")
    if not isinstance(settings, dict):
        raise RolloutError(tr("The configuration file contains no settings."))
    problems = _problems(settings)
    if problems:
        raise RolloutError(
            tr("The configuration was not imported; nothing was changed.") + "\n" + "\n".join(problems)
        )
    return dict(settings)


def _problems(settings: Mapping[str, Any]) -> list[str]:
    expected = exported_keys()
    problems = [tr("Unknown setting: {0}").format(key) for key in settings if key not in expected]
    problems += [tr("Missing setting: {0}").format(key) for key in expected if key not in settings]
    for key in expected:
        if key in settings:
            message = validate(key, settings[key])
            if message:
                problems.append(f"{key}: {message}")
    return problems


def weakened_security(current: Mapping[str, Any], imported: Mapping[str, Any]) -> list[str]:
    """What importing ``imported`` over ``current`` would weaken, in words (empty: nothing).

    The settings dialog asks for explicit confirmation before it fills the form
    with such a file, as it asks when the user unticks certificate checking.
    """
    weakened = []
    if current.get("feed/verify_tls", True) and not imported.get("feed/verify_tls", True):
        weakened.append(tr("It turns off checking the feed's certificate (TLS)."))
    url = str(imported.get("feed/url", ""))
    if url.lower().startswith("http://") and url != current.get("feed/url"):
        weakened.append(tr("It connects to the feed without encryption (http://): {0}").format(url))
    return weakened
