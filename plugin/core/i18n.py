"""Translation hook shared by pure and QGIS-facing code.

Pure modules cannot import Qt, yet their messages reach operators. They call
:func:`tr` with an English literal; once the plugin loads it installs Qt's
translator here, so the same call returns Dutch when QGIS runs in Dutch. The
literal is what ``scripts/i18n.py`` extracts into ``i18n/druktemeter_nl.ts``.
"""

from __future__ import annotations

from typing import Callable

CONTEXT = "Druktemeter"

_translate: Callable[[str, str], str] | None = None


def install(translate: Callable[[str, str], str] | None) -> None:
    """Route :func:`tr` through ``translate(context, text)``; ``None`` restores English."""
    global _translate
    _translate = translate


def tr(text: str) -> str:
    """Return ``text`` in the user's language (English when no translator is installed)."""
    if _translate is None:
        return text
    return _translate(CONTEXT, text)
