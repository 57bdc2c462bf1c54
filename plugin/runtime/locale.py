"""The user's language and how dates, times and numbers are written in it.

QGIS keeps two settings: the interface language (``locale/userLocale`` when
overridden) and the number/date format (Qt's default ``QLocale``, from
``locale/globalLocale``, often the system's English). A Dutch interface with
English dates reads as ``Sun 07-02``: the plugin writes dates and numbers in the
default locale when it speaks the interface language, else in the interface's own.
"""

from __future__ import annotations

from datetime import datetime

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QDate, QDateTime, QLocale, QTime


def ui_locale_name() -> str:
    """The locale QGIS's interface runs in (its override setting first), e.g. ``nl_NL``."""
    settings = QgsSettings()
    name = QLocale().name()
    if settings.value("locale/overrideFlag", False, type=bool):
        name = settings.value("locale/userLocale", name) or name
    return str(name)


def user_language() -> str:
    """The two-letter language QGIS runs in."""
    return ui_locale_name()[:2]


def plugin_locale() -> QLocale:
    """The locale for dates and numbers: QGIS's format locale if it is in the interface language."""
    default = QLocale()
    if default.name()[:2] == user_language():
        return default
    return QLocale(ui_locale_name())


def _qt_local(moment: datetime) -> QDateTime:
    local = moment.astimezone()
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second))


DATE_TIME = "dd-MM-yyyy HH:mm"  # as Dutch control rooms write it, whatever the format locale


def date_time_text(moment: datetime, pattern: str = DATE_TIME) -> str:
    """``moment`` in local time as a Qt ``pattern`` ("ddd dd-MM HH:mm"), day and month names in the
    user's language."""
    return plugin_locale().toString(_qt_local(moment), pattern)


def time_text(moment: datetime) -> str:
    """The local clock time, ``14:15``."""
    return plugin_locale().toString(_qt_local(moment).time(), "HH:mm")


def number_in_locale(value: float) -> str:
    """What pure code's ``i18n.number`` writes once the plugin runs: whole numbers grouped,
    others with the decimals they need (``2,5``)."""
    if float(value).is_integer():
        return number_text(value)
    return plugin_locale().toString(float(value), "g", 6)


def number_text(value: float, decimals: int = 0) -> str:
    """``1.047`` / ``5,0`` in Dutch, ``1,047`` / ``5.0`` in English."""
    locale = plugin_locale()
    if decimals == 0:
        return locale.toString(round(value))
    return locale.toString(float(value), "f", decimals)
