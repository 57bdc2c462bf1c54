"""Dates, day names and numbers in the interface's language, even when QGIS formats in English."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from druktemeter.plugin.core.model import CountsSnapshot, Interval, Trend
from druktemeter.plugin.runtime import locale
from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QLocale

SUNDAY = datetime(2027, 2, 7, 13, 15, tzinfo=timezone.utc)


@pytest.fixture
def dutch_interface():
    settings = QgsSettings()
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "nl_NL")
    previous = QLocale()
    QLocale.setDefault(
        QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    )  # QGIS's format locale
    yield
    QLocale.setDefault(previous)
    settings.remove("locale/overrideFlag")
    settings.remove("locale/userLocale")


def test_a_dutch_interface_writes_dutch_days_and_numbers_even_with_english_formats(dutch_interface):
    assert locale.user_language() == "nl"
    assert locale.plugin_locale().language() == QLocale.Language.Dutch
    assert locale.date_time_text(SUNDAY, "ddd dd-MM").startswith("zo")  # not "Sun"
    assert locale.number_text(1047) == "1.047"
    assert locale.number_text(5.0, 1) == "5,0"
    assert locale.date_time_text(SUNDAY).startswith("07-02-2027 ")


def test_the_format_locale_is_kept_when_it_speaks_the_interface_language():
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    try:
        assert locale.plugin_locale().name() == "en_GB"
        assert locale.number_text(1047) == "1,047"
        assert locale.date_time_text(SUNDAY, "dddd").startswith("Sun")
    finally:
        QLocale.setDefault(previous)


def test_pure_code_writes_numbers_in_the_locale_once_the_plugin_installs_it(dutch_interface):
    from druktemeter.plugin.core import i18n
    from druktemeter.plugin.core.alerts import AlertEngine, AlertRules

    assert i18n.number(1000) == "1000" and i18n.number(2.5) == "2.5"  # plain until installed
    i18n.install_numbers(locale.number_in_locale)
    try:
        assert i18n.number(1000) == "1.000" and i18n.number(2.5) == "2,5"
        engine = AlertEngine(AlertRules(count_threshold=1000), "Brabant-Noord")
        engine.set_region_cells(["a"], {})
        interval = Interval(SUNDAY - timedelta(minutes=15), SUNDAY)
        snapshot = CountsSnapshot(interval, 15, {"a": 1200}, {"a": Trend.UP})
        [raised] = engine.evaluate(snapshot, stale=False, now=SUNDAY)
        assert raised.rule == "count at or above 1.000"
    finally:
        i18n.install_numbers(None)
