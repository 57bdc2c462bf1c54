"""A stub QGIS ``iface`` (named so: the real QgisApp cannot be embedded in pytest).

It wraps pytest-qgis's interface, really docks widgets into its main window and
records every action, menu entry and dock the plugin adds, so a test can assert
that ``unload()`` removed each one.
"""

from __future__ import annotations


class RecordingIface:
    def __init__(self, inner) -> None:
        self._inner = inner
        self.toolbar_actions: list = []
        self.menu_actions: list = []
        self.docks: list = []
        self.messages: list[tuple[str, str]] = []

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def addToolBarIcon(self, action) -> None:  # noqa: N802
        self.toolbar_actions.append(action)

    def removeToolBarIcon(self, action) -> None:  # noqa: N802
        self.toolbar_actions.remove(action)

    def addPluginToMenu(self, menu: str, action) -> None:  # noqa: N802
        self.menu_actions.append((menu, action))

    def removePluginMenu(self, menu: str, action) -> None:  # noqa: N802
        self.menu_actions.remove((menu, action))

    def addDockWidget(self, area, dock) -> None:  # noqa: N802
        self._inner.mainWindow().addDockWidget(area, dock)
        self.docks.append(dock)

    def removeDockWidget(self, dock) -> None:  # noqa: N802
        self._inner.mainWindow().removeDockWidget(dock)
        self.docks.remove(dock)

    def close(self) -> None:
        for dock in list(self.docks):
            self.removeDockWidget(dock)
        self._inner.messageBar().clearWidgets()  # the next test starts with an empty message bar
