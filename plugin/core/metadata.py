"""The plugin's own metadata.txt, read once: the single source of its version."""

from __future__ import annotations

import configparser
from functools import lru_cache
from pathlib import Path

PLUGIN_ROOT = Path(__file__).resolve().parents[2]


@lru_cache(maxsize=1)
def metadata() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(PLUGIN_ROOT / "metadata.txt", encoding="utf-8")
    return dict(parser["general"])


def version() -> str:
    return metadata()["version"]


def user_agent() -> str:
    return f"Druktemeter/{version()} (QGIS plugin)"
