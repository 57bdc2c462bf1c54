"""The GIS specialist's settings dialog: feed, region, alert rules, map bands, history; roll-out.

Every field is checked with ``core/config.validate`` as it changes and shows what
is wrong beside it; OK stays disabled while anything is invalid. OK writes through
:class:`PluginSettings`, whose ``changed`` signal lets the plugin apply the new
values without a restart. Export / Import write and read the roll-out file
(``core/rollout.py``); an import fills the form (nothing is applied before OK) and
a refused file leaves form and settings untouched.

Show the dialog with ``show()`` (not ``exec()``): "Draw on map" hides it while the
user draws on the canvas.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable, Optional

from qgis.core import QgsApplication, QgsMapLayer, QgsMapLayerProxyModel, QgsVectorLayer
from qgis.gui import QgsAuthConfigSelect, QgsMapCanvas, QgsMapLayerComboBox, QgsMapTool
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.config import SETTINGS, validate
from ..core.i18n import tr
from ..core.places import PlacesError, read_places
from ..core.rollout import RolloutError, exported_keys, read_file, weakened_security, write_file
from ..feed.probe import PROBE_DEADLINE_S, ProbeAnswer, probe_feed
from ..feed.transport import HttpTransport
from ..mapping.region import (
    RegionError,
    region_from_layer,
    region_from_safety_region,
    region_from_wkt,
    safety_region_names,
)
from ..runtime.background import BackgroundWork
from ..runtime.locale import plugin_locale
from ..runtime.network import connection_options
from ..runtime.settings import PluginSettings
from .canvas_banner import HINT_STYLE, CanvasBanner
from .feed_probe import ProbeThread, describe_answer
from .region_tool import RegionTool, drawing_hint
from .text import plain_label

ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5300; font-weight: bold;"
REGION_KEYS = (
    "region/safety_region",
    "region/wkt",
    "region/source",
    "region/provider",
    "region/feature_expression",
)


@dataclass
class _Field:
    """One setting's widget: how to read and write it, and where its message goes."""

    read: Callable[[], Any]
    write: Callable[[Any], None]
    message: QLabel


class SettingsDialog(QDialog):
    """Edits the declared settings; ``PluginSettings.changed`` fires for each value OK changes."""

    def __init__(
        self,
        settings: PluginSettings,
        canvas: Optional[QgsMapCanvas] = None,
        parent: Optional[QWidget] = None,
        probe: Callable[[HttpTransport], ProbeAnswer] = probe_feed,
        background: Optional[BackgroundWork] = None,
    ) -> None:
        super().__init__(parent)
        self.background = background or BackgroundWork()  # the plugin's: unload joins the test
        self.setWindowTitle(tr("Druktemeter settings"))
        self.settings = settings
        self.canvas = canvas
        self.probe = probe
        self.fields: dict[str, _Field] = {}
        self.other_values = {key: settings.value(key) for key in exported_keys()}  # keys not in the form
        self.region_tool: Optional[RegionTool] = None
        self.drawing_banner: Optional[CanvasBanner] = None
        self.previous_map_tool: Optional[QgsMapTool] = None
        self.probe_thread: Optional[ProbeThread] = None
        self.region_checked: Optional[tuple[tuple, Optional[str]]] = None  # (inputs, problem)
        self.places_checked: Optional[tuple[str, Optional[str]]] = None  # (path, problem)
        tabs = QTabWidget(self)
        tabs.addTab(self._feed_tab(), tr("Feed"))
        tabs.addTab(self._region_tab(), tr("Region"))
        tabs.addTab(self._alerts_tab(), tr("Alerts"))
        tabs.addTab(self._map_tab(), tr("Map and history"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.export_button = self.buttons.addButton(tr("Export…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = self.buttons.addButton(tr("Import…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setToolTip(
            tr("Save this configuration as a file to roll it out to other workstations")
        )
        self.import_button.setToolTip(tr("Fill this form from a configuration file; OK applies it"))
        self.rollout_message = plain_label(self)  # quotes the file: its keys, values and errors
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(self.rollout_message)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self.choose_export_file)
        self.import_button.clicked.connect(self.choose_import_file)
        self.load_values({key: settings.value(key) for key in SETTINGS})

    # ------------------------------------------------------------ building the form

    def _bind(self, form: QFormLayout, label: str, key: str, widget: QWidget, read, write, changed) -> None:
        message = plain_label(self)  # may quote a value read from a roll-out file
        message.setStyleSheet(ERROR_STYLE)
        message.hide()
        form.addRow(label, widget)
        form.addRow("", message)
        self.fields[key] = _Field(read, write, message)
        changed.connect(self._on_change)

    def _line(self, form: QFormLayout, label: str, key: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        self._bind(form, label, key, edit, edit.text, edit.setText, edit.textChanged)
        return edit

    def _int(self, form: QFormLayout, label: str, key: str, suffix: str = "") -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(-1, 10**8)  # wide on purpose: validate() explains the real limits
        spin.setLocale(plugin_locale())
        spin.setSuffix(suffix)
        self._bind(form, label, key, spin, spin.value, spin.setValue, spin.valueChanged)
        return spin

    def _float(
        self, form: QFormLayout, label: str, key: str, suffix: str = "", decimals: int = 1
    ) -> QDoubleSpinBox:
        spin = QDoubleSpinBox(self)
        spin.setRange(-1, 10**7)
        spin.setLocale(plugin_locale())  # "5,0 s" in Dutch
        spin.setDecimals(decimals)
        spin.setSuffix(suffix)
        self._bind(form, label, key, spin, spin.value, spin.setValue, spin.valueChanged)
        return spin

    def _check(self, form: QFormLayout, text: str, key: str) -> QCheckBox:
        box = QCheckBox(text, self)
        self._bind(form, "", key, box, box.isChecked, box.setChecked, box.toggled)
        return box

    def _feed_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.url_edit = self._line(form, tr("Feed address"), "feed/url", "https://")
        self.auth_select = QgsAuthConfigSelect(page)
        self.authcfg = ""  # kept apart: the picker forgets an id this workstation does not have yet
        self.auth_select.selectedConfigIdChanged.connect(self._on_auth_picked)
        self._bind(
            form,
            tr("Authentication"),
            "feed/authcfg",
            self.auth_select,
            lambda: self.authcfg,
            self._set_authcfg,
            self.auth_select.selectedConfigIdChanged,
        )
        self.auth_note = plain_label(page)
        self.auth_note.setStyleSheet(WARNING_STYLE)
        form.addRow("", self.auth_note)
        seconds = tr(" s")
        self._int(form, tr("Polling interval"), "feed/poll_seconds", seconds)
        self._float(form, tr("Connect timeout"), "feed/connect_timeout_s", seconds)
        self._float(form, tr("Read timeout"), "feed/read_timeout_s", seconds)
        self.tls_box = self._check(form, tr("Verify the feed's certificate (TLS)"), "feed/verify_tls")
        self.tls_box.clicked.connect(self._on_tls_clicked)
        self.tls_warning = QLabel(
            tr(
                "Certificate checking is off: anyone between this workstation and the feed could read "
                "the token or change the counts. Only for tests."
            ),
            page,
        )
        self.tls_warning.setStyleSheet(WARNING_STYLE)
        self.tls_warning.setWordWrap(True)
        form.addRow("", self.tls_warning)
        self.test_button = QPushButton(tr("Test connection"), page)
        self.test_result = plain_label(page)  # the provider's name, from the feed
        form.addRow(self.test_button, self.test_result)
        self.test_button.clicked.connect(self.test_connection)
        return page

    def _region_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.safety_mode = QRadioButton(tr("Safety region (veiligheidsregio)"), page)
        self.safety_combo = QComboBox(page)
        self.safety_combo.addItem(tr("None chosen (demo mode: Brabant-Noord)"), "")
        for name in safety_region_names():
            self.safety_combo.addItem(name, name)
        self.safety_combo.setToolTip(
            tr("Official boundaries 2025, © CBS, gebiedsindelingen 2025 (CC BY 4.0)")
        )
        form.addRow(self.safety_mode)
        form.addRow(tr("Safety region"), self.safety_combo)
        self.layer_mode = QRadioButton(tr("Boundary from a layer"), page)
        self.drawn_mode = QRadioButton(tr("Drawn on the map"), page)
        form.addRow(self.layer_mode)
        self.layer_combo = QgsMapLayerComboBox(page)
        self.layer_combo.setFilters(QgsMapLayerProxyModel.Filter.PolygonLayer)
        self.layer_combo.setAllowEmptyLayer(True)
        self.layer_combo.setLayer(None)
        form.addRow(tr("Layer in the project"), self.layer_combo)
        self.source_edit = self._line(form, tr("Layer file or source"), "region/source")
        browse = QPushButton(tr("Browse…"), page)
        form.addRow("", browse)
        self.provider_edit = self._line(form, tr("Data provider"), "region/provider")
        self.expression_edit = self._line(
            form, tr("Feature expression"), "region/feature_expression", "\"statnaam\" = 'Brabant-Noord'"
        )
        form.addRow(self.drawn_mode)
        self.draw_button = QPushButton(tr("Draw on map…"), page)
        self.draw_button.setEnabled(self.canvas is not None)
        self.drawn_wkt = ""
        form.addRow("", self.draw_button)
        self.region_message = plain_label(page)  # may quote a layer or file name: never markup
        self.region_message.setMinimumHeight(2 * self.region_message.fontMetrics().lineSpacing() + 4)
        form.addRow(self.region_message)  # full width, room for two lines: a wrapped message is not clipped
        self._line(
            form, tr("Region name"), "region/name", tr("e.g. Brabant-Noord (empty: the safety region's)")
        )
        self.layer_combo.layerChanged.connect(self._on_layer_chosen)
        browse.clicked.connect(self._browse_region_file)
        self.draw_button.clicked.connect(self.start_drawing)
        self.layer_mode.toggled.connect(self._on_change)
        self.safety_mode.toggled.connect(self._on_change)
        self.source_edit.textChanged.connect(self._on_source_typed)
        self.safety_combo.currentIndexChanged.connect(self._on_safety_region_chosen)
        return page

    def _on_source_typed(self, source: str) -> None:
        if source:
            self.layer_mode.setChecked(True)

    def _on_safety_region_chosen(self, _index: int) -> None:
        if self.safety_combo.currentData():
            self.safety_mode.setChecked(True)
        self.revalidate()

    def _alerts_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        hint = QLabel(
            tr("A rule set to 0 is off. Alerts come only from cells inside or overlapping the region.")
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        self._int(form, tr("Count threshold"), "alerts/count_threshold")
        self._float(form, tr("Density threshold"), "alerts/density_per_km2", tr(" per km²"), decimals=0)
        self._float(form, tr("Rise within one interval"), "alerts/rise_percent", " %", decimals=0)
        ratio = self._float(form, tr("Clears below (share of threshold)"), "alerts/clear_ratio", decimals=2)
        ratio.setSingleStep(0.05)
        self._int(form, tr("Cooldown after clearing"), "alerts/cooldown_minutes", tr(" min"))
        self._check(form, tr("Play a sound with a new alert"), "alerts/sound")
        return page

    def _map_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self._line(form, tr("Count band edges"), "map/band_edges", "15,50,150,500,1500")
        self._int(form, tr("Keep history for"), "history/retention_days", tr(" days"))
        self.places_edit = self._line(
            form, tr("Places file (names cells)"), "places/file", tr("optional: JSON or GeoJSON, see README")
        )
        places_browse = QPushButton(tr("Browse…"), page)
        form.addRow("", places_browse)
        places_browse.clicked.connect(self._browse_places_file)
        background = QComboBox(page)
        for style, words in (
            ("grijs", tr("grey")),
            ("standaard", tr("standard")),
            ("pastel", tr("pastel")),
            ("water", tr("water")),
        ):
            background.addItem(words, style)
        self._bind(
            form,
            tr("Background map (PDOK)"),
            "map/background_style",
            background,
            background.currentData,
            lambda style: background.setCurrentIndex(max(0, background.findData(style))),
            background.currentIndexChanged,
        )
        return page

    def _browse_places_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Places file"), "", tr("Places (*.json *.geojson);;All files (*)")
        )
        if path:
            self.places_edit.setText(path)

    # ------------------------------------------------------------ values

    def load_values(self, values: Mapping[str, Any]) -> None:
        """Fill the form (the region's drawn polygon and the keys without a field are kept aside)."""
        for key, value in values.items():
            if key in self.fields:
                self.fields[key].write(value)
            elif key in self.other_values:
                self.other_values[key] = value
        self.drawn_wkt = values.get("region/wkt", "")
        self.safety_combo.blockSignals(True)
        self.safety_combo.setCurrentIndex(
            max(0, self.safety_combo.findData(values.get("region/safety_region", "")))
        )
        self.safety_combo.blockSignals(False)
        if self.drawn_wkt:
            self.drawn_mode.setChecked(True)
        elif values.get("region/source"):
            self.layer_mode.setChecked(True)
        else:
            self.safety_mode.setChecked(True)
        self.tls_warning.setVisible(not self.tls_box.isChecked())
        self.revalidate()

    def values(self) -> dict[str, Any]:
        """Every exported setting as the form holds it now."""
        values = dict(self.other_values)
        values.update({key: field.read() for key, field in self.fields.items()})
        drawn, safety = self.drawn_mode.isChecked(), self.safety_mode.isChecked()
        values["region/wkt"] = self.drawn_wkt if drawn else ""
        values["region/safety_region"] = self.safety_combo.currentData() if safety else ""
        if drawn or safety:
            values["region/source"] = ""
        return values

    def _on_change(self, *_signal_arguments: Any) -> None:
        self.revalidate()

    def revalidate(self) -> bool:
        """Show each field's message; OK only while everything is valid. Returns validity."""
        values = self.values()
        valid = True
        for key, field in self.fields.items():
            message = validate(key, values[key])
            field.message.setText(message or "")
            field.message.setVisible(bool(message))
            valid = valid and not message
        places_problem = self._places_problem(values["places/file"])
        if places_problem:
            self.fields["places/file"].message.setText(places_problem)
            self.fields["places/file"].message.setVisible(True)
            valid = False
        region_problem = self._region_problem(values)
        self.region_message.setText(region_problem or self._region_summary(values))
        self.region_message.setStyleSheet(ERROR_STYLE if region_problem else "")
        valid = valid and not region_problem
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(valid)
        self.export_button.setEnabled(valid)
        return valid

    def _places_problem(self, path: str) -> Optional[str]:
        """What is wrong with the places file, read again only when its path changed."""
        if self.places_checked is None or self.places_checked[0] != path:
            try:
                problem = None if not path or read_places(path) else tr("The file holds no usable places.")
            except PlacesError as error:
                problem = error.user_message()
            self.places_checked = (path, problem)
        return self.places_checked[1]

    def _region_problem(self, values: Mapping[str, Any]) -> Optional[str]:
        """What is wrong with the region, checked again only when a region field changed
        (opening the layer on every keystroke elsewhere in the form would make typing lag)."""
        inputs = (
            self.drawn_mode.isChecked(),
            self.safety_mode.isChecked(),
            *(values[key] for key in REGION_KEYS),
        )
        if self.region_checked is None or self.region_checked[0] != inputs:
            self.region_checked = (inputs, self._check_region(values))
        return self.region_checked[1]

    def _check_region(self, values: Mapping[str, Any]) -> Optional[str]:
        try:
            if values["region/wkt"]:
                region_from_wkt(values["region/wkt"])
            elif values["region/safety_region"]:
                region_from_safety_region(values["region/safety_region"])
            elif self.drawn_mode.isChecked():
                return tr("No region drawn yet: use Draw on map.")
            elif values["region/source"]:
                region_from_layer(
                    values["region/source"], values["region/provider"], values["region/feature_expression"]
                )
        except RegionError as error:
            return str(error)
        return None

    @staticmethod
    def _region_summary(values: Mapping[str, Any]) -> str:
        if values["region/wkt"]:
            return tr("A region drawn on the map.")
        if values["region/source"]:
            return tr("The region layer and feature were found.")
        if values["region/safety_region"]:
            return tr("Safety region {0} (official boundary 2025, © CBS).").format(
                values["region/safety_region"]
            )
        return tr("No region set: no alerts will be raised, except in demo mode (Brabant-Noord).")

    def accept(self) -> None:
        if not self.revalidate():
            return
        for key, value in self.values().items():
            self.settings.set_value(key, value)
        super().accept()

    def done(self, result: int) -> None:
        self._stop_drawing()
        if self.probe_thread is not None:
            self.probe_thread.answered.disconnect(self._show_probe_result)
            self.probe_thread = None
        super().done(result)

    # ------------------------------------------------------------ TLS, region, connection

    def _set_authcfg(self, authcfg: str) -> None:
        self.auth_select.blockSignals(True)
        self.auth_select.setConfigId(authcfg)
        self.auth_select.blockSignals(False)
        self.authcfg = authcfg
        self._show_auth_note()

    def _on_auth_picked(self, authcfg: str) -> None:
        self.authcfg = authcfg
        self._show_auth_note()

    def _show_auth_note(self) -> None:
        missing = bool(self.authcfg) and self.authcfg not in QgsApplication.authManager().configIds()
        note = tr(
            "Authentication configuration {0} does not exist on this workstation yet. Create or import "
            "it (QGIS Options, Authentication) with this id; until then the feed is asked without a token."
        )
        self.auth_note.setText(note.format(self.authcfg) if missing else "")
        self.auth_note.setVisible(missing)

    def _on_tls_clicked(self, checked: bool) -> None:
        if not checked and not self.confirm_tls_off():
            self.tls_box.setChecked(True)
        self.tls_warning.setVisible(not self.tls_box.isChecked())

    def confirm_tls_off(self) -> bool:
        answer = QMessageBox.warning(
            self,
            tr("Turn off certificate checking?"),
            tr("Without certificate checking the token and the counts can be intercepted or altered. "
               "Turn it off only for a test feed. Continue?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def confirm_weaker_import(self, weakened: list[str]) -> bool:
        """Ask before a roll-out file makes the connection to the feed less safe."""
        text = tr("This configuration file makes the connection to the feed less safe:")
        question = tr("The token and the counts could be intercepted or altered. Import it anyway?")
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            tr("Import a less safe configuration?"),
            "\n".join([text, *("• " + reason for reason in weakened), "", question]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # the reasons quote the file's address
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _on_layer_chosen(self, layer: Optional[QgsMapLayer]) -> None:
        if isinstance(layer, QgsVectorLayer):
            self.fields["region/provider"].write(layer.providerType())
            self.source_edit.setText(layer.source())
            self.layer_mode.setChecked(True)

    def _browse_region_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("Region boundaries"),
            "",
            tr("Vector files (*.gpkg *.shp *.geojson *.json);;All files (*)"),
        )
        if path:
            self.fields["region/provider"].write("ogr")
            self.source_edit.setText(path)
            self.layer_mode.setChecked(True)

    def start_drawing(self) -> None:
        """Hide the dialog and let the user draw the region on the canvas."""
        if self.canvas is None:
            return
        self.region_tool = RegionTool(self.canvas)
        self.region_tool.polygonDrawn.connect(self.set_drawn_region)
        self.region_tool.cancelled.connect(self._stop_drawing)
        self.previous_map_tool = self.canvas.mapTool()
        self.canvas.setMapTool(self.region_tool)
        self.drawing_banner = CanvasBanner(self.canvas, drawing_hint(), HINT_STYLE, bottom=True)
        self.drawing_banner.show()
        self.hide()

    def set_drawn_region(self, wkt: str) -> None:
        self.drawn_wkt = wkt
        self.drawn_mode.setChecked(True)
        self._stop_drawing()
        self.revalidate()

    def _stop_drawing(self) -> None:
        if self.region_tool is None:
            return
        self.canvas.unsetMapTool(self.region_tool)
        if self.previous_map_tool is not None:
            self.canvas.setMapTool(self.previous_map_tool)
        self.region_tool.close()
        self.region_tool.deleteLater()
        self.region_tool = None
        if self.drawing_banner is not None:
            self.drawing_banner.remove()
            self.drawing_banner = None
        self.show()

    def test_connection(self) -> None:
        """Ask the feed for its health and metadata off the main thread; show the answer in words."""
        values = self.values()
        if validate("feed/url", values["feed/url"]) or not values["feed/url"]:
            self.test_result.setText(tr("Enter a valid feed address first."))
            return
        target = HttpTransport(
            values["feed/url"], deadline=PROBE_DEADLINE_S, **connection_options(values.get)
        )
        self.test_button.setEnabled(False)
        self.test_result.setText(tr("Asking the feed…"))
        self.probe_thread = ProbeThread(self.probe, target, self.background)
        self.probe_thread.answered.connect(self._show_probe_result)
        self.probe_thread.start()

    def _show_probe_result(self, answer: ProbeAnswer) -> None:
        self.probe_thread = None
        self.test_result.setText(describe_answer(answer))
        self.test_button.setEnabled(True)

    # ------------------------------------------------------------ roll-out

    def choose_export_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Export configuration"), "druktemeter-config.json", tr("Configuration files (*.json)")
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        try:
            write_file(path, self.values(), datetime.now(timezone.utc))
        except OSError as error:
            self._rollout_result(tr("The configuration could not be saved: {0}").format(error), failed=True)
            return
        self._rollout_result(tr("Configuration exported to {0}. It holds no token.").format(path))

    def choose_import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Import configuration"), "", tr("Configuration files (*.json);;All files (*)")
        )
        if path:
            self.import_from(path)

    def import_from(self, path: str) -> bool:
        """Fill the form from a roll-out file; a refused file changes nothing and says why."""
        try:
            values = read_file(path)
        except RolloutError as error:
            self._rollout_result(str(error), failed=True)
            return False
        weakened = weakened_security(self.values(), values)
        if weakened and not self.confirm_weaker_import(weakened):
            self._rollout_result(tr("The configuration was not imported; nothing was changed."), failed=True)
            return False
        self.load_values(values)
        self._rollout_result(tr("Configuration read from {0}. Check it and press OK to apply.").format(path))
        return True

    def _rollout_result(self, text: str, failed: bool = False) -> None:
        self.rollout_message.setText(text)
        self.rollout_message.setStyleSheet(ERROR_STYLE if failed else "")
