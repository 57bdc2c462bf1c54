"""The alert panel for the dock, and the message-bar warning for new alerts.

Readable at the dock's default width: each row holds time, place, count and
trend; whether an alert is open shows in its colour and weight; the cell id,
rule, region and status are in the row's tooltip and in the details line under
the table for the row last clicked.

The panel only shows: the :class:`~..runtime.alert_service.AlertService` emits
new events before it records them (``alertsRaised``), and the panel adds the
rows. Acknowledging asks the service, which marks the rows at once and then
records it, so the acknowledged state is rebuilt from the log after a restart;
``acknowledgedChanged`` tells whoever outlines alert cells on the map.
When the alert log cannot be written the panel says so above the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Callable, Optional, Union

from qgis.core import Qgis
from qgis.gui import QgsMessageBarItem
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QBrush, QColor, QFont
from qgis.PyQt.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.alert_log import utc_time
from ..core.alerts import AlertEvent, AlertKind
from ..core.i18n import tr, tr_n
from ..core.words import trend_arrow, trend_word
from ..runtime.alert_service import AlertService
from ..runtime.locale import date_time_text, number_text, time_text
from .text import plain_label, rich_safe

ROWS_SHOWN = 500  # the panel shows the latest alerts; the log keeps them all
TIME, PLACE, COUNT, TREND = range(4)
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole
PROBLEM_STYLE = "color: #b10026; font-weight: bold;"
OPEN_COLOUR = QColor(255, 205, 200)  # not yet acknowledged: needs attention
CLEARED_COLOUR = QColor(215, 240, 215)


class AlertPanel(QWidget):
    """Alerts newest first; clicking a row asks to zoom to its cell (``zoomRequested(cell_id)``)."""

    zoomRequested = pyqtSignal(str)  # noqa: N815 (Qt signal naming)
    acknowledgedChanged = pyqtSignal()  # noqa: N815 - alerts were acknowledged: open alerts changed

    def __init__(self, service: AlertService, parent: Optional[QWidget] = None) -> None:
        super().__init__(parent)
        self.service = service
        self.sound_enabled = False
        self.events: dict[str, AlertEvent] = {}  # shown raises and clears by id
        self.acknowledged: set[str] = set()
        self.problem = plain_label(self)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.summary = plain_label(self)
        self.table = self._make_table()
        self.details = plain_label(self)  # places come from the feed: never markup
        self.acknowledge_selected_button = QPushButton(tr("Acknowledge selected"), self)
        self.acknowledge_all_button = QPushButton(tr("Acknowledge all"), self)
        self.export_button = QPushButton(tr("Export…"), self)
        self.export_button.setToolTip(
            tr("Save every alert in the log as a CSV file for an after-action review")
        )
        self._lay_out()
        self.acknowledge_selected_button.clicked.connect(self.acknowledge_selected)
        self.acknowledge_all_button.clicked.connect(self.acknowledge_all)
        self.export_button.clicked.connect(self.choose_export_file)
        self.table.cellClicked.connect(self._on_row_clicked)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        service.alertsRaised.connect(self.add_events)
        service.acknowledged.connect(self._mark_acknowledged)
        service.recordProblemChanged.connect(self.show_record_problem)
        service.historyLoaded.connect(self._show_history)
        service.exported.connect(self.show_export)
        if service.loaded:
            self._show_history(service.history())
        self.show_record_problem(service.record_problem)

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(0, 4, self)
        table.setMinimumHeight(110)  # a crowded dock still shows the header and a few alerts
        headers = [tr("Time"), tr("Place"), tr("Count"), tr("Trend")]
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PLACE, QHeaderView.ResizeMode.Stretch)  # long names elide, not the rest
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        return table

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        for button in (self.acknowledge_selected_button, self.acknowledge_all_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.problem)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(self.details)
        layout.addLayout(buttons)

    def _show_history(self, records: Sequence[AlertEvent]) -> None:
        """The alerts of earlier runs, read from the log at start (before any new one is shown)."""
        self.acknowledged = self.service.acknowledged_ids()
        shown = [e for e in records if e.kind is not AlertKind.ACKNOWLEDGE][-ROWS_SHOWN:]
        for event in shown:
            self._insert_row(event)
        self._update_buttons()

    def show_record_problem(self, problem: str) -> None:
        """Say plainly when the alert log is not being written (empty: it is)."""
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    def set_sound_enabled(self, enabled: bool) -> None:
        """Follows the ``alerts/sound`` setting."""
        self.sound_enabled = enabled

    def add_events(self, events: Sequence[AlertEvent]) -> None:
        """Show raise / clear events (newest on top); the service records them after this."""
        shown = [e for e in events if e.kind is not AlertKind.ACKNOWLEDGE]
        if not shown:
            return
        for event in shown:
            self._insert_row(event)
        while self.table.rowCount() > ROWS_SHOWN:
            self._drop_row(self.table.rowCount() - 1)
        self._update_buttons()
        if self.sound_enabled and any(e.kind is AlertKind.RAISE for e in shown):
            QApplication.beep()  # once per poll, however many cells: no burst of sound

    def open_alerts(self) -> list[AlertEvent]:
        """Shown raises not yet acknowledged, newest first."""
        shown = self._shown_events()
        return [e for e in shown if e.kind is AlertKind.RAISE and e.id not in self.acknowledged]

    def acknowledge_selected(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        self._acknowledge([self._event_at(row) for row in sorted(rows)])

    def acknowledge_all(self) -> None:
        self._acknowledge(self.open_alerts())

    def _acknowledge(self, events: Sequence[AlertEvent]) -> None:
        self.service.acknowledge(events)

    def _mark_acknowledged(self, ids: Sequence[str]) -> None:
        self.acknowledged.update(ids)
        for row in range(self.table.rowCount()):
            self._style_row(row, self._event_at(row))
        self._update_buttons()
        self.acknowledgedChanged.emit()
        self.acknowledgedChanged.emit()

    def choose_export_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Export alert log"), "druktemeter-alerts.csv", tr("CSV files (*.csv)")
        )
        if path:
            self.export_csv(path)

    def export_csv(self, path: str) -> None:
        """Ask the service for the CSV file; :meth:`show_export` says how it went."""
        self.service.export_csv(path)

    def show_export(self, path: str, outcome: Union[int, OSError]) -> None:
        if isinstance(outcome, OSError):
            reason = outcome.strerror or type(outcome).__name__
            self.summary.setText(
                tr("The alerts could not be exported to {0} ({1}). Choose another folder.").format(
                    path, reason
                )
            )
            return
        self.summary.setText(tr_n("%n record(s) exported to {0}", outcome).format(path))

    def _shown_events(self) -> list[AlertEvent]:
        return [self._event_at(row) for row in range(self.table.rowCount())]

    def _event_at(self, row: int) -> AlertEvent:
        return self.events[self.table.item(row, TIME).data(EVENT_ID_ROLE)]

    def _insert_row(self, event: AlertEvent) -> None:
        self.events[event.id] = event
        self.table.insertRow(0)
        texts = {
            TIME: time_text(event.time),
            PLACE: event.place or event.cell_id,
            COUNT: number_text(event.count),
            TREND: trend_arrow(event.trend),
        }
        for column, text in texts.items():
            item = QTableWidgetItem(text)
            if column in (COUNT, TREND):
                item.setTextAlignment(int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter))
            self.table.setItem(0, column, item)
        self.table.item(0, TIME).setData(EVENT_ID_ROLE, event.id)
        self._style_row(0, event)

    def status_text(self, row: int) -> str:
        """The status words of a row ("NOT acknowledged", "Acknowledged", "Cleared")."""
        return self._status(self._event_at(row))[0]

    def details_text(self, event: AlertEvent) -> str:
        """Everything about an alert the row has no room for: place, cell id, rule, status, times."""
        lines = [
            tr("{0}: {1}").format(self._status(event)[0], event.place or event.cell_id),
            tr("Cell {0}, count {1} ({2}), {3}").format(
                event.cell_id, number_text(event.count), trend_word(event.trend), event.rule
            ),
            tr("Interval ending {0} (UTC {1})").format(date_time_text(event.time), utc_time(event.time)),
        ]
        if event.region:
            lines.append(tr("Region: {0}").format(event.region))
        if event.catch_up:
            lines.append(
                tr("Found on the first data after a feed outage or a start, together with any others.")
            )
        return "\n".join(lines)

    def _drop_row(self, row: int) -> None:
        del self.events[self.table.item(row, TIME).data(EVENT_ID_ROLE)]
        self.table.removeRow(row)

    def _style_row(self, row: int, event: AlertEvent) -> None:
        _status, colour, bold = self._status(event)
        details = rich_safe(self.details_text(event))  # a tooltip renders markup; places come from the feed
        for column in range(self.table.columnCount()):
            item = self.table.item(row, column)
            item.setToolTip(details)
            item.setBackground(QBrush(colour) if colour is not None else QBrush())
            if colour is not None:
                item.setForeground(QBrush(QColor(0, 0, 0)))  # readable on the pale colours in dark themes
            font = QFont(item.font())
            font.setBold(bold)
            item.setFont(font)

    def _status(self, event: AlertEvent) -> tuple[str, Optional[QColor], bool]:
        """Status words, row colour and boldness: open, acknowledged and cleared differ in all three."""
        if event.kind is AlertKind.CLEAR:
            return tr("Cleared"), CLEARED_COLOUR, False
        if event.id in self.acknowledged:
            return tr("Acknowledged"), None, False
        return tr("NOT acknowledged"), OPEN_COLOUR, True

    def _update_buttons(self) -> None:
        open_count = len(self.open_alerts())
        self.acknowledge_all_button.setEnabled(open_count > 0)
        open_ids = {e.id for e in self.open_alerts()}
        selected = {index.row() for index in self.table.selectionModel().selectedRows()}
        selected_open = any(self._event_at(row).id in open_ids for row in selected)
        self.acknowledge_selected_button.setEnabled(selected_open)
        self.summary.setText(
            tr_n("%n alert(s) not acknowledged", open_count) if open_count else tr("No open alerts")
        )

    def _on_row_clicked(self, row: int, _column: int) -> None:
        event = self._event_at(row)
        self.details.setText(self.details_text(event).split("\n", 2)[1])  # the cell and rule; all on hover
        self.details.setToolTip(rich_safe(self.details_text(event)))
        self.zoomRequested.emit(event.cell_id)


def push_alert_message(
    iface, events: Sequence[AlertEvent], show: Callable[[str], None]
) -> Optional[QgsMessageBarItem]:
    """One message-bar warning for the new raises in ``events`` (a summary when several),
    with a "Show" button that calls ``show(cell_id)`` for the cell with the highest count."""
    raises = [e for e in events if e.kind is AlertKind.RAISE]
    if not raises:
        return None
    top = max(raises, key=lambda e: e.count)
    where = (
        tr("{0} (cell {1})").format(top.place, top.cell_id)
        if top.place
        else tr("cell {0}").format(top.cell_id)
    )
    if len(raises) == 1:
        text = tr("Crowd alert in {0}: {1}, count {2} ({3}).").format(
            top.region, where, number_text(top.count), top.rule
        )
    else:
        text = tr_n("%n crowd alert(s) in {0}; highest: {1}, count {2}.", len(raises)).format(
            top.region, where, number_text(top.count)
        )
    bar = iface.messageBar()
    item = bar.createMessage(tr("Druktemeter"), rich_safe(text))
    button = QPushButton(tr("Show"), item)
    button.clicked.connect(lambda: show(top.cell_id))
    item.layout().addWidget(button)
    bar.pushWidget(item, Qgis.MessageLevel.Warning, 0)
    return item
