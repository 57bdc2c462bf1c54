"""Desktop smoke test: the real QGIS application under Xvfb, the plugin installed
from the built zip into a throwaway profile, checked through a screenshot."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import REPO_ROOT
from qgis.PyQt.QtGui import QImage

pytestmark = pytest.mark.desktop


@pytest.fixture(scope="module")
def plugin_zip(tmp_path_factory):
    target = tmp_path_factory.mktemp("dist") / "druktemeter-test.zip"
    subprocess.run([sys.executable, str(REPO_ROOT / "scripts" / "package.py"), str(target)], check=True)
    return target


def test_zip_has_druktemeter_top_folder_and_no_dev_files(plugin_zip):
    import zipfile

    names = zipfile.ZipFile(plugin_zip).namelist()
    assert all(n.startswith("druktemeter/") for n in names)
    assert "druktemeter/metadata.txt" in names and "druktemeter/i18n/druktemeter_nl.qm" in names
    assert not [n for n in names if "/tests/" in n or n.endswith((".ts", "Makefile", ".pyc"))]


def test_real_qgis_loads_plugin_from_zip_and_shows_dock(plugin_zip, tmp_path):
    snapshot = tmp_path / "desktop.png"
    command = [
        sys.executable, str(REPO_ROOT / "scripts" / "qgis_desktop.py"),
        "--zip", str(plugin_zip), "--demo", "--snapshot", str(snapshot), "--timeout", "90",
    ]  # fmt: skip
    completed = subprocess.run(command, capture_output=True, text=True, timeout=240)
    report = json.loads(snapshot.with_suffix(".json").read_text())
    assert completed.returncode == 0, (report, completed.stderr[-2000:])
    assert report["plugin_loaded"] and report["python_errors"] == []
    assert report["dock_visible"]
    image = QImage(str(snapshot))
    assert (image.width(), image.height()) == tuple(report["window_size"])
    x, y, w, h = report["dock_geometry"]
    dock_colours = {image.pixel(px, py) for px in range(x, x + w, 7) for py in range(y, y + min(h, 80), 3)}
    assert len(dock_colours) > 2, "the dock area of the screenshot is blank: nothing was drawn there"
