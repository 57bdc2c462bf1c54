"""The settings dialog with qtbot: inline validation, live apply, TLS confirmation, region,
roll-out export -> import through the dialog, and never a token in an export."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import datetime, timezone

import pytest
from conftest import _PACKAGE_PARENT
from druktemeter.plugin.core.config import SETTINGS
from druktemeter.plugin.core.rollout import exported_keys, write_file
from druktemeter.plugin.feed.probe import PROBE_DEADLINE_S
from druktemeter.plugin.gui.feed_probe import ProbeAnswer
from druktemeter.plugin.gui.settings_dialog import SettingsDialog
from druktemeter.plugin.runtime.settings import PREFIX, PluginSettings
from druktemeter.plugin.service.server import ReferenceServer
from feed_fakes import FakeFeedSource
from qgis.core import QgsSettings
from qgis.gui import QgsMapCanvas, QgsMapMouseEvent
from qgis.PyQt.QtCore import QEvent, QPoint, Qt, QTimer
from qgis.PyQt.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from test_mapping_region import write_regions_gpkg


@pytest.fixture
def settings():
    """The plugin's settings, reset to the declared defaults before and after each test."""

    def reset():
        store = QgsSettings()
        for key in SETTINGS:
            store.remove(PREFIX + key)

    reset()
    yield PluginSettings()
    reset()


@pytest.fixture
def dialog(qtbot, settings):
    widget = SettingsDialog(settings)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def ok_button(dialog: SettingsDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_the_form_shows_the_current_settings(qtbot, settings):
    settings.set_value("feed/url", "https://drukte.example.nl")
    settings.set_value("alerts/count_threshold", 2500)
    form = SettingsDialog(settings)
    qtbot.addWidget(form)
    assert form.url_edit.text() == "https://drukte.example.nl"
    assert form.values()["alerts/count_threshold"] == 2500
    assert form.tls_box.isChecked() and form.tls_warning.isHidden()


def test_an_invalid_field_shows_its_message_and_disables_ok(qtbot, dialog):
    qtbot.keyClicks(dialog.url_edit, "feed.example.nl")
    message = dialog.fields["feed/url"].message
    assert message.isVisible() and message.text().startswith("Enter a web address that starts with http://")
    assert not ok_button(dialog).isEnabled() and not dialog.export_button.isEnabled()
    dialog.url_edit.setText("https://feed.example.nl")
    assert not message.isVisible() and ok_button(dialog).isEnabled()


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("map/band_edges", "15,150,50", "Each band edge must be larger than the one before it."),
        ("map/band_edges", "5,50", "The lowest band edge must be at least 15"),
        ("feed/poll_seconds", 5, "Choose between 10 and 3600 seconds."),
        ("alerts/clear_ratio", 0.0, "Choose a ratio between 0.1 and 1.0."),
        ("history/retention_days", 0, "Keep history between 1 and 31 days."),
        ("feed/url", "http://drukte.example.nl", "Use https:// for a feed on another computer"),
        ("feed/url", "https://user:pw@drukte.example.nl", "Remove the user name and password"),
        ("feed/url", "https://drukte.example.nl/v1?token=abc", "Remove the token or key from the address"),
    ],
)
def test_field_validation(dialog, key, value, message):
    dialog.fields[key].write(value)
    assert dialog.fields[key].message.text().startswith(message)
    assert not ok_button(dialog).isEnabled()


def test_ok_writes_through_plugin_settings_so_changes_apply_live(qtbot, dialog, settings):
    changed = []
    settings.changed.connect(changed.append)
    dialog.fields["alerts/count_threshold"].write(1800)
    dialog.fields["map/band_edges"].write("20,80,300")
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert sorted(changed) == ["alerts/count_threshold", "map/band_edges"]
    assert settings.value("alerts/count_threshold") == 1800
    assert settings.value("map/band_edges") == "20,80,300"


def test_cancel_changes_nothing(qtbot, dialog, settings):
    dialog.fields["alerts/count_threshold"].write(1800)
    dialog.reject()
    assert settings.value("alerts/count_threshold") == 1000


def answer_message_box(button: QMessageBox.StandardButton, seen: list) -> None:
    """Click ``button`` in the confirmation box as soon as it is open (a user's click)."""

    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        box.button(button).click()

    QTimer.singleShot(20, click)


def test_turning_tls_verification_off_asks_first_and_then_warns(qtbot, dialog):
    seen = []
    answer_message_box(QMessageBox.StandardButton.No, seen)
    qtbot.mouseClick(dialog.tls_box, Qt.MouseButton.LeftButton)
    assert dialog.tls_box.isChecked() and dialog.tls_warning.isHidden()
    answer_message_box(QMessageBox.StandardButton.Yes, seen)
    qtbot.mouseClick(dialog.tls_box, Qt.MouseButton.LeftButton)
    assert not dialog.tls_box.isChecked() and dialog.tls_warning.isVisible()
    assert len(seen) == 2 and "intercepted" in seen[0]
    assert dialog.values()["feed/verify_tls"] is False


def test_region_from_a_layer_feature_is_checked_inline(tmp_path, dialog):
    source = write_regions_gpkg(tmp_path / "regions.gpkg")
    dialog.source_edit.setText(source)
    dialog.expression_edit.setText("\"statnaam\" = 'Twente'")
    assert dialog.region_message.text().startswith("No feature in the region layer matches")
    assert not ok_button(dialog).isEnabled()
    dialog.expression_edit.setText("\"statnaam\" = 'Brabant-Noord'")
    assert dialog.region_message.text() == "The region layer and feature were found."
    assert ok_button(dialog).isEnabled()


def test_the_region_is_checked_again_only_when_a_region_field_changes(qtbot, tmp_path, dialog):
    source = write_regions_gpkg(tmp_path / "regions.gpkg")
    dialog.source_edit.setText(source)
    assert dialog.region_message.text() == "The region layer and feature were found."
    (tmp_path / "regions.gpkg").unlink()  # gone: only a new check can notice
    qtbot.keyClicks(dialog.url_edit, "https://feed.example.nl")
    assert dialog.region_message.text() == "The region layer and feature were found."
    dialog.expression_edit.setText("\"statnaam\" = 'Brabant-Noord'")
    assert dialog.region_message.text().startswith("The region layer could not be opened")


def test_region_drawn_on_the_map_through_the_dialog(qtbot, settings):
    canvas = QgsMapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(300, 300)
    canvas.show()
    form = SettingsDialog(settings, canvas=canvas)
    qtbot.addWidget(form)
    form.show()
    form.drawn_mode.setChecked(True)
    assert form.region_message.text() == "No region drawn yet: use Draw on map."
    assert not ok_button(form).isEnabled()
    qtbot.mouseClick(form.draw_button, Qt.MouseButton.LeftButton)
    assert form.isHidden() and canvas.mapTool() is form.region_tool
    for x, y, button in ((50, 50, "L"), (250, 50, "L"), (250, 250, "L"), (250, 250, "R")):
        mouse = Qt.MouseButton.LeftButton if button == "L" else Qt.MouseButton.RightButton
        event = QgsMapMouseEvent(canvas, QEvent.Type.MouseButtonRelease, QPoint(x, y), mouse, mouse)
        canvas.mapTool().canvasReleaseEvent(event)
    assert form.isVisible() and form.region_tool is None
    assert form.values()["region/wkt"].startswith("Polygon")
    qtbot.mouseClick(ok_button(form), Qt.MouseButton.LeftButton)
    assert settings.value("region/wkt").startswith("Polygon") and settings.value("region/source") == ""


def test_export_then_import_through_the_dialog_round_trips(qtbot, tmp_path, settings):
    source = write_regions_gpkg(tmp_path / "regions.gpkg")
    first = SettingsDialog(settings)
    qtbot.addWidget(first)
    edits = {
        "feed/url": "https://drukte.example.nl/api",
        "feed/poll_seconds": 90,
        "region/name": "Brabant-Noord",
        "region/source": source,
        "region/feature_expression": "\"statnaam\" = 'Brabant-Noord'",
        "alerts/count_threshold": 2200,
        "alerts/density_per_km2": 350.0,
        "alerts/sound": True,
        "map/band_edges": "25,100,400",
        "history/retention_days": 14,
    }
    for key, value in edits.items():
        first.fields[key].write(value)
    path = str(tmp_path / "rollout.json")
    first.export_to(path)
    assert "Configuration exported" in first.rollout_message.text()
    first.reject()  # the exporting station keeps its own settings

    second = SettingsDialog(settings)  # another workstation, still on defaults
    qtbot.addWidget(second)
    assert second.import_from(path)
    assert "press OK to apply" in second.rollout_message.text()
    assert settings.value("alerts/count_threshold") == 1000  # nothing applied before OK
    qtbot.mouseClick(ok_button(second), Qt.MouseButton.LeftButton)
    assert {key: settings.value(key) for key in edits} == edits


def test_an_imported_auth_configuration_id_is_kept_even_when_missing_here(qtbot, tmp_path, settings):
    first = SettingsDialog(settings)
    qtbot.addWidget(first)
    first.fields["feed/authcfg"].write("abc1234")
    path = str(tmp_path / "rollout.json")
    first.export_to(path)
    second = SettingsDialog(settings)
    qtbot.addWidget(second)
    second.show()
    assert second.import_from(path)
    assert second.values()["feed/authcfg"] == "abc1234"
    assert second.auth_note.isVisible()
    assert "abc1234 does not exist on this workstation" in second.auth_note.text()
    qtbot.mouseClick(ok_button(second), Qt.MouseButton.LeftButton)  # a note, not an error: OK applies
    assert settings.value("feed/authcfg") == "abc1234"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"format": "druktemeter_config", "schema_version": 1, "settings": {"feed/url": ', "not valid JSON"),
        ('{"type": "FeatureCollection", "features": []}', "This is not a Druktemeter configuration file."),
        ('{"format": "druktemeter_config", "schema_version": 1, "settings": {}}', "Missing setting"),
    ],
)
def test_a_refused_import_leaves_form_and_settings_untouched(tmp_path, dialog, settings, content, reason):
    dialog.fields["alerts/count_threshold"].write(1234)
    before = dialog.values()
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    assert not dialog.import_from(str(path))
    assert reason in dialog.rollout_message.text()
    assert dialog.values() == before
    assert settings.value("alerts/count_threshold") == 1000


def test_test_connection_reports_in_words_without_blocking(qtbot, dialog):
    """The probe here is a named fake (the real probe is tested against a loopback server)."""

    def fake_probe(target):
        assert target.base_url == "https://drukte.example.nl" and target.verify_tls is True
        assert target._deadline == PROBE_DEADLINE_S
        return ProbeAnswer(problem="login", status=401)

    dialog.probe = fake_probe
    dialog.test_connection()
    assert dialog.test_result.text() == "Enter a valid feed address first."
    dialog.url_edit.setText("https://drukte.example.nl")
    dialog.test_connection()
    assert not dialog.test_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=5000)
    assert dialog.test_result.text().startswith("The feed refused the login (401)")


EXPORT_WITH_AUTHCFG = textwrap.dedent(
    """
    import sys
    from qgis.core import QgsApplication, QgsAuthMethodConfig
    app = QgsApplication([], False)
    app.initQgis()
    manager = QgsApplication.authManager()
    assert manager.setMasterPassword("test-master-password", True)
    config = QgsAuthMethodConfig("EsriToken")
    config.setName("drukte feed")
    config.setConfig("token", "SECRET-TOKEN-4711")
    assert manager.storeAuthenticationConfig(config)[0]
    from druktemeter.plugin.runtime.settings import PluginSettings
    from druktemeter.plugin.gui.settings_dialog import SettingsDialog
    from druktemeter.plugin.runtime.auth import read_token
    assert read_token(config.id()) == "SECRET-TOKEN-4711"
    settings = PluginSettings()
    settings.set_value("feed/url", "https://drukte.example.nl")
    settings.set_value("feed/authcfg", config.id())
    dialog = SettingsDialog(settings)
    dialog.export_to(sys.argv[1])
    print(config.id())
    app.exitQgis()
    """
)


def test_an_export_never_holds_the_token_even_with_an_auth_configuration(tmp_path):
    """Runs in its own QGIS profile, so its auth database and master password are throw-away."""
    target = tmp_path / "rollout.json"
    env = {
        **os.environ,
        "PYTHONPATH": str(_PACKAGE_PARENT),
        "QGIS_CUSTOM_CONFIG_PATH": str(tmp_path / "profile"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    result = subprocess.run(
        [sys.executable, "-c", EXPORT_WITH_AUTHCFG, str(target)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    authcfg = result.stdout.strip().splitlines()[-1]
    text = target.read_text(encoding="utf-8")
    assert "SECRET-TOKEN-4711" not in text
    assert json.loads(text)["settings"]["feed/authcfg"] == authcfg


def test_test_connection_against_the_reference_service(qtbot, dialog):
    server = ReferenceServer(FakeFeedSource(n_cells=3), rate_limit=None)
    server.start()
    try:
        dialog.url_edit.setText(server.url)
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=10_000)
    finally:
        server.stop()
    assert dialog.test_result.text().startswith("Connected. Provider: Fake Telecom. Latest interval ends ")


def test_a_safety_region_is_chosen_by_name_first_and_saved(qtbot, dialog):
    combo = dialog.safety_combo
    assert combo.count() == 26 and dialog.safety_mode.isChecked()  # "none chosen" + the 25
    combo.setCurrentIndex(combo.findData("Zeeland"))
    assert dialog.safety_mode.isChecked()
    assert "Zeeland" in dialog.region_message.text() and "CBS" in dialog.region_message.text()
    values = dialog.values()
    assert (
        values["region/safety_region"] == "Zeeland" and values["region/source"] == values["region/wkt"] == ""
    )
    dialog.layer_mode.setChecked(True)
    assert dialog.values()["region/safety_region"] == ""


def test_drawing_shows_its_instructions_on_the_map_until_done(qtbot, qgis_iface):
    from druktemeter.plugin.gui.region_tool import drawing_hint
    from druktemeter.plugin.runtime.settings import PluginSettings

    canvas = qgis_iface.mapCanvas()
    dialog = SettingsDialog(PluginSettings(), canvas)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start_drawing()
    assert dialog.drawing_banner is not None and dialog.drawing_banner.text() == drawing_hint()
    assert dialog.drawing_banner.parent() is canvas and not dialog.drawing_banner.isHidden()
    dialog.set_drawn_region("POLYGON((5 51, 6 51, 6 52, 5 51))")
    assert dialog.drawing_banner is None and dialog.isVisible()
    dialog.reject()


def test_the_places_file_is_checked_when_chosen(tmp_path, dialog):
    good = tmp_path / "places.json"
    good.write_text(json.dumps({"places": [{"name": "Oss", "lon": 5.53, "lat": 51.76}]}))
    dialog.places_edit.setText(str(good))
    assert dialog.revalidate()
    dialog.places_edit.setText(str(tmp_path / "absent.json"))
    assert not dialog.revalidate() and "cannot be read" in dialog.fields["places/file"].message.text()
    dialog.places_edit.setText("")
    assert dialog.revalidate()


def test_numbers_in_the_form_follow_a_dutch_interface(qtbot):
    """Not "5.0 s" in a Dutch QGIS whose number format is still English."""
    from druktemeter.plugin.runtime.settings import PluginSettings
    from qgis.core import QgsSettings
    from qgis.PyQt.QtCore import QLocale
    from qgis.PyQt.QtWidgets import QDoubleSpinBox

    settings = QgsSettings()
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "nl_NL")
    try:
        dialog = SettingsDialog(PluginSettings())
        qtbot.addWidget(dialog)
        spins = [w for w in dialog.findChildren(QDoubleSpinBox) if w.suffix().strip() == "s"]
        assert spins and all(spin.locale().language() == QLocale.Language.Dutch for spin in spins)
        assert "5,0" in spins[0].text()
    finally:
        settings.remove("locale/overrideFlag")
        settings.remove("locale/userLocale")


def write_rollout(tmp_path, settings, **changes) -> str:
    """A roll-out file from this workstation's settings with ``changes`` (keys with ``__`` for ``/``)."""
    values = {key: settings.value(key) for key in exported_keys()}
    values.update({key.replace("__", "/"): value for key, value in changes.items()})
    path = tmp_path / "rollout.json"
    write_file(path, values, datetime.now(timezone.utc))
    return str(path)


def test_importing_a_file_that_turns_tls_off_or_uses_http_asks_first(qtbot, tmp_path, dialog):
    path = write_rollout(tmp_path, dialog.settings, feed__verify_tls=False, feed__url="http://127.0.0.1:8765")
    seen = []
    answer_message_box(QMessageBox.StandardButton.No, seen)
    assert not dialog.import_from(path)
    assert dialog.values()["feed/verify_tls"] is True and dialog.values()["feed/url"] == ""
    assert "nothing was changed" in dialog.rollout_message.text()
    assert "certificate" in seen[0] and "http://127.0.0.1:8765" in seen[0]
    answer_message_box(QMessageBox.StandardButton.Yes, seen)
    assert dialog.import_from(path)
    assert dialog.values()["feed/verify_tls"] is False and dialog.tls_warning.isVisible()


def test_a_safe_import_asks_nothing(tmp_path, dialog):
    path = write_rollout(tmp_path, dialog.settings, feed__url="https://drukte.example.nl")
    assert dialog.import_from(path)  # a message box here would block the test: none is opened


@pytest.mark.parametrize(
    "url",
    ["http://drukte.example.nl/v1", "https://meldkamer:geheim@drukte.example.nl", "https://x.nl/?api_key=1"],
)
def test_an_import_with_an_unsafe_address_is_refused(tmp_path, dialog, url):
    path = write_rollout(tmp_path, dialog.settings, feed__url=url)
    assert not dialog.import_from(path)
    assert "feed/url" in dialog.rollout_message.text() and dialog.values()["feed/url"] == ""


def test_texts_from_a_file_are_shown_as_text(tmp_path, dialog):
    path = tmp_path / "rollout.json"
    path.write_text('{"format": "druktemeter_config", "schema_version": 1, "settings": {"<b>x</b>": 1}}')
    assert not dialog.import_from(str(path))
    assert "<b>x</b>" in dialog.rollout_message.text()
    assert dialog.rollout_message.textFormat() == Qt.TextFormat.PlainText
    assert dialog.test_result.textFormat() == Qt.TextFormat.PlainText
    assert all(field.message.textFormat() == Qt.TextFormat.PlainText for field in dialog.fields.values())
