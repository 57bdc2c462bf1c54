"""The crowd layer's default style (``resources/styles/crowd.qml``) and the few
places where code adjusts it: band edges from the settings and legend labels in
the user's language.

The style is an ordinary rule-based QGIS style that a GIS specialist can change
and save. Its rules read one packed value per cell, ``drawn`` (:mod:`.drawn`):
``"drawn" // 4`` is the band and ``"drawn" % 4`` the trend of a counted cell,
``-1`` a suppressed cell and ``-2`` one without data. One stored integer keeps
the per-poll writes and the per-feature rule tests at national scale cheap; the
layer's ``state``, ``trend`` and ``band`` fields decode it (:data:`DECODED_FIELDS`).

Code finds its rules by their stable rule keys (``druktemeter:…``),
which QGIS keeps when the style is edited, and touches nothing else, so a
customised style survives. Rules whose key is missing are left alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from qgis.core import (
    QgsFillSymbol,
    QgsGradientColorRamp,
    QgsGradientStop,
    QgsRuleBasedRenderer,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QColor

from ..core.i18n import tr
from ..core.metadata import PLUGIN_ROOT
from .drawn import SUPPRESSED, TRENDS

DEFAULT_STYLE_PATH = PLUGIN_ROOT / "resources" / "styles" / "crowd.qml"

STALE_VARIABLE = "druktemeter_stale"

KEY_BANDS = "druktemeter:bands"
KEY_BAND_PREFIX = "druktemeter:band:"
KEY_SUPPRESSED = "druktemeter:suppressed"
KEY_NO_DATA = "druktemeter:no_data"  # with a dashed outline, from 1:250,000 inwards
KEY_NO_DATA_FAR = (
    "druktemeter:no_data_far"  # fill only, beyond 1:250,000 where 60,000 dashed outlines double the render
)
KEY_STALE = "druktemeter:stale"  # faded and hatched, when zoomed in
KEY_STALE_FADE = (
    "druktemeter:stale_fade"  # faded only, beyond 1:300,000 where hatching costs more than it shows
)
KEY_OUTLINES = "druktemeter:outlines"
KEY_TRENDS = "druktemeter:trends"
KEY_UP = "druktemeter:up"
KEY_DOWN = "druktemeter:down"
KEY_EQUAL = "druktemeter:equal"

# The layer's expression fields that decode the drawn value: (name, type, expression).
DECODED_FIELDS = (
    (
        "state",
        "string",
        f"CASE WHEN \"drawn\" >= 0 THEN 'valid' WHEN \"drawn\" = {SUPPRESSED} THEN 'suppressed' "
        "ELSE 'no_data' END",
    ),
    (
        "trend",
        "string",
        "CASE "
        + " ".join(f"WHEN \"drawn\" % 4 = {code} THEN '{trend.value}'" for code, trend in enumerate(TRENDS))
        + " ELSE 'unknown' END",
    ),
    ("band", "int", 'CASE WHEN "drawn" >= 0 THEN "drawn" // 4 END'),
)


def band_filter(band: int) -> str:
    """The rule filter of one band: its four drawn values (one per trend).

    ``"drawn" IN (4, 5, 6, 7)`` rather than ``"drawn" // 4 = 1``: one comparison
    node instead of three, evaluated for every cell and band rule, renders the
    national map about 10-15 % faster (``make bench``, render_national).
    """
    values = ", ".join(str(band * 4 + code) for code in range(len(TRENDS)))
    return f'"drawn" IN ({values})'


# ColorBrewer YlOrRd (9 classes): sequential, colour-blind safe, and its
# lightness falls monotonically, so the bands stay in order in grayscale too.
BAND_PALETTE = (
    "#ffffcc",
    "#ffeda0",
    "#fed976",
    "#feb24c",
    "#fd8d3c",
    "#fc4e2a",
    "#e31a1c",
    "#bd0026",
    "#800026",
)


def band_labels(edges: Sequence[int]) -> list[str]:
    """Legend labels of the bands: ``0 – 14``, ``15 – 49``, …, ``≥ 1500``."""
    bounds = [0, *edges]
    labels = [f"{low} – {high - 1}" for low, high in zip(bounds, bounds[1:])]
    return [*labels, f"≥ {edges[-1]}"]


def band_colors(count: int) -> list[QColor]:
    """``count`` colours sampled evenly from the YlOrRd ramp, light to dark."""
    stops = [
        QgsGradientStop(i / (len(BAND_PALETTE) - 1), QColor(c)) for i, c in enumerate(BAND_PALETTE[1:-1], 1)
    ]
    ramp = QgsGradientColorRamp(QColor(BAND_PALETTE[0]), QColor(BAND_PALETTE[-1]), False, stops)
    return [ramp.color(i / max(count - 1, 1)) for i in range(count)]


def band_symbol(color: QColor) -> QgsFillSymbol:
    """A plain fill without outline: 60,000 outlines at national scale turn the map black."""
    return QgsFillSymbol.createSimple({"color": color.name(), "outline_style": "no"})


def apply_default_style(layer: QgsVectorLayer, edges: Sequence[int], min_count: int = 15) -> None:
    """Load the shipped style, then set the band edges and the legend labels."""
    message, ok = layer.loadNamedStyle(str(DEFAULT_STYLE_PATH))
    if not ok:
        raise RuntimeError(f"cannot load {DEFAULT_STYLE_PATH}: {message}")
    apply_band_edges(layer, edges)
    translate_legend(layer, min_count)


def apply_band_edges(layer: QgsVectorLayer, edges: Sequence[int]) -> None:
    """Rewrite only the band rules (filter on the ``band`` field, label, colour).

    Band ``i`` holds counts from ``edges[i-1]`` up to below ``edges[i]``; band 0
    (below the first edge) only occurs when the provider's ``min_count`` is lower
    than the first edge. With the same number of bands the existing symbols are
    kept, so a specialist's colours survive a change of edges.
    """
    bands = _rule(layer, KEY_BANDS)
    if bands is None:
        return
    labels = band_labels(edges)
    old_symbols = [child.symbol().clone() for child in bands.children() if child.symbol() is not None]
    symbols = (
        old_symbols if len(old_symbols) == len(labels) else [band_symbol(c) for c in band_colors(len(labels))]
    )
    while bands.children():
        bands.removeChildAt(0)
    for index, (label, symbol) in enumerate(zip(labels, symbols)):
        rule = QgsRuleBasedRenderer.Rule(symbol, 0, 0, band_filter(index), label)
        rule.setRuleKey(f"{KEY_BAND_PREFIX}{index}")
        bands.appendChild(rule)
    layer.triggerRepaint()


def translate_legend(layer: QgsVectorLayer, min_count: int) -> None:
    """Put the state and trend legend labels in the user's language."""
    labels = {
        KEY_BANDS: tr("Users per cell"),
        KEY_SUPPRESSED: suppressed_label(min_count),
        KEY_NO_DATA: tr("no data"),
        KEY_NO_DATA_FAR: tr("no data"),
        KEY_STALE: tr("stale (data too old)"),
        KEY_STALE_FADE: tr("stale (data too old)"),
        KEY_OUTLINES: tr("cell outline"),
        KEY_TRENDS: tr("Trend vs 15 minutes earlier"),
        KEY_UP: "▲ " + tr("rising"),
        KEY_DOWN: "▼ " + tr("falling"),
        KEY_EQUAL: "● " + tr("equal"),
    }
    for key, label in labels.items():
        rule = _rule(layer, key)
        if rule is not None:
            rule.setLabel(label)


def suppressed_label(min_count: int) -> str:
    return tr("< {min_count} (suppressed)").format(min_count=min_count)


def _rule(layer: QgsVectorLayer, key: str) -> QgsRuleBasedRenderer.Rule | None:
    renderer = layer.renderer()
    if not isinstance(renderer, QgsRuleBasedRenderer):
        return None
    return renderer.rootRule().findRuleByKey(key)
