"""Structural rules: pure packages import no QGIS, the root __init__ only holds
classFactory, and the venv never shadows the run-time libraries QGIS ships.
(Qt only through qgis.PyQt, and everything else PyQt6 needs: test_qt6.py.)"""

from __future__ import annotations

import ast
import os
import subprocess
import sys

from conftest import _PACKAGE_PARENT, REPO_ROOT

PURE_PACKAGES = ("core", "feed", "simulator")
PLUGIN_DIR = REPO_ROOT / "plugin"


def test_pure_packages_import_without_qgis_or_qt():
    modules = [
        "druktemeter.plugin." + ".".join(p.relative_to(PLUGIN_DIR).with_suffix("").parts)
        for package in PURE_PACKAGES
        for p in (PLUGIN_DIR / package).rglob("*.py")
        if p.name != "__main__.py"
    ]
    code = (
        "import sys\n"
        "for blocked in ('qgis', 'PyQt5', 'PyQt6', 'sip'):\n"
        "    sys.modules[blocked] = None\n"
        "import importlib\n"
        f"for name in {[m.removesuffix('.__init__') for m in modules]!r}:\n"
        "    importlib.import_module(name)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(_PACKAGE_PARENT)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr


def test_root_init_only_holds_class_factory():
    tree = ast.parse((REPO_ROOT / "__init__.py").read_text())
    names = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert names == ["classFactory"] and imports == []


def test_runtime_libraries_come_from_debian_not_the_venv():
    import requests
    import shapely

    for module in (shapely, requests):
        assert module.__file__.startswith("/usr/lib/python3/dist-packages/"), module.__file__
