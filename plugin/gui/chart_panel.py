"""The dock's chart: today against yesterday, last week and the usual level, and the answer in one sentence.

Everything slow runs on one worker thread, in order: reading the day picture
(a few hundred intervals), importing matplotlib (~0.4 s, once) and drawing the
chart with matplotlib's Agg renderer into an image (``DayChart``: axes and lines
made once, only their data changed: ~20-30 ms a draw). The main thread only
shows the finished image and the sentence.

Why not matplotlib's Qt canvas (``backend_qtagg``, which the issue asked for): it
draws with the same Agg renderer, but inside the widget's paint event, on the main
thread, on every update and every resize of the dock. Measured with the same
reused figure at the dock's size on the 2-core development machine under load:
20-29 ms median a paint, 37-41 ms the first one, up to 53 ms on a screen with
device pixel ratio 2 (measured by hand, November 2026); before the figure was
reused it took 60-240 ms. That is too close to the 50 ms budget on a busy
machine, and cannot be cut short, while an image drawn on the worker costs the
main thread a pixmap swap. The briefing needs the chart as an image at page size
anyway. Where matplotlib is missing a translated note says so (tested); the
sentence still works.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Collection
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from typing import Optional, Union

from qgis.PyQt.QtCore import QDateTime, QLocale, Qt, QTimer, pyqtSignal
from qgis.PyQt.QtGui import QImage, QPixmap
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core.answer import Formats, answer, subject
from ..core.baseline import SLOTS_PER_DAY, DayPicture, Reference, build_day_picture
from ..core.history import HistoryError
from ..core.i18n import tr
from ..core.indicators import MOVEMENT, PRESENCE, Columns, IndicatorMemo, Indicators, PastSource, Scope
from ..core.model import CountsSnapshot
from .text import plain_label

LOGGER = logging.getLogger("druktemeter.chart")
BACKEND = "matplotlib.backends.backend_agg"
CHART_DPI = 100
BRIEFING_CHART_INCHES = (4.2, 2.8)  # the chart's frame on the briefing page is 107 x 72 mm
BRIEFING_DPI = 200
RESIZE_DELAY_MS = 250
REGION, FEED, CELL = "region", "feed", "cell"
PLAYBACK_HOURS = (1, 2, 4, 8)
LINE_STYLES = {  # colour-blind safe (Okabe–Ito), and told apart by dash and width too
    Reference.USUAL: {"color": "#999999", "linewidth": 4.0, "alpha": 0.6, "linestyle": "-"},
    Reference.LAST_WEEK: {"color": "#009e73", "linewidth": 1.4, "linestyle": ":"},
    Reference.YESTERDAY: {"color": "#0072b2", "linewidth": 1.4, "linestyle": "--"},
    Reference.TODAY: {"color": "#b10026", "linewidth": 2.4, "linestyle": "-"},
}
Outcome = Union[DayPicture, HistoryError, None]


def locale_formats() -> Formats:
    """Numbers, times and weekday names in the user's locale."""
    locale = QLocale()

    def local(moment: datetime) -> QDateTime:
        return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))

    return Formats(
        number=lambda value: locale.toString(float(value), "f", 0),
        time=lambda moment: locale.toString(local(moment).time(), "HH:mm"),
        weekday=lambda moment: locale.dayName(local(moment).date().dayOfWeek()),
    )


def reference_label(reference: Reference, picture: DayPicture) -> str:
    if reference is Reference.TODAY:
        return tr("today")
    if reference is Reference.YESTERDAY:
        return tr("yesterday")
    if reference is Reference.LAST_WEEK:
        return tr("last {0}").format(locale_formats().weekday(picture.now_end))
    return tr("usual level (median of the same weekday)")


def indicators_words(found: Optional[Indicators]) -> str:
    """The current figures, with how much of the picture is unknown beside them."""
    if found is None:
        return tr("No figures for this interval.")
    locale = QLocale()
    presence = tr("no valid cell") if found.presence is None else locale.toString(found.presence)
    movement = tr("no interval before") if found.movement is None else locale.toString(round(found.movement))
    unknown = locale.toString(round(100 * found.unknown_share))
    return tr(
        "Now: {0} people present; at least {1} movements; {2} % of the cells suppressed or without data."
    ).format(presence, movement, unknown)


class ChartPanel(QWidget):
    """Chart and answer for the chosen indicator and scope; fed by :meth:`show_interval`.

    Call :meth:`set_past` with where earlier intervals come from (the history,
    or the simulator in an exercise) and :meth:`shutdown` on unload.
    """

    pictureReady = pyqtSignal(int, object)  # noqa: N815 - generation, Outcome (from the worker)
    backendLoaded = pyqtSignal(object)  # noqa: N815 - None when matplotlib loaded, else the ImportError
    briefingChartReady = pyqtSignal(object)  # noqa: N815 - QImage at the briefing's size, or None
    chartRendered = pyqtSignal(int, object, object)  # noqa: N815 - generation, QImage, legend labels
    answerShown = pyqtSignal(str)  # noqa: N815
    chartDrawn = pyqtSignal()  # noqa: N815
    playbackRequested = pyqtSignal(object, object)  # noqa: N815 - start, end (aware UTC datetimes)
    briefingRequested = pyqtSignal()  # noqa: N815

    def __init__(
        self, parent: Optional[QWidget] = None, *, executor: Optional[ThreadPoolExecutor] = None
    ) -> None:
        """``executor``: the one-thread executor that computes and draws (the plugin passes one its
        background-work owner joins on unload)."""
        super().__init__(parent)
        self.setObjectName("DruktemeterChartPanel")
        self._worker = executor or ThreadPoolExecutor(max_workers=1, thread_name_prefix="druktemeter-chart")
        self._past: Optional[PastSource] = None
        self._weeks = 1
        self._exercise = False
        self._memo = IndicatorMemo()
        self._current: Optional[Columns] = None
        self._region: Scope = None
        self._cell: Optional[str] = None
        self._feed_cells: Scope = None  # the feed's cell list: a cell absent from an interval is missing
        self._generation = 0
        self._closed = False
        self.picture: Optional[DayPicture] = None
        self.chart_ready = False  # matplotlib loaded on the worker
        self.legend_labels: tuple[str, ...] = ()
        self._chart: Optional[DayChart] = None  # the worker's matplotlib figure, only touched there
        self._chart_image: Optional[QImage] = None
        self.chart_label = QLabel()
        self.chart_label.setMinimumHeight(220)
        self.chart_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.chart_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart_label.hide()
        self._resize_timer = QTimer(self)
        self._resize_timer.setSingleShot(True)
        self._resize_timer.setInterval(RESIZE_DELAY_MS)
        self._resize_timer.timeout.connect(self._render_shown)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(tr("Movement"), MOVEMENT)
        self.kind_combo.addItem(tr("Presence"), PRESENCE)
        self.scope_combo = QComboBox()
        self.scope_combo.addItem(tr("Region"), REGION)
        self.scope_combo.addItem(tr("Whole feed"), FEED)
        self.scope_combo.addItem(tr("Selected cell"), CELL)
        # Plain text: a classroom's scenario problem quotes the service's scenario text.
        self.answer_label = plain_label(text=tr("No interval shown yet."))
        self.answer_label.setObjectName("DruktemeterAnswer")
        self.figures_label = QLabel()
        self.figures_label.setWordWrap(True)
        self.chart_note = QLabel(tr("Preparing the chart…"))
        self.chart_note.setWordWrap(True)
        self.playback_start = QDateTimeEdit()
        self.playback_start.setCalendarPopup(True)
        self.playback_start.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat) + " HH:mm")
        self.playback_start.setToolTip(tr("Start of the stretch to play back on the map"))
        self.playback_hours = QComboBox()
        for hours in PLAYBACK_HOURS:
            self.playback_hours.addItem(tr("{0} h").format(QLocale().toString(hours)), hours)
        self.playback_button = QPushButton(tr("Play back"))
        self.playback_button.setToolTip(
            tr("Add a layer that the Temporal Controller plays back; the live map keeps updating")
        )
        self.briefing_button = QPushButton(tr("Briefing (PDF)…"))
        for button in (self.playback_button, self.briefing_button):
            button.setEnabled(False)
        self._lay_out()
        self._update_scope_choices()
        self.kind_combo.currentIndexChanged.connect(lambda _index: self._show_picture())
        self.scope_combo.currentIndexChanged.connect(lambda _index: self.refresh())
        self.pictureReady.connect(self._receive_picture)
        self.backendLoaded.connect(self._on_backend)
        self.chartRendered.connect(self._show_chart)
        self.playback_button.clicked.connect(self._request_playback)
        self.briefing_button.clicked.connect(self.briefingRequested)
        self._worker.submit(self._load_backend).add_done_callback(_log_failure)

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        choices = QHBoxLayout()
        choices.addWidget(self.kind_combo)
        choices.addWidget(self.scope_combo)
        layout.addLayout(choices)
        layout.addWidget(self.answer_label)
        layout.addWidget(self.figures_label)
        layout.addWidget(self.chart_note)
        layout.addWidget(self.chart_label, 1)
        actions = QHBoxLayout()
        for widget in (self.playback_start, self.playback_hours, self.playback_button, self.briefing_button):
            actions.addWidget(widget)
        layout.addLayout(actions)
        self._layout = layout

    # ------------------------------------------------------------ inputs

    @property
    def past(self) -> Optional[PastSource]:
        return self._past

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def scope(self) -> Scope:
        choice = self.scope_combo.currentData()
        if choice == REGION:
            return self._region
        if choice == CELL:
            return frozenset() if self._cell is None else frozenset({self._cell})
        return self._feed_cells

    def set_past(
        self, past: Optional[PastSource], weeks: int, *, exercise: bool = False, note: str = ""
    ) -> None:
        """Where earlier intervals come from, over how many weeks the usual level is taken, and
        whether they are an exercise's (the answer is then marked). ``None`` shows ``note`` instead."""
        if past is not self._past:  # the history keeps indicators in its file; the simulator's in memory
            memo = getattr(past, "indicator_memo", None)
            self._memo = memo() if memo is not None else IndicatorMemo()
        self._past, self._weeks, self._exercise = past, max(1, weeks), exercise
        if past is None:
            self._generation += 1
            self.answer_label.setText(note)

    def region_cells(self) -> Scope:
        """The user's region's cells, ``None`` when no region is set."""
        return self._region

    def set_region_cells(self, cell_ids: Optional[Collection[str]]) -> None:
        """The user's region; the first time one is known the chart turns to it (the operator's area)."""
        first = self._region is None and cell_ids is not None
        self._region = None if cell_ids is None else frozenset(cell_ids)
        self._update_scope_choices()
        if first and self.scope_combo.currentData() == FEED:
            self.scope_combo.setCurrentIndex(self.scope_combo.findData(REGION))  # refreshes
        else:
            self.refresh()

    def set_feed_cells(self, cell_ids: Optional[Collection[str]]) -> None:
        """The feed's current cell list, so a cell absent from an interval counts as missing in the
        whole feed's figures (``None``: the cells of each interval, nothing counted missing)."""
        self._feed_cells = None if cell_ids is None else frozenset(cell_ids)
        if self.scope_combo.currentData() == FEED:
            self.refresh()

    def set_selected_cell(self, cell_id: Optional[str]) -> None:
        self._cell = cell_id
        self._update_scope_choices()
        if self.scope_combo.currentData() == CELL:
            self.refresh()

    def show_interval(self, current: Union[CountsSnapshot, Columns]) -> None:
        """The interval just shown on the map: build the day picture around it (returns at once;
        a snapshot is turned into columns on the worker)."""
        if self._current is None:  # first interval: offer the hour before it for play-back
            self.set_playback_window(current.interval.end - timedelta(hours=1))
        self._current = current
        for button in (self.playback_button, self.briefing_button):
            button.setEnabled(self._past is not None)
        self.refresh()

    def refresh(self) -> None:
        if self._closed or self._current is None or self._past is None:
            return
        self._generation += 1
        job = (self._generation, self._past, self._current, self.scope(), self._weeks, self._memo)
        self._worker.submit(self._build, *job).add_done_callback(_log_failure)

    def settled(self) -> bool:
        """True once the answer is shown and the chart drawn (or matplotlib is known to be missing)."""
        return self.picture is not None and (self.chart_label.isVisible() or not self.chart_ready)

    def set_playback_window(self, start: datetime) -> None:
        self.playback_start.setDateTime(QDateTime.fromSecsSinceEpoch(int(start.timestamp())))

    def playback_window(self) -> tuple[datetime, datetime]:
        """The chosen stretch, aligned to whole 15-minute intervals (aware UTC)."""
        seconds = self.playback_start.dateTime().toSecsSinceEpoch() // 900 * 900
        start = datetime.fromtimestamp(seconds, timezone.utc)
        return start, start + timedelta(hours=int(self.playback_hours.currentData()))

    def _request_playback(self) -> None:
        self.playbackRequested.emit(*self.playback_window())

    def shutdown(self) -> None:
        self._closed = True
        self._resize_timer.stop()
        self._generation += 1
        self._worker.shutdown(wait=True)

    def render_for_briefing(self) -> None:
        """Draw the chart at the briefing's size on the worker; ``briefingChartReady`` brings it
        (``None`` at once when there is no chart to draw)."""
        if self._closed or not self.chart_ready or self.picture is None:
            self.briefingChartReady.emit(None)
            return
        job = self._worker.submit(self._render_for_briefing, self.picture, self.kind())
        job.add_done_callback(_log_failure)

    def chart_image(self) -> Optional[QImage]:
        """The chart shown (for the briefing), ``None`` before the first one is drawn."""
        return None if self._chart_image is None else QImage(self._chart_image)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._fit_chart()
        self._resize_timer.start()  # draw again at the new size once the user stops resizing

    # ------------------------------------------------------------ worker side

    def _load_backend(self) -> None:
        try:
            self._chart = DayChart(importlib.import_module(BACKEND))
            self.backendLoaded.emit(None)
        except ImportError as error:
            self.backendLoaded.emit(error)

    def _build(self, generation, past, current, scope, weeks, memo) -> None:
        if generation != self._generation:
            return  # a newer question is queued behind this one
        outcome: Outcome
        if isinstance(current, CountsSnapshot):
            current = Columns.from_snapshot(current)
        try:
            outcome = build_day_picture(past, current.interval.end, scope, weeks, current=current, memo=memo)
        except HistoryError as error:
            outcome = error
        self.pictureReady.emit(generation, outcome)

    def _render(self, generation: int, picture: DayPicture, kind: str, width: int, height: int) -> None:
        if generation != self._generation:
            return
        image = self._chart.image(picture, kind, width / CHART_DPI, height / CHART_DPI, CHART_DPI)
        self.chartRendered.emit(generation, image, self._chart.legend_labels)

    def _render_for_briefing(self, picture: DayPicture, kind: str) -> None:
        self.briefingChartReady.emit(self._chart.image(picture, kind, *BRIEFING_CHART_INCHES, BRIEFING_DPI))

    # ------------------------------------------------------------ main thread

    def _update_scope_choices(self) -> None:
        model = self.scope_combo.model()
        for row, available in ((0, self._region is not None), (2, self._cell is not None)):
            model.item(row).setEnabled(available)
        if not model.item(self.scope_combo.currentIndex()).isEnabled():
            self.scope_combo.setCurrentIndex(1)

    def _on_backend(self, problem: Optional[ImportError]) -> None:
        if problem is not None:
            LOGGER.warning("matplotlib unavailable: %s", problem)
            self.chart_note.setText(
                tr(
                    "The chart needs matplotlib, which this QGIS installation lacks. The sentence "
                    "above still answers the question; ask your administrator to install matplotlib."
                )
            )
            return
        self.chart_ready = True
        self.chart_note.setText(tr("The chart appears with the first interval."))
        self._render_shown()

    def _receive_picture(self, generation: int, outcome: Outcome) -> None:
        if generation != self._generation:
            return
        if isinstance(outcome, HistoryError):
            LOGGER.warning("Chart history unavailable: %s", outcome)
            self.answer_label.setText(outcome.user_message())
            return
        self.picture = outcome
        self._show_picture()

    def _show_picture(self) -> None:
        picture = self.picture
        if picture is None:
            return
        kind = self.kind()
        text = answer(picture, kind, locale_formats())
        if self._exercise:
            text = tr("EXERCISE: {0}").format(text)
        self.answer_label.setText(text)
        self.figures_label.setText(indicators_words(picture.today[picture.now_slot]))
        self.answerShown.emit(text)
        gaps = any(v is None for v in picture.series(Reference.TODAY, kind)[: picture.now_slot + 1])
        self.chart_note.setText(
            tr("Gaps: too few valid cells (or nothing recorded) at that time.") if gaps else ""
        )
        self.chart_note.setVisible(gaps)
        self._render_shown()

    def _fit_chart(self) -> None:
        """Show the chart image scaled into the label (a resize re-renders it sharp shortly after)."""
        if self._chart_image is None:
            return
        ratio = self.devicePixelRatioF()
        target = self.chart_label.contentsRect().size() * ratio
        pixmap = QPixmap.fromImage(
            self._chart_image.scaled(
                target, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )
        pixmap.setDevicePixelRatio(ratio)
        self.chart_label.setPixmap(pixmap)
        drawn = self._chart_image.size()
        if (
            abs(target.width() - drawn.width()) > 0.15 * drawn.width()
            or abs(target.height() - drawn.height()) > 0.15 * drawn.height()
        ):
            self._resize_timer.start()  # drawn for another size (e.g. before the label was laid out)

    def _render_shown(self) -> None:
        """Ask the worker to draw the picture shown at the chart's current size."""
        if self._closed or not self.chart_ready or self.picture is None:
            return
        ratio = self.devicePixelRatioF()
        width = max(320, int(self.chart_label.width() * ratio))
        height = max(220, int(self.chart_label.height() * ratio))
        job = (self._generation, self.picture, self.kind(), width, height)
        self._worker.submit(self._render, *job).add_done_callback(_log_failure)

    def _show_chart(self, generation: int, image: QImage, labels: tuple) -> None:
        if generation != self._generation:
            return
        ratio = self.devicePixelRatioF()
        image.setDevicePixelRatio(ratio)
        self._chart_image = image
        self.chart_label.show()
        self._fit_chart()
        self.legend_labels = labels
        self.chartDrawn.emit()


class DayChart:
    """The chart's matplotlib figure and its Agg canvas; made and used on the chart worker only.

    Axes, lines, ticks and grid are made once; a new picture only changes the lines' data, the
    labels and the scale (``plot_day``). Clearing the figure and making new axes for every picture
    took half of each draw (~35 of 75 ms here).
    """

    def __init__(self, backend) -> None:
        from matplotlib.figure import Figure
        from matplotlib.ticker import MultipleLocator

        self.figure = Figure(dpi=CHART_DPI)
        self.canvas = backend.FigureCanvasAgg(self.figure)
        axes = self.axes = self.figure.add_subplot()
        hours = [(k + 1) / 4 for k in range(SLOTS_PER_DAY)]
        self.lines = {
            reference: axes.plot(hours, [float("nan")] * SLOTS_PER_DAY, **style)[0]
            for reference, style in LINE_STYLES.items()
        }
        self.now_line = axes.axvline(0, color="#444444", linewidth=0.6)
        axes.set_xlim(0, 24)
        axes.xaxis.set_major_locator(MultipleLocator(6))
        axes.xaxis.set_major_formatter(lambda x, _pos: f"{int(x):02d}:00")
        axes.tick_params(labelsize=7)
        axes.grid(True, color="#dddddd", linewidth=0.5)
        self.legend_labels: tuple[str, ...] = ()

    def image(self, picture: DayPicture, kind: str, width_in: float, height_in: float, dpi: int) -> QImage:
        """The chart of ``kind`` drawn at that size."""
        self.figure.set_dpi(dpi)
        self.figure.set_size_inches(width_in, height_in)
        plot_day(self, picture, kind)
        self.canvas.draw()
        width, height = self.canvas.get_width_height()
        return QImage(bytes(self.canvas.buffer_rgba()), width, height, QImage.Format.Format_RGBA8888).copy()


def plot_day(chart: DayChart, picture: DayPicture, kind: str) -> None:
    """Put the day's lines of ``kind`` into ``chart`` (on the worker)."""
    locale = QLocale()
    axes = chart.axes
    hours = [(k + 1) / 4 for k in range(len(picture.slot_ends))]
    highest = 0.0
    for reference, line in chart.lines.items():
        values = [float("nan") if v is None else v for v in picture.series(reference, kind)]
        line.set_data(hours, values)
        line.set_label(reference_label(reference, picture))
        highest = max([highest, *(v for v in values if v == v)])
    chart.now_line.set_xdata([(picture.now_slot + 1) / 4] * 2)
    axes.set_ylim(0, highest * 1.05 if highest > 0 else 1)
    axes.yaxis.set_major_formatter(lambda y, _pos: locale.toString(float(y), "f", 0))
    axes.set_title(subject(kind).capitalize(), fontsize=9, loc="left")
    labels = tuple(line.get_label() for line in chart.lines.values())
    if labels != chart.legend_labels:  # a new legend only when its words change (a new weekday)
        axes.legend(fontsize=7, frameon=False, loc="upper left")
        chart.legend_labels = labels


def _log_failure(future: Future) -> None:
    error = future.exception()
    if error is not None:
        LOGGER.error("Chart worker failed: %r", error)
