"""Which places name the cells: the bundled ones in demo mode, the GIS specialist's file when live."""

from __future__ import annotations

import logging

from ..core.places import PlaceFinder, PlacesError, read_places
from ..simulator.geography import demo_places
from .settings import PluginSettings

LOGGER = logging.getLogger("druktemeter.places")


def place_finder(settings: PluginSettings, demo: bool) -> PlaceFinder:
    """Demo: the bundled towns and spots; live: ``places/file`` when set (a bad file is logged
    and leaves cells named only by the feed)."""
    if demo:
        return PlaceFinder(demo_places())
    path = settings.value("places/file")
    if not path:
        return PlaceFinder(())
    try:
        return PlaceFinder(read_places(path))
    except PlacesError as error:
        LOGGER.warning("%s", error.user_message())
        return PlaceFinder(())
