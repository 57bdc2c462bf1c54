"""Loading, showing and unloading the plugin through classFactory with a stub iface."""

from __future__ import annotations

import gc

from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QDockWidget


def test_init_gui_adds_one_toolbar_button_and_menu_entry(plugin, iface):
    assert iface.toolbar_actions == [plugin.action]
    assert [(menu, action.text()) for menu, action in iface.menu_actions] == [
        ("&Druktemeter", "Druktemeter"),
        ("&Druktemeter", "Druktemeter settings…"),
    ]
    assert plugin.action.isCheckable()
    assert not plugin.action.icon().isNull()


def test_action_opens_dock_with_explained_empty_state(plugin, iface, qtbot):
    plugin.action.trigger()
    dock = plugin.dock
    assert isinstance(dock, QDockWidget)
    assert iface.docks == [dock]
    qtbot.waitUntil(dock.isVisible)
    assert "demo" in dock.empty_label.text().lower()


def test_closing_dock_unchecks_action(plugin, qtbot):
    plugin.action.trigger()
    qtbot.waitUntil(plugin.dock.isVisible)
    plugin.dock.close()
    qtbot.waitUntil(lambda: not plugin.action.isChecked())


def test_unload_removes_everything(iface, qtbot):
    import druktemeter

    timers_before = _active_timers(iface)
    instance = druktemeter.classFactory(iface)
    instance.initGui()
    instance.action.trigger()
    dock = instance.dock
    instance.unload()
    assert iface.toolbar_actions == []
    assert iface.menu_actions == []
    assert iface.docks == []
    assert instance.dock is None and instance.action is None
    qtbot.waitUntil(lambda: _deleted(dock))
    assert _active_timers(iface) == timers_before


def test_load_unload_load_again(iface):
    import druktemeter

    for _ in range(2):
        instance = druktemeter.classFactory(iface)
        instance.initGui()
        instance.action.trigger()
        assert len(iface.docks) == 1
        instance.unload()
        gc.collect()
    assert iface.docks == [] and iface.toolbar_actions == []


def _active_timers(iface) -> set:
    """Python-created timers still running (C++-internal Qt timers are not tracked by gc)."""
    gc.collect()
    return {id(o) for o in gc.get_objects() if isinstance(o, QTimer) and not _deleted(o) and o.isActive()}


def _deleted(widget) -> bool:
    from qgis.PyQt import sip

    return sip.isdeleted(widget)
