"""metadata.txt is complete for the official plugin repository and is the one source of the version."""

from __future__ import annotations

REQUIRED = (
    "name", "description", "about", "version", "author", "email", "repository", "tracker", "homepage",
    "tags", "category", "icon", "qgisminimumversion", "qgismaximumversion", "supportsqt6", "changelog",
)  # fmt: skip


def test_metadata_has_every_field_the_plugin_repository_needs(plugin_metadata):
    missing = [key for key in REQUIRED if not plugin_metadata.get(key, "").strip()]
    assert missing == []
    assert plugin_metadata["name"] == "Druktemeter"
    assert plugin_metadata["qgisminimumversion"] == "3.22"
    assert plugin_metadata["supportsqt6"] == "True"


def test_icon_named_in_metadata_exists(plugin_metadata):
    from conftest import REPO_ROOT

    assert (REPO_ROOT / plugin_metadata["icon"]).is_file()


def test_code_reads_its_version_from_metadata(plugin_metadata):
    from druktemeter.plugin.core import metadata

    assert metadata.version() == plugin_metadata["version"]
    assert metadata.user_agent().startswith(f"Druktemeter/{plugin_metadata['version']}")


def test_the_qgis_4_promise_stands_on_the_qt6_check_and_the_readme_says_how(plugin_metadata):
    """QGIS 4 is Qt 6 only: promising it needs supportsQt6, which only the Qt6 check backs (no Qt 6 QGIS
    runs here), and the README must say so."""
    from conftest import REPO_ROOT

    if int(plugin_metadata["qgismaximumversion"].split(".")[0]) >= 4:
        assert plugin_metadata["supportsqt6"] == "True"
    if plugin_metadata["supportsqt6"] == "True":
        assert (REPO_ROOT / "tests" / "test_qt6.py").is_file()
        readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
        assert "4.x (Qt 6)" in readme and "tests/test_qt6.py" in readme
