"""Druktemeter plugin code.

Pure logic (no QGIS): core/, feed/, simulator/. QGIS-facing: mapping/, runtime/, gui/, processing/.
"""
