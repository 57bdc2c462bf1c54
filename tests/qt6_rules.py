"""What breaks under PyQt6 / QGIS 4, found in Python source by its syntax tree.

The rules are those of QGIS's own migration script
(``scripts/pyqt5_to_pyqt6/pyqt5_to_pyqt6.py`` in the QGIS repository), written
here as checks rather than rewrites:

- ``QVariant.Int``, ``QVariant.Type.String``, ... (no ``QVariant.Type`` under PyQt6;
  field types go through ``plugin/mapping/fields.py``), ``QVariant()`` for NULL;
- unscoped enum values (``Qt.AlignLeft``, ``Qgis.Warning``, ``QMessageBox.Yes``):
  found by introspecting the Qt and QGIS classes the file imports, in the running
  QGIS, so every enum of every class counts, not a list someone keeps;
- enum values Qt 6 renamed away (``Qt.MidButton``, ``QPainter.HighQualityAntialiasing``, ...);
- ``exec_`` calls and definitions; ``PyQt5`` / ``PyQt6`` / ``sip`` imports
  (Qt comes through ``qgis.PyQt``); ``qgis.PyQt.Qt``; compiled ``resources_rc``;
- removed API: ``QRegExp``, ``qApp``, ``QDesktopWidget`` (``.desktop()``),
  ``QFontMetrics.width``, ``activated[str]``, the 8-argument ``QDateTime`` and
  ``QDateTime(QDate(...))``, ``addAction`` with a slot among 4+ arguments.
"""

from __future__ import annotations

import ast
import enum
import importlib
import inspect
from dataclasses import dataclass
from pathlib import Path

RENAMED_ENUMS = {
    ("Qt", "MidButton"): "Qt.MouseButton.MiddleButton",
    ("Qt", "TextColorRole"): "Qt.ItemDataRole.ForegroundRole",
    ("Qt", "BackgroundColorRole"): "Qt.ItemDataRole.BackgroundRole",
    ("QPainter", "HighQualityAntialiasing"): "QPainter.RenderHint.Antialiasing",
}
FORBIDDEN_MODULES = ("PyQt5", "PyQt6", "PySide2", "PySide6", "sip")
REMOVED_NAMES = {
    "QRegExp": "QRegExp is gone in Qt 6: use QRegularExpression (or Python's re)",
    "qApp": "qApp is gone in PyQt6: use QApplication.instance()",
    "QDesktopWidget": "QDesktopWidget is gone in Qt 6: use QScreen (QGuiApplication.screens())",
}
FONT_METRICS = ("QFontMetrics", "QFontMetricsF")
# QVariant attributes a file may use on purpose: the field-type helper's Qt5-only branch.
ALLOWED_QVARIANT = {("plugin/mapping/fields.py", "nameToType")}


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def is_enum_type(value) -> bool:
    """A Python enum (PyQt6, QGIS's own scoped enums) or a sip enum (PyQt5)."""
    return inspect.isclass(value) and (
        isinstance(value, enum.EnumMeta) or type(value).__name__ in ("enumtype", "EnumType")
    )


def scoped_name(owner, attr: str) -> str | None:
    """``Owner.Enum.attr`` when ``owner.attr`` is an enum value reached without its enum, else None."""
    if not inspect.isclass(owner) or is_enum_type(owner):
        return None
    try:
        value = getattr(owner, attr)
    except Exception:
        return None
    enum_type = type(value)
    if inspect.isclass(value) or not is_enum_type(enum_type):
        return None
    owner_name = owner.__name__
    for name in dir(owner):
        if name != attr and getattr(owner, name, None) is enum_type:
            member = attr if hasattr(enum_type, attr) else getattr(value, "name", attr)
            return f"{owner_name}.{name}.{member}"
    return f"{owner_name}.{enum_type.__name__}.{attr}"


class Resolver:
    """Objects behind the names a file imports from ``qgis`` (Qt through ``qgis.PyQt``)."""

    def __init__(self, tree: ast.AST):
        self.names: dict[str, object] = {}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.level == 0
                and (node.module or "").startswith("qgis")
            ):
                module = self._module(node.module)
                for alias in node.names:
                    if module is not None and hasattr(module, alias.name):
                        self.names[alias.asname or alias.name] = getattr(module, alias.name)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if not alias.name.startswith("qgis") or self._module(alias.name) is None:
                        continue
                    if alias.asname:
                        self.names[alias.asname] = self._module(alias.name)
                    else:  # "import qgis.core" binds "qgis"
                        self.names["qgis"] = self._module("qgis")

    @staticmethod
    def _module(name: str):
        try:
            return importlib.import_module(name)
        except ImportError:
            return None

    def resolve(self, node: ast.AST):
        if isinstance(node, ast.Name):
            return self.names.get(node.id)
        if isinstance(node, ast.Attribute):
            owner = self.resolve(node.value)
            return None if owner is None else getattr(owner, node.attr, None)
        return None


def dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return ""


def check_source(source: str, path: str) -> list[Finding]:
    """Every Qt6 / QGIS 4 breakage in ``source`` (the file at ``path``, relative to the repository)."""
    tree = ast.parse(source, filename=path)
    resolver = Resolver(tree)
    findings: list[Finding] = []

    def flag(node: ast.AST, message: str) -> None:
        findings.append(Finding(path, getattr(node, "lineno", 0), message))

    font_metrics_names = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
        if dotted(node.value.func) in FONT_METRICS
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            _check_import(node, flag)
        elif isinstance(node, ast.Attribute):
            _check_attribute(node, path, resolver, font_metrics_names, flag)
        elif isinstance(node, ast.Call):
            _check_call(node, flag)
        elif isinstance(node, ast.Name) and node.id in REMOVED_NAMES:
            flag(node, REMOVED_NAMES[node.id])
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "exec_":
            flag(node, "def exec_: name it exec (PyQt6 has no exec_)")
        elif isinstance(node, ast.Subscript) and _is_activated_str(node):
            flag(node, "activated[str] is gone in Qt 6: use textActivated")
    return sorted(set(findings), key=lambda f: (f.line, f.message))


def _check_import(node, flag) -> None:
    if isinstance(node, ast.ImportFrom):
        modules = [node.module or ""] if node.level == 0 else []
        names = [alias.name for alias in node.names]
    else:
        modules = [alias.name for alias in node.names]
        names = []
    for module in modules:
        if module.split(".")[0] in FORBIDDEN_MODULES:
            flag(node, f"import of {module}: import Qt through qgis.PyQt (sip: from qgis.PyQt import sip)")
        if module == "qgis.PyQt.Qt":
            flag(node, "qgis.PyQt.Qt is gone: import Qt from qgis.PyQt.QtCore")
    for name in names:
        if name in REMOVED_NAMES:
            flag(node, REMOVED_NAMES[name])
        if name == "resources_rc":
            flag(node, "compiled resources (resources_rc) are gone in Qt 6: load files by path")


def _check_attribute(node: ast.Attribute, path, resolver, font_metrics_names, flag) -> None:
    owner = dotted(node.value)
    if owner == "QVariant" and (path, node.attr) not in ALLOWED_QVARIANT:
        flag(node, f"QVariant.{node.attr}: no QVariant types under PyQt6; field types via mapping/fields.py")
        return
    renamed = RENAMED_ENUMS.get((owner, node.attr))
    if renamed:
        flag(node, f"{owner}.{node.attr} is gone in Qt 6: use {renamed}")
        return
    if node.attr == "exec_":
        flag(node, "exec_(): use exec() (PyQt6 has no exec_)")
        return
    if node.attr == "width" and _is_font_metrics(node.value, font_metrics_names):
        flag(node, "QFontMetrics.width() is gone in Qt 6: use horizontalAdvance()")
        return
    scoped = scoped_name(resolver.resolve(node.value), node.attr)
    if scoped:
        flag(node, f"unscoped enum {owner}.{node.attr}: write {scoped}")


def _is_font_metrics(node: ast.AST, font_metrics_names) -> bool:
    if isinstance(node, ast.Name):
        return node.id in font_metrics_names
    if isinstance(node, ast.Call):
        name = dotted(node.func)
        return name in FONT_METRICS or name.endswith(".fontMetrics") or name == "fontMetrics"
    return False


def _check_call(node: ast.Call, flag) -> None:
    name = dotted(node.func)
    if name == "QVariant" and (not node.args or dotted(node.args[0]).startswith("QVariant.")):
        flag(node, "QVariant() as NULL: use qgis.core.NULL")
    elif name == "QDateTime" and len(node.args) == 8:
        flag(
            node, "QDateTime(y, m, d, h, min, s, ms, spec) is gone in Qt 6: use QDateTime(QDate, QTime, spec)"
        )
    elif (
        name == "QDateTime" and len(node.args) == 1 and dotted(getattr(node.args[0], "func", None)) == "QDate"
    ):
        flag(node, "QDateTime(QDate(...)) is gone in Qt 6: use QDateTime(QDate(...), QTime(0, 0))")
    elif name.endswith(".addAction") and len(node.args) >= 4:
        flag(node, "addAction(icon, text, receiver, slot): make the QAction, then addAction(action)")
    elif name.endswith(".desktop") and not node.args:
        flag(node, "desktop() (QDesktopWidget) is gone in Qt 6: use QScreen")


def _is_activated_str(node: ast.Subscript) -> bool:
    return (
        isinstance(node.value, ast.Attribute)
        and node.value.attr == "activated"
        and isinstance(node.slice, ast.Name)
        and node.slice.id == "str"
    )


def check_tree(root: Path, folders=("plugin", "scripts", "tests", "bench")) -> list[Finding]:
    """Findings in every Python file under ``folders`` of the repository at ``root``."""
    findings: list[Finding] = []
    files = [root / "__init__.py"] + [p for folder in folders for p in sorted((root / folder).rglob("*.py"))]
    for file in files:
        if file.is_file():
            findings += check_source(file.read_text(encoding="utf-8"), file.relative_to(root).as_posix())
    return findings
