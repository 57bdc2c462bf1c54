"""Structural rules: pure packages import no QGIS, the root __init__ only holds
classFactory, and the venv never shadows the run-time libraries QGIS ships.
(Qt only through qgis.PyQt, and everything else PyQt6 needs: test_qt6.py.)"""

from __future__ import annotations

import ast
import os
import subprocess
import sys

from conftest import _PACKAGE_PARENT, REPO_ROOT

PURE_PACKAGES = ("core", "feed", "simulator", "service")
# What each pure package may import from the plugin: the reference service sits on top
# (it serves the simulator over the contract); feed is the contract and the client only.
MAY_IMPORT = {
    "core": set(),
    "feed": {"core"},
    "simulator": {"core", "feed"},
    "service": {"core", "feed", "simulator"},
}
PLUGIN_DIR = REPO_ROOT / "plugin"


def plugin_sources():
    return sorted(PLUGIN_DIR.rglob("*.py"))


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


def plugin_imports(path, text: str = "") -> set[str]:
    """The plugin packages (``core``, ``feed``…) a module imports, relative or absolute."""
    package = ["plugin", *path.relative_to(PLUGIN_DIR).parent.parts]
    found = set()
    for node in ast.walk(ast.parse(text or path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            if node.module:
                candidates = [[*base, *node.module.split(".")]]
            else:
                candidates = [[*base, alias.name] for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            candidates = [node.module.split(".")]
        elif isinstance(node, ast.Import):
            candidates = [alias.name.split(".") for alias in node.names]
        else:
            continue
        for parts in candidates:
            parts = parts[1:] if parts[:2] == ["druktemeter", "plugin"] else parts
            if parts[0] == "plugin" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_pure_packages_import_only_the_layers_below():
    offenders = []
    for package, allowed in MAY_IMPORT.items():
        for path in sorted((PLUGIN_DIR / package).rglob("*.py")):
            for imported in plugin_imports(path) - allowed - {package}:
                offenders.append(f"{path.relative_to(REPO_ROOT)} imports plugin.{imported}")
    assert offenders == []


def test_the_import_rule_sees_upward_imports():
    """The rule above can fail: ``feed/__main__`` once imported the simulator."""
    upward = (
        "from ..simulator import x\nfrom ..service.server import y\n"
        + "from .. import core\nfrom . import contract\n"
    )
    assert plugin_imports(PLUGIN_DIR / "feed" / "x.py", upward) == {"simulator", "service", "core", "feed"}
    absolute = "import druktemeter.plugin.service\nfrom druktemeter.plugin.simulator import y\nimport json\n"
    assert plugin_imports(PLUGIN_DIR / "feed" / "x.py", absolute) == {"service", "simulator"}


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


def test_every_http_request_goes_through_the_one_transport():
    """Proxy, TLS, token, redirect and size rules live in feed/transport.py; nothing else in the
    plugin may make a request. (The reference service in plugin/service/ answers requests.)"""
    clients = ("requests", "urllib3", "http.client", "urllib.request")
    offenders = []
    for path in plugin_sources():
        if path == PLUGIN_DIR / "feed" / "transport.py" or PLUGIN_DIR / "service" in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            if any(name == client or name.startswith(client + ".") for name in names for client in clients):
                offenders.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno}")
    assert offenders == []
