"""The chart panel offscreen: matplotlib's Qt canvas on QGIS's own Qt, today against the past of a
real history file and of the simulator, the answer sentence, and a grabbed picture of the panel."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from druktemeter.plugin.core.indicators import MOVEMENT, PRESENCE
from druktemeter.plugin.gui import chart_panel
from druktemeter.plugin.gui.chart_panel import CELL, FEED, REGION, ChartPanel
from druktemeter.plugin.simulator.past import SimulatedPast
from qgis.PyQt.QtGui import QColor, QImage
from stats_history import SUNDAY_15, alternating_snapshot, open_store, record_day, small_simulation

SCREENSHOT = "/tmp/stats-chart-panel.png"


@pytest.fixture
def panel(qtbot):
    widget = ChartPanel()
    widget.resize(520, 560)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(lambda: widget.chart_ready, timeout=20000)
    yield widget
    widget.shutdown()


def show(qtbot, panel: ChartPanel, columns) -> str:
    with qtbot.waitSignal(panel.answerShown, timeout=30000) as blocker:
        panel.show_interval(columns)
    return blocker.args[0]


def red_pixels(image: QImage) -> int:
    today = QColor(chart_panel.LINE_STYLES[chart_panel.Reference.TODAY]["color"])
    found = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - today.red())
                + abs(pixel.green() - today.green())
                + abs(pixel.blue() - today.blue())
                < 40
            ):
                found += 1
    return found


def test_matplotlib_draws_on_the_worker_never_on_the_main_thread(qtbot, panel, monkeypatch, tmp_path):
    drawn_on = []
    real_plot = chart_panel.plot_day

    def recording_plot(*args):
        drawn_on.append(threading.current_thread() is threading.main_thread())
        real_plot(*args)

    monkeypatch.setattr(chart_panel, "plot_day", recording_plot)
    store = open_store(tmp_path / "history.sqlite", SUNDAY_15)
    record_day(store, SUNDAY_15, 1.0)
    panel.set_past(store, 1)
    with qtbot.waitSignal(panel.chartDrawn, timeout=20000):
        panel.show_interval(store.columns_at(SUNDAY_15))
    assert drawn_on and not any(drawn_on)
    assert panel.chart_image().width() >= 320
    store.close()


def test_an_exercise_shows_its_simulated_past_and_the_panel_is_grabbed(qtbot, panel):
    source = small_simulation(SUNDAY_15)
    past = SimulatedPast(source)
    panel.set_past(past, weeks=2, exercise=True)
    with qtbot.waitSignal(panel.chartDrawn, timeout=30000):
        text = show(qtbot, panel, past.columns_at(SUNDAY_15))
    assert text.startswith("EXERCISE: Today ") and "yesterday" in text and "last Sunday" in text
    assert "too few" not in text  # mid-afternoon: enough valid cells everywhere
    assert panel.figures_label.text().startswith("Now: ")
    qtbot.wait(800)  # the chart is drawn again at the size the label got once laid out
    image = panel.grab().toImage()
    assert image.save(SCREENSHOT)
    assert red_pixels(image) > 50  # today's line is drawn
    assert set(panel.legend_labels) >= {"today", "yesterday", "last Sunday"}


def test_presence_and_movement_and_scopes_from_a_real_history_file(qtbot, panel, tmp_path):
    store = open_store(tmp_path / "history.sqlite", SUNDAY_15)
    record_day(store, SUNDAY_15, 0.5)
    record_day(store, SUNDAY_15 - timedelta(days=1), 1.0)
    panel.set_past(store, weeks=1)
    assert panel.scope_combo.currentData() == FEED  # no region yet
    panel.set_region_cells(["a", "b"])
    assert panel.scope_combo.currentData() == REGION  # the operator's own area, once known
    text = show(qtbot, panel, store.snapshot_at(SUNDAY_15))  # as the map hands it over
    assert "50 % fewer movements than yesterday" in text
    with qtbot.waitSignal(panel.answerShown, timeout=5000) as blocker:
        panel.kind_combo.setCurrentIndex(panel.kind_combo.findData(PRESENCE))
    assert "50 % fewer people present than yesterday" in blocker.args[0]
    assert panel.kind() == PRESENCE
    store.close()


def test_a_selected_quiet_cell_shows_no_figure_not_zero(qtbot, panel, tmp_path):
    store = open_store(tmp_path / "history.sqlite", SUNDAY_15)
    record_day(store, SUNDAY_15, 1.0, lambda end, factor: alternating_snapshot(end, factor, {"q": None}))
    panel.set_past(store, weeks=1)
    panel.set_selected_cell("q")
    panel.scope_combo.setCurrentIndex(panel.scope_combo.findData(CELL))
    show(qtbot, panel, store.columns_at(SUNDAY_15))
    with qtbot.waitSignal(panel.answerShown, timeout=5000):
        panel.refresh()
    assert "no valid cell" in panel.figures_label.text() and "100 %" in panel.figures_label.text()
    assert "too few valid cells to compare movements" in panel.answer_label.text()
    assert panel.kind() == MOVEMENT
    store.close()


def test_without_matplotlib_a_clear_message(qtbot, monkeypatch):
    monkeypatch.setattr(chart_panel, "BACKEND", "matplotlib.backends.backend_that_is_missing")
    widget = ChartPanel()
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: "matplotlib" in widget.chart_note.text(), timeout=10000)
    assert not widget.chart_ready and "administrator" in widget.chart_note.text()
    widget.shutdown()


def test_the_answer_in_dutch_with_dutch_day_names_and_numbers(tmp_path):
    """The issue's example sentence, through the real Dutch translation and QLocale."""
    import re

    from druktemeter.plugin.core import i18n
    from druktemeter.plugin.core.answer import answer
    from druktemeter.plugin.core.baseline import build_day_picture
    from druktemeter.plugin.core.metadata import PLUGIN_ROOT
    from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

    store = open_store(tmp_path / "history.sqlite", SUNDAY_15)
    for days, factor in ((0, 0.77), (1, 1.0), (7, 1.305)):
        record_day(store, SUNDAY_15 - timedelta(days=days), factor)
    picture = build_day_picture(store, SUNDAY_15)  # the computer's zone, as QLocale shows times
    translator = QTranslator()
    assert translator.load(str(PLUGIN_ROOT / "i18n" / "druktemeter_nl.qm"))
    QCoreApplication.installTranslator(translator)
    i18n.install(QCoreApplication.translate)
    previous = QLocale()
    QLocale.setDefault(QLocale("nl_NL"))
    try:
        text = answer(picture, MOVEMENT, chart_panel.locale_formats())
    finally:
        QLocale.setDefault(previous)
        i18n.install(None)
        QCoreApplication.removeTranslator(translator)
        store.close()
    assert re.fullmatch(
        r"Vandaag \d\d:\d\d–\d\d:\d\d: 23 % minder verplaatsingen dan gisteren, 41 % minder dan vorige week "
        r"zondag, 41 % onder het gebruikelijke niveau\.",
        text,
    ), text


def test_a_cell_of_the_feed_absent_from_the_interval_counts_as_missing(qtbot, panel, tmp_path):
    store = open_store(tmp_path / "history.sqlite", SUNDAY_15)
    record_day(store, SUNDAY_15, 1.0)
    panel.set_past(store, 1)
    panel.set_feed_cells(["a", "b", "gone"])
    show(qtbot, panel, store.columns_at(SUNDAY_15))
    assert panel.picture.today[panel.picture.now_slot].missing == 1
    assert "33 %" in panel.figures_label.text()  # 1 of 3 cells without data, said beside the figures
    store.close()


def test_the_chart_figure_is_made_once_and_only_its_data_changes(tmp_path):
    """Each picture changes the lines' data; the axes, lines and legend stay (a new figure per
    picture took half of every draw)."""
    from druktemeter.plugin.core.baseline import build_day_picture
    from matplotlib.backends import backend_agg

    store = open_store(tmp_path / "history.sqlite", SUNDAY_15)
    record_day(store, SUNDAY_15, 1.0)
    record_day(store, SUNDAY_15 - timedelta(days=1), 2.0)
    picture = build_day_picture(store, SUNDAY_15)
    chart = chart_panel.DayChart(backend_agg)
    axes, lines = chart.axes, list(chart.lines.values())
    first = chart.image(picture, MOVEMENT, 4.2, 2.8, 100)
    legend = axes.get_legend()
    second = chart.image(picture, PRESENCE, 4.2, 2.8, 100)
    assert chart.figure.axes == [axes] and list(chart.lines.values()) == lines
    assert axes.get_legend() is legend and set(chart.legend_labels) >= {"today", "yesterday"}
    assert (
        axes.get_title(loc="left") == "People present" and axes.get_ylim()[1] >= 2 * 3000
    )  # yesterday's presence
    assert first != second and red_pixels(second) > 20
    store.close()
