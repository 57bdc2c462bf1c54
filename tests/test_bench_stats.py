"""The statistics benchmark stays runnable (a smoke test on a small feed; the figures come from
`make bench`, never from timed unit tests)."""

from __future__ import annotations

import sys

from conftest import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "bench"))
import stats as stats_bench


def test_a_small_feed_measures_indicators_and_the_chart():
    lines = []
    stats_bench.run(lambda measure, workload, **values: lines.append((measure, values)), reps=1, cells=2000)
    figures = dict(lines)
    assert set(figures) == {"stats_indicators", "stats_chart_week"}
    assert figures["stats_indicators"]["cells"] == 2000 and figures["stats_indicators"]["seconds"] > 0
    assert figures["stats_chart_week"]["intervals_in_file"] == 254
    assert figures["stats_chart_week"]["draw_s"] > 0
