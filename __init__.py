"""QGIS entry point for the Druktemeter plugin."""


def classFactory(iface):
    """Create the plugin instance; imports lazily so QGIS starts fast."""
    from .plugin.druktemeter import DruktemeterPlugin

    return DruktemeterPlugin(iface)
