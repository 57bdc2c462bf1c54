"""Which places name the cells: the bundled ones in demo mode, the GIS specialist's file when live.

A places file is read on the main thread when the feed starts; a national file of
a few thousand places reads in milliseconds, and it is read again only when it
changed (path, size or modification time), not on every restart of the feed.
"""

from __future__ import annotations

import functools
import logging
import os

from ..core.places import Place, PlaceFinder, PlacesError, read_places
from ..simulator.geography import demo_places
from .settings import PluginSettings

LOGGER = logging.getLogger("druktemeter.places")


def place_finder(settings: PluginSettings, demo: bool) -> PlaceFinder:
    """Demo: the bundled towns and spots; live: ``places/file`` when set (a bad file is logged
    and leaves cells named only by the feed)."""
    if demo:
        return PlaceFinder(_bundled())
    path = settings.value("places/file")
    if not path:
        return PlaceFinder(())
    try:
        status = os.stat(path)
        return PlaceFinder(_read(path, status.st_size, status.st_mtime_ns))
    except OSError as error:
        LOGGER.warning("%s", PlacesError(path, error.strerror or type(error).__name__).user_message())
    except PlacesError as error:
        LOGGER.warning("%s", error.user_message())
    return PlaceFinder(())


@functools.lru_cache(maxsize=1)
def _bundled() -> tuple[Place, ...]:
    return tuple(demo_places())


@functools.lru_cache(maxsize=2)
def _read(path: str, _size: int, _modified_ns: int) -> tuple[Place, ...]:
    """The file's places; the size and time are part of the cache key, so a changed file is read anew."""
    return tuple(read_places(path))
