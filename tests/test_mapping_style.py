"""The shipped style: loads as a normal QGIS style, band edges and legend labels adjustable."""

from __future__ import annotations

from conftest import REPO_ROOT
from druktemeter.plugin.core import i18n
from druktemeter.plugin.mapping import style
from qgis.core import QgsRuleBasedRenderer, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QTranslator
from qgis.PyQt.QtGui import QColor

EDGES = [15, 50, 150, 500, 1500]


def styled_layer(edges=EDGES, min_count=15) -> QgsVectorLayer:
    layer = QgsVectorLayer("MultiPolygon?crs=EPSG:4326&field=drawn:integer", "t", "memory")
    style.apply_default_style(layer, edges, min_count)
    return layer


def legend(layer: QgsVectorLayer) -> list[str]:
    return [item.label() for item in layer.renderer().legendSymbolItems()]


def test_default_style_is_a_rule_based_qgis_style_with_every_state_in_the_legend():
    layer = styled_layer()
    assert isinstance(layer.renderer(), QgsRuleBasedRenderer)
    labels = legend(layer)
    for expected in ("15 – 49", "≥ 1500", "< 15 (suppressed)", "no data", "stale (data too old)", "▲ rising"):
        assert expected in labels
    assert "druktemeter:root" in style.DEFAULT_STYLE_PATH.read_text()


def test_band_labels():
    assert style.band_labels([15, 50]) == ["0 – 14", "15 – 49", "≥ 50"]


def test_band_colours_run_light_to_dark_in_grayscale_too():
    colors = style.band_colors(6)
    lightness = [c.lightness() for c in colors]
    assert lightness == sorted(lightness, reverse=True) and len(set(lightness)) == 6
    assert colors[0].name() == "#ffffcc" and colors[-1].name() == "#800026"


def test_apply_band_edges_rewrites_only_band_rules():
    layer = styled_layer()
    root = layer.renderer().rootRule()
    suppressed = root.findRuleByKey(style.KEY_SUPPRESSED)
    style.apply_band_edges(layer, [20, 100])
    bands = root.findRuleByKey(style.KEY_BANDS).children()
    assert [r.label() for r in bands] == ["0 – 19", "20 – 99", "≥ 100"]
    assert [r.filterExpression() for r in bands] == [
        '"drawn" IN (0, 1, 2, 3)',
        '"drawn" IN (4, 5, 6, 7)',
        '"drawn" IN (8, 9, 10, 11)',
    ]
    assert root.findRuleByKey(style.KEY_SUPPRESSED) is suppressed


def test_same_number_of_bands_keeps_a_specialists_colours():
    layer = styled_layer()
    bands = layer.renderer().rootRule().findRuleByKey(style.KEY_BANDS)
    bands.children()[3].symbol().setColor(QColor("#00ff00"))
    style.apply_band_edges(layer, [10, 40, 160, 600, 2000])
    assert bands.children()[3].symbol().color().name() == "#00ff00"
    assert bands.children()[3].label() == "160 – 599"


def test_saved_and_reloaded_style_keeps_rule_keys(tmp_path):
    layer = styled_layer()
    path = str(tmp_path / "mine.qml")
    layer.saveNamedStyle(path)
    other = QgsVectorLayer("MultiPolygon?crs=EPSG:4326&field=drawn:integer", "u", "memory")
    other.loadNamedStyle(path)
    style.apply_band_edges(other, [30, 300])
    assert legend(other)[1:4] == ["0 – 29", "30 – 299", "≥ 300"]


def test_dutch_legend_labels_when_the_translator_is_installed():
    translator = QTranslator()
    assert translator.load(str(REPO_ROOT / "i18n" / "druktemeter_nl.qm"))
    QCoreApplication.installTranslator(translator)
    i18n.install(QCoreApplication.translate)
    try:
        labels = legend(styled_layer(min_count=20))
    finally:
        i18n.install(None)
        QCoreApplication.removeTranslator(translator)
    for expected in (
        "< 20 (afgeschermd)",
        "geen gegevens",
        "verouderd (gegevens te oud)",
        "▲ stijgend",
        "▼ dalend",
    ):
        assert expected in labels
    assert "● gelijk" in labels


def test_rules_decode_the_packed_drawn_value_into_bands_states_and_arrows():
    """Features carrying only ``drawn``: every band with each trend, suppressed and no data."""
    from druktemeter.plugin.mapping import drawn
    from druktemeter.plugin.mapping.crowd_layer import geometry_from_wkb, wkb_from_geojson
    from mapping_helpers import BACKGROUND, cell_center, distance, grid, pixel, render
    from qgis.core import QgsFeature, QgsRectangle

    layer = QgsVectorLayer(
        "MultiPolygon?crs=EPSG:4326&field=drawn:integer&field=area_km2:double", "d", "memory"
    )
    style.apply_default_style(layer, EDGES)
    bands = len(EDGES) + 1
    cells = grid(4, bands + 1, size_deg=0.01)
    codes = {}
    for band in range(bands):
        for trend in range(4):
            codes[f"c{trend}_{band}"] = band * 4 + trend
    codes.update({f"c0_{bands}": drawn.SUPPRESSED, f"c1_{bands}": drawn.NO_DATA})
    features = []
    for cell in cells.cells:
        if cell.id in codes:
            feature = QgsFeature(layer.fields())
            feature.setGeometry(geometry_from_wkb(wkb_from_geojson(cell.geometry)))
            feature.setAttributes([codes[cell.id], 0.76])
            features.append(feature)
    layer.dataProvider().addFeatures(features)
    image, settings = render(layer, QgsRectangle(5.095, 52.075, 5.145, 52.155), 250, 400)
    colors = style.band_colors(bands)
    for band in range(bands):
        for trend in range(4):
            seen = pixel(image, settings, cell_center(cells, f"c{trend}_{band}"), dx=15, dy=15)
            assert distance(seen, colors[band]) < 12, (band, trend, seen.name())
    arrows = [pixel(image, settings, cell_center(cells, f"c{trend}_2")).lightness() for trend in range(4)]
    assert max(arrows[:3]) < 60 and arrows[3] > 100  # up, down, equal drawn; unknown has no arrow
    suppressed = [pixel(image, settings, cell_center(cells, f"c0_{bands}"), dx=d) for d in range(-8, 9)]
    assert max(s.lightness() for s in suppressed) - min(s.lightness() for s in suppressed) > 30  # hatched
    no_data = pixel(image, settings, cell_center(cells, f"c1_{bands}"), dx=15, dy=15)
    assert distance(no_data, BACKGROUND) > 40 and min(distance(no_data, c) for c in colors) > 40
    assert min(distance(no_data, s) for s in suppressed) > 40


def test_no_data_cells_lose_their_dashed_outline_where_the_cells_are_too_small_for_it():
    """60,000 dashed outlines doubled the national render (the first picture: no counts yet) and
    only greyed the map; from 1:250,000 inwards, with the other outlines, the dashes are back."""
    layer = styled_layer()  # owns the renderer: kept while its rules are read
    root = layer.renderer().rootRule()
    near, far = root.findRuleByKey(style.KEY_NO_DATA), root.findRuleByKey(style.KEY_NO_DATA_FAR)
    assert near.filterExpression() == far.filterExpression() == '"drawn" = -2'
    assert near.maximumScale() == far.minimumScale() == root.findRuleByKey(style.KEY_OUTLINES).maximumScale()
    assert near.symbol().symbolLayer(0).strokeStyle() != 0  # Qt.PenStyle.NoPen
    assert far.symbol().symbolLayer(0).strokeStyle() == 0
    assert far.symbol().color() == near.symbol().color()
