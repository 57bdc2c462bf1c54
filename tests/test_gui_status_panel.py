"""The dock's status section: interval in local time, age ticking, source, status in words."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from conftest import REPO_ROOT
from druktemeter.plugin.core import i18n
from druktemeter.plugin.core.model import CountsSnapshot, FeedMeta, Interval
from druktemeter.plugin.core.status import FeedStatus
from druktemeter.plugin.feed.errors import FeedAuthError, FeedUnreachable
from druktemeter.plugin.gui.status_panel import StatusPanel, age_text
from qgis.PyQt.QtCore import QCoreApplication, Qt, QTranslator


def snapshot_ending(end: datetime) -> CountsSnapshot:
    return CountsSnapshot(Interval(end - timedelta(minutes=15), end), 15, {}, {})


def test_age_text():
    assert age_text(42) == "42 s ago"
    assert age_text(4 * 60 + 2) == "4 min 02 s ago"
    assert age_text(3600 + 5 * 60 + 9) == "1 h 05 min ago"
    assert age_text(-3) == "0 s ago"


def test_age_ticks_every_second_while_shown_and_stops_when_hidden(qtbot):
    panel = StatusPanel()
    qtbot.addWidget(panel)
    panel.set_snapshot(snapshot_ending(datetime.now(timezone.utc) - timedelta(seconds=10)))
    panel.show()
    first = panel.age_label.text()
    qtbot.waitUntil(lambda: panel.age_label.text() != first, timeout=2500)
    assert panel.age_label.text().endswith("s ago")
    assert panel.timer.isActive()
    panel.hide()
    assert not panel.timer.isActive()


def test_interval_in_local_time_and_source_with_attribution(qtbot):
    panel = StatusPanel(clock=lambda: datetime(2026, 11, 25, 21, 20, tzinfo=timezone.utc))
    qtbot.addWidget(panel)
    assert panel.interval_label.text() == "none yet"
    end = datetime(2026, 11, 25, 21, 15, tzinfo=timezone.utc)
    panel.set_snapshot(snapshot_ending(end))
    local_end = end.astimezone().strftime("%H:%M")
    assert panel.interval_label.text().endswith("– " + local_end)
    assert panel.age_label.text() == "5 min 00 s ago"
    panel.set_meta(FeedMeta("Demonet", "© Demonet, geaggregeerd", "terms"))
    assert panel.source_label.text() == "Demonet\n© Demonet, geaggregeerd"


def test_the_feeds_words_are_shown_as_text_never_as_markup(qtbot):
    panel = StatusPanel()
    qtbot.addWidget(panel)
    panel.set_meta(FeedMeta("<img src='http://example.invalid/t.png'>", "<a href='x'>here</a>", "terms"))
    assert panel.source_label.textFormat() == Qt.TextFormat.PlainText
    assert panel.source_label.text().startswith("<img src=")


def test_each_status_in_words_and_stale_prominent(qtbot):
    end = datetime(2026, 11, 25, 21, 15, tzinfo=timezone.utc)
    now = [end + timedelta(minutes=5)]
    panel = StatusPanel(clock=lambda: now[0])
    qtbot.addWidget(panel)
    assert panel.status_label.text() == "Connecting to the feed…"
    interval = Interval(end - timedelta(minutes=15), end)
    ok = FeedStatus.answered(interval, 60, 15, now[0])
    panel.set_snapshot(snapshot_ending(end))
    panel.set_status(ok)
    assert panel.status_label.text().startswith("Feed OK") and panel.status_label.styleSheet() == ""
    retry_at = end + timedelta(minutes=6, seconds=7)
    panel.set_status(ok.failed(FeedUnreachable("connection refused"), retry_at))
    assert "Next attempt at " + retry_at.astimezone().strftime("%H:%M:%S") in panel.status_label.text()
    panel.set_status(ok.failed(FeedAuthError(401), retry_at))
    assert "bold" in panel.status_label.styleSheet() and "background" not in panel.status_label.styleSheet()
    now[0] = end + timedelta(minutes=31)  # no new poll: the next tick turns the panel stale
    panel.refresh()
    assert "stale" in panel.status_label.text()
    assert "background" in panel.status_label.styleSheet() and "background" in panel.age_label.styleSheet()
    assert panel.age_label.text() == "31 min 00 s ago"
    panel.set_status(FeedStatus.answered(interval, 60, 15, now[0]))
    assert panel.status_label.text().startswith("Data stale")
    fresh = Interval(end + timedelta(minutes=15), end + timedelta(minutes=30))
    panel.set_snapshot(snapshot_ending(fresh.end))
    panel.set_status(FeedStatus.answered(fresh, 60, 15, now[0]))
    assert panel.age_label.styleSheet() == "" and panel.status_label.styleSheet() == ""


def test_dutch_words(qtbot):
    translator = QTranslator()
    assert translator.load(str(REPO_ROOT / "i18n" / "druktemeter_nl.qm"))
    QCoreApplication.installTranslator(translator)
    i18n.install(QCoreApplication.translate)
    try:
        assert age_text(65) == "1 min 05 s geleden"
        panel = StatusPanel()
        qtbot.addWidget(panel)
        assert panel.interval_label.text() == "nog geen"
    finally:
        i18n.install(None)
        QCoreApplication.removeTranslator(translator)
