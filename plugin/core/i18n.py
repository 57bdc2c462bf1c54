"""Translation hook shared by pure and QGIS-facing code.

Pure modules cannot import Qt, yet their messages reach operators. They call
:func:`tr` with an English literal; once the plugin loads it installs Qt's
translator here, so the same call returns Dutch when QGIS runs in Dutch. The
literal is what ``scripts/i18n.py`` extracts into ``i18n/druktemeter_nl.ts``.

Counts in text use :func:`tr_n` with Qt's ``%n`` plural forms: the ``.ts`` holds
one ``<numerusform>`` per plural form of the target language ("%n melding",
"%n meldingen"). The English source marks its plural ending with ``(s)``
("%n open alert(s)"); English output drops it for one and writes ``s`` otherwise,
so no English translation file is needed.
"""

from __future__ import annotations

from typing import Callable

CONTEXT = "Druktemeter"
ENGLISH_PLURAL_MARK = "(s)"

_translate: Callable[..., str] | None = None
_format_number: Callable[[float], str] | None = None


def install(translate: Callable[..., str] | None) -> None:
    """Route :func:`tr` through ``translate(context, text)`` and :func:`tr_n` through
    ``translate(context, text, disambiguation, n)`` (``QCoreApplication.translate``);
    ``None`` restores English."""
    global _translate
    _translate = translate


def install_numbers(format_number: Callable[[float], str] | None) -> None:
    """Route :func:`number` through the user's locale (``1.047`` in Dutch); ``None`` restores plain."""
    global _format_number
    _format_number = format_number


def number(value: float) -> str:
    """A count or threshold for text that pure code writes: in the user's locale once installed,
    else plain (``1047``, ``2.5``)."""
    if _format_number is not None:
        return _format_number(value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def tr(text: str) -> str:
    """Return ``text`` in the user's language (English when no translator is installed)."""
    if _translate is None:
        return text
    return _translate(CONTEXT, text)


def english_plural(text: str, n: int) -> str:
    """``"%n open alert(s)"`` for ``n``: "1 open alert", "3 open alerts"."""
    return text.replace("%n", str(n)).replace(ENGLISH_PLURAL_MARK, "" if n == 1 else "s")


def tr_n(text: str, n: int) -> str:
    """``text`` with ``%n`` replaced by ``n`` in the plural form the user's language needs."""
    if _translate is None:
        return english_plural(text, n)
    translated = _translate(CONTEXT, text, None, n)
    if translated == text.replace("%n", str(n)):  # no translation: Qt only filled in the number
        return english_plural(text, n)
    return translated
