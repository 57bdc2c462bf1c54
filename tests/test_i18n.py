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
    assert i18n_tool.missing(strings, i18n_tool.read_translations(), i18n_tool.plural_strings()) == []


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


def test_tr_n_english_plurals_without_a_translator():
    from druktemeter.plugin.core import i18n

    assert i18n.tr_n("%n open alert(s)", 1) == "1 open alert"
    assert i18n.tr_n("%n open alert(s)", 0) == "0 open alerts"
    assert i18n.tr_n("%n open alert(s)", 3) == "3 open alerts"


def test_plural_strings_are_numerus_messages_in_the_ts_and_dutch_through_qt(tmp_path):
    """The extractor writes numerus forms; lrelease compiles them; Qt picks the Dutch form by n."""
    from druktemeter.plugin.core import i18n

    plurals = i18n_tool.plural_strings()
    assert "%n open alert(s)" in plurals and "%n alert(s) not acknowledged" in plurals
    translations = i18n_tool.read_translations()
    assert translations["%n open alert(s)"] == (["%n openstaande melding", "%n openstaande meldingen"], True)
    assert i18n_tool.missing(i18n_tool.source_strings(), translations, plurals) == []
    # A plural with one Dutch form missing is not finished, and a plain string given as forms neither.
    ts = tmp_path / "partial.ts"
    strings = {"%n open alert(s)": "plugin/x.py:1", "Place": "plugin/x.py:2"}
    i18n_tool.write_ts(strings, {"%n open alert(s)": (["%n melding", ""], True)}, ts, {"%n open alert(s)"})
    assert i18n_tool.missing(strings, i18n_tool.read_translations(ts), {"%n open alert(s)"}) == [
        "%n open alert(s)",
        "Place",
    ]
    translator = QTranslator()
    assert translator.load(str(QM))
    QCoreApplication.installTranslator(translator)
    i18n.install(QCoreApplication.translate)
    try:
        assert i18n.tr_n("%n open alert(s)", 1) == "1 openstaande melding"
        assert i18n.tr_n("%n open alert(s)", 4) == "4 openstaande meldingen"
        assert i18n.tr_n("%n alert(s) not acknowledged", 1) == "1 melding niet bevestigd"
    finally:
        i18n.install(None)
        QCoreApplication.removeTranslator(translator)


def test_no_count_in_text_without_a_plural_form():
    """``tr("{0} alerts")`` reads "1 meldingen" in Dutch: counts go through ``tr_n``."""
    import re

    counted = re.compile(r"\{0\} (alerts?|cells?|records?|crowd alerts?)\b")
    assert [s for s in i18n_tool.source_strings() if counted.search(s)] == []
