"""The Situation summary at the top of the dock: what an officer of duty says in one breath.

Region, open alerts, the busiest cells in the region with their trend, and the
feed's state, each on one line; a busy cell is clickable and zooms to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional

from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtWidgets import QFormLayout, QLabel, QWidget

from ..core.i18n import tr, tr_n
from ..core.situation import BusyCell
from ..core.words import trend_arrow, trend_word
from ..runtime.locale import number_text
from .text import plain_label, rich_safe

OPEN_STYLE = "color: #b10026; font-weight: bold;"
PROBLEM_STYLE = "color: #b10026;"


def busy_line(cell: BusyCell, with_id: bool = False) -> str:
    """``Markt, 's-Hertogenbosch  1.047 ▲`` (the place, else the cell id; with the id when
    ``with_id``, for two cells with the same place)."""
    name = cell.place or cell.cell_id
    if with_id and cell.place:
        name = f"{name} ({cell.cell_id})"
    # No-break spaces: a narrow dock wraps the name, never the count from its arrow.
    return f"{name}\u00a0\u00a0{number_text(cell.count)}\u00a0{trend_arrow(cell.trend)}"


class SituationPanel(QWidget):
    """Four lines; ``cellClicked(cell_id)`` when a busy cell is clicked."""

    cellClicked = pyqtSignal(str)  # noqa: N815 - Qt signal naming

    def __init__(self, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.setObjectName("DruktemeterSituation")
        self.region_label = self._label()
        self.alerts_label = self._label()
        self.busiest_label = self._label()
        self.busiest_label.setTextFormat(Qt.TextFormat.RichText)
        self.busiest_label.linkActivated.connect(self.cellClicked)
        self.feed_label = self._label()
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(tr("Region"), self.region_label)
        form.addRow(tr("Alerts"), self.alerts_label)
        form.addRow(tr("Busiest"), self.busiest_label)
        form.addRow(tr("Feed"), self.feed_label)
        self.set_region("", "")
        self.set_open_alerts(0)
        self.set_busiest([])
        self.set_feed("")

    def _label(self) -> QLabel:
        return plain_label(self)  # names come from files and feeds: never markup

    def set_region(self, name: str, problem: str) -> None:
        self.region_label.setText(problem or name or tr("none set"))
        self.region_label.setStyleSheet(PROBLEM_STYLE if problem else "")

    def set_open_alerts(self, count: int) -> None:
        self.alerts_label.setText(tr_n("%n open alert(s)", count) if count else tr("none open"))
        self.alerts_label.setStyleSheet(OPEN_STYLE if count else "")

    def set_busiest(self, cells: Sequence[BusyCell]) -> None:
        """The busiest region cells, each a link that zooms to it; their trend in the tooltip."""
        if not cells:
            self.busiest_label.setText(_escape(tr("no counts in the region yet")))
            self.busiest_label.setToolTip("")
            return
        places = [c.place for c in cells]
        lines = [busy_line(c, places.count(c.place) > 1) for c in cells]
        links = [f'<a href="{_escape(c.cell_id)}">{_escape(line)}</a>' for c, line in zip(cells, lines)]
        self.busiest_label.setText("<br>".join(links))
        tips = [
            tr("{0}: cell {1}, {2}").format(c.place or c.cell_id, c.cell_id, trend_word(c.trend))
            for c in cells
        ]
        self.busiest_label.setToolTip(rich_safe("\n".join(tips)))  # a tooltip renders markup

    def set_feed(self, text: str) -> None:
        self.feed_label.setText(text or tr("waiting for data"))


def _escape(text: str) -> str:
    """Text inside the rich-text label and its link targets (double quotes too; apostrophes read as is)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
