"""Shared fixtures: the plugin imported as the package ``druktemeter`` whatever the
checkout folder is called, metadata checked against the running QGIS, and a
stub ``iface`` that records what the plugin adds so unload can be verified."""

from __future__ import annotations

import configparser
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# No timing in tests: Hypothesis's per-example deadline and its "input generation is slow"
# health check measure time, and on a busy CI machine they fail at random.
settings.register_profile("druktemeter", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("druktemeter")

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"

# Make the repository importable as the package QGIS would install: "druktemeter".
_PACKAGE_PARENT = Path(tempfile.mkdtemp(prefix="druktemeter-pkg-"))
(_PACKAGE_PARENT / "druktemeter").symlink_to(REPO_ROOT, target_is_directory=True)
sys.path.insert(0, str(_PACKAGE_PARENT))

from filesystems import FullFolder, ReadOnlyFolder  # noqa: E402
from stub_iface import RecordingIface  # noqa: E402


def version_int(text: str) -> int:
    parts = [int(p) for p in text.split(".")] + [0, 0]
    major, minor, patch = parts[:3]
    return major * 10000 + min(minor, 99) * 100 + min(patch, 99)


@pytest.fixture(scope="session")
def plugin_metadata() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(REPO_ROOT / "metadata.txt", encoding="utf-8")
    return dict(parser["general"])


@pytest.fixture(scope="session", autouse=True)
def metadata_matches_running_qgis(qgis_app, plugin_metadata):
    """Every test session runs only inside a QGIS the metadata says it supports."""
    from qgis.core import Qgis

    running = Qgis.QGIS_VERSION_INT
    assert version_int(plugin_metadata["qgisminimumversion"]) <= running, Qgis.QGIS_VERSION
    assert running <= version_int(plugin_metadata["qgismaximumversion"]) + 99, Qgis.QGIS_VERSION


@pytest.fixture(autouse=True)
def isolated_plugin_state(tmp_path, monkeypatch):
    """Each test starts from default settings and its own alert log and cache folder."""
    from druktemeter.plugin import druktemeter as plugin_module
    from druktemeter.plugin.core import alert_log
    from druktemeter.plugin.runtime.settings import LEGACY_GROUP, PREFIX
    from qgis.core import QgsSettings

    def forget_settings():
        QgsSettings().remove(PREFIX.rstrip("/"))
        QgsSettings().remove(LEGACY_GROUP)

    forget_settings()
    monkeypatch.setattr(plugin_module, "plugin_data_dir", lambda: tmp_path / "druktemeter-data")
    monkeypatch.setattr(alert_log, "default_rescue_folder", lambda: tmp_path / "rescued-alerts")
    yield
    forget_settings()


@pytest.fixture
def iface(qgis_iface):
    recording = RecordingIface(qgis_iface)
    qgis_iface.mainWindow().show()
    yield recording
    recording.close()


@pytest.fixture
def plugin(iface):
    """The plugin created through ``classFactory`` and started with ``initGui``."""
    import druktemeter

    instance = druktemeter.classFactory(iface)
    instance.initGui()
    yield instance
    instance.unload()


class FakeWall:
    """FAKE wall clock (monotonic seconds) that a test advances by hand; the simulator reads it."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        self.seconds += seconds


@pytest.fixture
def wall() -> FakeWall:
    return FakeWall()


@pytest.fixture
def shared_data() -> Path:
    """The real antenna data beside the checkout; skips the test when absent."""
    folder = SHARED_DATA / "antenneregister"
    if not (folder / "antennasNR.json").exists():
        pytest.skip(f"real antenna data not found at {folder} (read from ../shared/data, never committed)")
    return folder


@contextmanager
def _mounting(tmp_path, kind):
    """``make(prepare=None)`` mounts another ``kind`` folder; all are unmounted afterwards."""
    mounted = []

    def make(prepare=None):
        folder = kind(tmp_path / f"{kind.__name__.lower()}-{len(mounted)}", prepare)
        mounted.append(folder)
        return folder

    try:
        yield make
    finally:
        for folder in mounted:
            folder.close()


@pytest.fixture
def full_folder(tmp_path):
    """``full_folder(prepare=None)``: a real file system with no space left (tmpfs, needs root)."""
    with _mounting(tmp_path, FullFolder) as make:
        yield make


@pytest.fixture
def read_only_folder(tmp_path):
    """``read_only_folder(prepare=None)``: a real read-only file system, ``prepare`` writes it first."""
    with _mounting(tmp_path, ReadOnlyFolder) as make:
        yield make
