"""The briefing PDF: a real print layout exported by QgsLayoutExporter, its first page rasterised
with pdftoppm (kept at /tmp/stats-briefing-1.png for a human look) and checked."""

from __future__ import annotations

import shutil
import subprocess
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from druktemeter.plugin.core.model import Trend
from druktemeter.plugin.gui.chart_panel import ChartPanel
from druktemeter.plugin.mapping.briefing import BriefingContent, BriefingWriter, busiest_rows
from druktemeter.plugin.mapping.crowd_layer import CrowdLayer
from mapping_helpers import grid, snapshot
from qgis.core import QgsGeometry, QgsProject, QgsRectangle
from qgis.PyQt.QtGui import QColor, QImage
from stats_history import SUNDAY_15, open_store, record_day

EDGES = [15, 50, 150, 500, 1500]
CELLS = grid(4, 3)
COUNTS = {c.id: 30 + 60 * k for k, c in enumerate(CELLS.cells)}
COUNTS["c0_0"] = None  # suppressed: never in the table
SNAPSHOT = snapshot(COUNTS, {c: Trend.UP for c in COUNTS if COUNTS[c] is not None})
REGION = QgsGeometry.fromRect(QgsRectangle(5.1, 52.08, 5.13, 52.1))
PREVIEW = Path("/tmp/stats-briefing")


@pytest.fixture
def crowd():
    layer = CrowdLayer(EDGES)
    layer.set_cells(CELLS)
    layer.apply_counts(SNAPSHOT, "Provider X")
    layer.finish_now()
    yield layer
    layer.close()


@pytest.fixture
def chart(qtbot, tmp_path):
    """A real chart from the chart panel over a real history file, and its answer."""
    store = open_store(tmp_path / "history.sqlite", SUNDAY_15)
    record_day(store, SUNDAY_15, 0.6, hours=6)
    record_day(store, SUNDAY_15 - timedelta(days=1), 1.0, hours=6)
    panel = ChartPanel()
    panel.resize(500, 560)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.chart_ready, timeout=20000)
    panel.set_past(store, 1)
    with qtbot.waitSignal(panel.chartDrawn, timeout=20000):
        panel.show_interval(store.columns_at(SUNDAY_15))
    with qtbot.waitSignal(panel.briefingChartReady, timeout=20000) as drawn:
        panel.render_for_briefing()
    image, answer = drawn.args[0], panel.answer_label.text()
    assert image.width() == 4.2 * 200
    panel.shutdown()
    store.close()
    return image, answer


def content(chart, exercise: bool) -> BriefingContent:
    image, answer = chart
    return BriefingContent(
        snapshot=SNAPSHOT,
        source="Provider X",
        answer=answer,
        chart=image,
        region=REGION,
        region_name="Utrecht-Oost",
        scope=None,
        places={"c3_2": "Utrecht, Neude"},
        exercise=exercise,
    )


@pytest.fixture
def writer():
    made = BriefingWriter()
    yield made
    made.cancel()


def write(qtbot, writer, crowd, chart, path: Path, exercise=True) -> tuple[str, str]:
    """Write a briefing and wait: ("written", path) or ("failed", message)."""
    outcome = []
    writer.written.connect(lambda text: outcome.append(("written", text)))
    writer.failed.connect(lambda text: outcome.append(("failed", text)))
    layer = crowd.layer
    writer.write(QgsProject.instance(), content(chart, exercise), [layer], layer.extent(), layer.crs(), path)
    assert writer.busy  # the map renders off the main thread: nothing is written yet
    qtbot.waitUntil(lambda: bool(outcome), timeout=60000)
    return outcome[0]


def first_page(pdf: Path, prefix: Path) -> QImage:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm missing: run scripts/install-deps.sh (poppler-utils)")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True, timeout=60
    )
    (png,) = prefix.parent.glob(prefix.name + "*.png")
    return QImage(str(png))


def count_near(image: QImage, colour: QColor, x0: int, y0: int, x1: int, y1: int, tolerance: int = 60) -> int:
    found = 0
    for y in range(y0, y1):
        for x in range(x0, x1):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - colour.red())
                + abs(pixel.green() - colour.green())
                + abs(pixel.blue() - colour.blue())
                < tolerance
            ):
                found += 1
    return found


def test_the_busiest_cells_are_valid_ones_with_places_and_trends(chart):
    rows = busiest_rows(content(chart, False))
    assert rows[0] == ["Utrecht, Neude", "690", "rising"]
    assert len(rows) == 10 and all(row[0] != "c0_0" for row in rows)


def test_the_briefing_pdf_shows_map_chart_table_and_the_exercise_mark(qtbot, writer, crowd, chart, tmp_path):
    pdf = tmp_path / "briefing.pdf"
    assert write(qtbot, writer, crowd, chart, pdf) == ("written", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert not writer.busy
    for old in PREVIEW.parent.glob(PREVIEW.name + "*.png"):
        old.unlink()
    image = first_page(pdf, PREVIEW)
    assert image.width() > image.height() > 400  # A4 landscape at 60 dpi: ~700 x 496
    w, h = image.width(), image.height()
    assert count_near(image, QColor("#c00000"), int(0.68 * w), 0, w, int(0.1 * h)) > 200  # EXERCISE mark
    assert (
        count_near(image, QColor("#b10026"), int(0.6 * w), int(0.12 * h), w, int(0.5 * h)) > 20
    )  # chart: today
    map_area = (int(0.05 * w), int(0.16 * h), int(0.55 * w), int(0.7 * h))
    assert count_near(image, QColor("#fc4e2a"), *map_area) > 1000  # the map: cells of band 150 - 499
    assert count_near(image, QColor("#1f3a93"), *map_area) > 50  # the region's outline


def test_a_live_briefing_has_no_exercise_mark(qtbot, writer, crowd, chart, tmp_path):
    pdf = tmp_path / "live.pdf"
    write(qtbot, writer, crowd, chart, pdf, exercise=False)
    image = first_page(pdf, tmp_path / "live")
    w, h = image.width(), image.height()
    assert count_near(image, QColor("#c00000"), int(0.68 * w), 0, w, int(0.1 * h)) < 20


def test_an_unwritable_place_is_said_in_words(qtbot, writer, crowd, chart, tmp_path):
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("")
    outcome, message = write(qtbot, writer, crowd, chart, not_a_folder / "briefing.pdf")
    assert outcome == "failed" and "Choose another folder" in message


def test_the_worker_writes_the_images_and_finds_the_busiest_the_page_is_laid_out_in_turns(
    qtbot, writer, crowd, chart, tmp_path, monkeypatch
):
    from druktemeter.plugin.mapping import briefing

    found_on, real_rows = [], briefing.busiest_rows

    def recording_rows(content):
        found_on.append(threading.current_thread() is threading.main_thread())
        return real_rows(content)

    monkeypatch.setattr(briefing, "busiest_rows", recording_rows)
    pdf = tmp_path / "turns.pdf"
    assert write(qtbot, writer, crowd, chart, pdf) == ("written", str(pdf))
    assert found_on == [False]
    assert writer.runner.slices >= 6  # five page items and the export, each in its own event-loop turn
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext missing: run scripts/install-deps.sh (poppler-utils)")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    )
    assert "Busiest cells now" in text.stdout and "Utrecht, Neude" in text.stdout  # text, not outlines
