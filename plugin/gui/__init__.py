"""Widgets: the dock and its panels, dialogs. Only these talk to the user directly."""
