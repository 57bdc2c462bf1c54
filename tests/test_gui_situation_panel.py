"""The Situation summary: one line each, busy cells as links that zoom, names never markup."""

from __future__ import annotations

from druktemeter.plugin.core.model import Trend
from druktemeter.plugin.core.situation import BusyCell
from druktemeter.plugin.gui.situation_panel import SituationPanel, busy_line
from druktemeter.plugin.runtime.locale import number_text


def test_situation_lines_and_clicking_a_busy_cell(qtbot):
    panel = SituationPanel()
    qtbot.addWidget(panel)
    assert panel.region_label.text() == "none set" and panel.alerts_label.text() == "none open"
    panel.set_region("Brabant-Noord", "")
    panel.set_open_alerts(1)
    assert panel.alerts_label.text() == "1 open alert"
    panel.set_open_alerts(3)
    assert panel.alerts_label.text() == "3 open alerts"
    cells = [
        BusyCell("BN-0040-2", "Markt, 's-Hertogenbosch", 1047, Trend.UP),
        BusyCell("x<b>", "", 500, Trend.DOWN),
    ]
    panel.set_busiest(cells)
    assert busy_line(cells[0]) == f"Markt, 's-Hertogenbosch\u00a0\u00a0{number_text(1047)}\u00a0▲"
    assert "x&lt;b&gt;" in panel.busiest_label.text() and "<b>" not in panel.busiest_label.text()
    twins = [BusyCell("a-1", "Nuland", 129, Trend.UP), BusyCell("a-2", "Nuland", 128, Trend.UP)]
    panel.set_busiest(twins)
    assert "Nuland (a-1)" in panel.busiest_label.text() and "Nuland (a-2)" in panel.busiest_label.text()
    with qtbot.waitSignal(panel.cellClicked) as clicked:
        panel.busiest_label.linkActivated.emit("BN-0040-2")
    assert clicked.args == ["BN-0040-2"]
    panel.set_region("", "No alerts: the region layer could not be opened")
    assert panel.region_label.text().startswith("No alerts")
