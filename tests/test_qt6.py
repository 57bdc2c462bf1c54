"""Qt6 / QGIS 4 readiness: the rules of QGIS's pyqt5_to_pyqt6 migration script
(see qt6_rules.py) find nothing in the tree, and find what is planted."""

from __future__ import annotations

import shutil

import pytest
from conftest import REPO_ROOT
from qt6_rules import check_source, check_tree, scoped_name

HEADER = (
    "from qgis.PyQt.QtCore import Qt, QVariant, QDateTime, QDate\n"
    "from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QSizePolicy\n"
    "from qgis.PyQt.QtGui import QFontMetrics, QPainter\n"
    "from qgis.PyQt import QtCore\n"
    "from qgis.core import Qgis, QgsField, QgsWkbTypes, QgsProcessing\n"
)


def findings_in(body: str) -> list[str]:
    return [finding.message for finding in check_source(HEADER + body, "planted.py")]


def test_the_tree_has_nothing_that_breaks_under_pyqt6():
    assert [str(finding) for finding in check_tree(REPO_ROOT)] == []


def test_a_planted_qvariant_type_unscoped_enum_and_exec_fail_the_check_on_a_copy_of_the_tree(tmp_path):
    copy = tmp_path / "druktemeter"
    shutil.copytree(REPO_ROOT / "plugin", copy / "plugin", ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "__init__.py").write_text("")
    fields = copy / "plugin" / "mapping" / "crowd_layer.py"
    fields.write_text(
        fields.read_text()
        + "\n\ndef planted():\n"
        + "    from qgis.PyQt.QtCore import QVariant\n"
        + "    from qgis.PyQt.QtWidgets import QDialog, QMessageBox\n"
        + "    QgsField('cell_id', QVariant.Type.String)\n"
        + "    QDialog().exec_()\n"
        + "    return QMessageBox.Yes\n"
    )
    messages = [str(finding) for finding in check_tree(copy, folders=("plugin",))]
    assert len(messages) == 3, messages
    assert "QVariant.Type" in messages[0]
    assert "exec_" in messages[1]
    assert "QMessageBox.StandardButton.Yes" in messages[2]
    assert all(m.startswith("plugin/mapping/crowd_layer.py:") for m in messages)


@pytest.mark.parametrize(
    "body, expected",
    [
        ("QgsField('n', QVariant.Type.String)", "QVariant.Type"),
        ("QgsField('n', QVariant.Int)", "QVariant.Int"),
        ("x = QVariant()", "qgis.core.NULL"),
        ("x = QVariant(QVariant.Int)", "qgis.core.NULL"),
        ("QDialog().exec_()", "use exec()"),
        ("class D(QDialog):\n    def exec_(self):\n        pass", "def exec_"),
        ("from PyQt5.QtCore import Qt", "through qgis.PyQt"),
        ("import sip", "through qgis.PyQt"),
        ("from qgis.PyQt.Qt import Qt", "qgis.PyQt.Qt is gone"),
        ("from qgis.PyQt.QtCore import QRegExp", "QRegularExpression"),
        ("from qgis.PyQt.QtWidgets import qApp", "QApplication.instance()"),
        ("from . import resources_rc", "resources_rc"),
        ("w = QFontMetrics(font).width('x')", "horizontalAdvance"),
        ("m = QFontMetrics(font)\nw = m.width('x')", "horizontalAdvance"),
        ("w = widget.fontMetrics().width('x')", "horizontalAdvance"),
        ("combo.activated[str].connect(f)", "textActivated"),
        ("d = QDateTime(2024, 1, 2, 3, 4, 5, 6, Qt.TimeSpec.UTC)", "QDateTime(QDate, QTime, spec)"),
        ("d = QDateTime(QDate(2024, 1, 2))", "QTime(0, 0)"),
        ("menu.addAction(icon, 'Text', receiver, slot)", "make the QAction"),
        ("r = app.desktop()", "QScreen"),
        ("b = Qt.MidButton", "Qt.MouseButton.MiddleButton"),
        ("h = QPainter.HighQualityAntialiasing", "QPainter.RenderHint.Antialiasing"),
        ("a = Qt.AlignLeft", "Qt.AlignmentFlag.AlignLeft"),
        ("a = QtCore.Qt.AlignRight", "Qt.AlignmentFlag.AlignRight"),
        ("a = Qgis.Warning", "Qgis.MessageLevel.Warning"),
        ("import qgis.core\na = qgis.core.Qgis.Critical", "Qgis.MessageLevel.Critical"),
        ("import qgis.core as core\na = core.Qgis.Info", "Qgis.MessageLevel.Info"),
        ("a = QgsWkbTypes.PolygonGeometry", "QgsWkbTypes.GeometryType."),
        ("a = QMessageBox.Yes", "QMessageBox.StandardButton.Yes"),
        ("a = QDialogButtonBox.Ok", "QDialogButtonBox.StandardButton.Ok"),
        ("a = QSizePolicy.Expanding", "QSizePolicy.Policy.Expanding"),
        ("a = QgsProcessing.TypeVectorPolygon", "QgsProcessing.SourceType."),
    ],
)
def test_each_rule_of_the_migration_script_fires_on_its_planted_example(body, expected):
    messages = findings_in(body)
    assert any(expected in message for message in messages), messages


@pytest.mark.parametrize(
    "body",
    [
        "a = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop",
        "a = Qgis.MessageLevel.Warning",
        "a = QMessageBox.StandardButton.Yes",
        "a = QSizePolicy.Policy.Expanding",
        "a = QgsWkbTypes.GeometryType.PolygonGeometry",
        "QDialog().exec()",
        "from qgis.PyQt import sip",
        "a = QgsField.__name__",
    ],
)
def test_qt6_clean_code_passes(body):
    assert findings_in(body) == []


def test_enums_are_found_by_introspecting_the_running_qt_and_qgis():
    from qgis.core import Qgis
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtWidgets import QSizePolicy

    assert scoped_name(Qt, "AlignLeft") == "Qt.AlignmentFlag.AlignLeft"
    assert scoped_name(Qgis, "Critical") == "Qgis.MessageLevel.Critical"
    assert scoped_name(QSizePolicy, "Fixed") == "QSizePolicy.Policy.Fixed"
    assert scoped_name(Qt.AlignmentFlag, "AlignLeft") is None  # already scoped
    assert scoped_name(Qt, "AlignmentFlag") is None  # the enum itself
    assert scoped_name(Qgis, "QGIS_VERSION") is None  # not an enum
