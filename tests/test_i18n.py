"""The Dutch translation: complete for every source string, compiled, and loaded at run time."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO_ROOT
from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

sys.path.insert(0, str(REPO_ROOT / "scripts"))
import i18n as i18n_tool

QM = REPO_ROOT / "i18n" / "druktemeter_nl.qm"


def test_every_source_string_has_a_finished_dutch_translation():
    strings = i18n_tool.source_strings()
    assert "Druktemeter" in strings
    assert i18n_tool.missing(strings, i18n_tool.read_translations()) == []


def test_ts_file_is_up_to_date_with_the_source():
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "i18n.py"), "check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_compiled_qm_translates_a_known_string():
    translator = QTranslator()
    assert translator.load(str(QM)), f"{QM} missing: run make translations"
    QCoreApplication.installTranslator(translator)
    try:
        text = QCoreApplication.translate("Druktemeter", "Show the Druktemeter crowd map panel")
        assert text == "Toon het Druktemeter-paneel met de drukte-kaart"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_plugin_speaks_dutch_when_qgis_does(iface, monkeypatch):
    import druktemeter

    settings = QgsSettings()
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "nl_NL")
    try:
        instance = druktemeter.classFactory(iface)
        instance.initGui()
        assert instance.action.toolTip() == "Toon het Druktemeter-paneel met de drukte-kaart"
        instance.unload()
    finally:
        settings.remove("locale/overrideFlag")
        settings.remove("locale/userLocale")
    english = druktemeter.classFactory(iface)
    english.initGui()
    assert english.action.toolTip() == "Show the Druktemeter crowd map panel"
    english.unload()
