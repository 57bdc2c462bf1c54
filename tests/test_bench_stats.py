"""The statistics benchmark (chart, briefing, play-back) stays runnable: a smoke test on a small
feed; the figures come from `make bench`, never from timed unit tests."""

from __future__ import annotations

import sys

from conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "bench"))
import stats as stats_bench


def test_a_small_feed_measures_indicators_and_the_chart():
    lines = []
    stats_bench.run(lambda measure, workload, **values: lines.append((measure, values)), reps=1, cells=2000)
    figures = dict(lines)
    assert set(figures) == {
        "stats_indicators",
        "stats_chart_week",
        "stats_chart_exercise",
        "briefing_pdf",
        "playback_layer",
    }
    assert figures["stats_chart_exercise"]["picture_new_cell_s"] > 0
    assert figures["stats_indicators"]["cells"] == 2000 and figures["stats_indicators"]["seconds"] > 0
    assert figures["stats_chart_week"]["intervals_in_file"] == 254
    assert figures["stats_chart_week"]["draw_s"] > 0
    assert figures["stats_chart_week"]["picture_first_time_for_cell_s"] > 0
    for measure in ("briefing_pdf", "playback_layer"):
        assert figures[measure]["longest_stretch_s"] > 0 and figures[measure]["seconds"] > 0
    assert figures["playback_layer"]["cells"] > 0
