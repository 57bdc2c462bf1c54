"""The crowd layer, rendered for real offscreen: bands, states, arrows, stale, in-place updates."""

from __future__ import annotations

import dataclasses

from druktemeter.plugin.core.model import CellSet, Trend
from druktemeter.plugin.mapping import style
from druktemeter.plugin.mapping.crowd_layer import CrowdLayer, geometry_from_wkb, wkb_from_geojson
from mapping_helpers import (
    cell_center,
    dark_pixels,
    distance,
    grid,
    pixel,
    render,
    snapshot,
)
from qgis.core import (
    NULL,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsMapLayer,
    QgsProject,
    QgsRectangle,
)
from qgis.PyQt.QtXml import QDomDocument

EDGES = [15, 50, 150, 500, 1500]
NATIONAL = QgsRectangle(3.3, 50.7, 7.3, 53.6)
CITY = QgsRectangle(5.095, 52.075, 5.155, 52.135)  # 5 x 5 cells of ~0.7 km: about 1:40,000


def loaded(cells: CellSet, counts: dict | None = None, **kwargs) -> CrowdLayer:
    crowd = CrowdLayer(EDGES)
    crowd.set_cells(cells)
    if counts is not None:
        crowd.apply_counts(snapshot(counts, **kwargs), "Testnet")
    crowd.finish_now()
    return crowd


def style_xml(layer) -> str:
    document = QDomDocument()
    layer.exportNamedStyle(document, categories=QgsMapLayer.StyleCategory.Symbology)
    return document.toString()


def attributes(crowd: CrowdLayer, cell_id: str) -> dict:
    feature = crowd.feature_for(cell_id)
    return {name: feature[name] for name in ("count", "state", "trend", "band", "count_shown", "source")}


def test_layer_shape_and_name():
    crowd = CrowdLayer(EDGES)
    layer = crowd.layer
    assert layer.isValid() and layer.crs().authid() == "EPSG:4326"
    assert layer.name() == "Druktemeter — crowd per antenna cell"
    names = layer.fields().names()
    for name in ("cell_id", "count", "state", "trend", "band", "interval_start", "interval_end", "source"):
        assert name in names


def test_wkb_from_geojson_polygon_and_multipolygon():
    square = [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]
    assert geometry_from_wkb(wkb_from_geojson({"type": "Polygon", "coordinates": square})).area() == 1
    multi = geometry_from_wkb(
        wkb_from_geojson(
            {"type": "MultiPolygon", "coordinates": [square, [[[2, 0], [3, 0], [3, 1], [2, 0]]]]}
        )
    )
    assert multi.isMultipart() and multi.area() == 1.5


def test_values_states_and_suppression_never_zero():
    cells = grid(2, 2)
    crowd = loaded(cells, {"c0_0": 700, "c1_0": None, "c0_1": 9}, trends={"c0_0": Trend.UP})
    assert attributes(crowd, "c0_0") == {
        "count": 700,
        "state": "valid",
        "trend": "up",
        "band": 4,
        "count_shown": "700",
        "source": "Testnet",
    }
    suppressed = attributes(crowd, "c1_0")
    assert suppressed["count"] == NULL and suppressed["state"] == "suppressed"
    assert suppressed["count_shown"] == "< 15"
    # a count under min_count that the feed forgot to suppress is shown as suppressed
    assert attributes(crowd, "c0_1")["state"] == "suppressed"
    assert attributes(crowd, "c0_1")["count"] == NULL
    no_data = attributes(crowd, "c1_1")
    assert no_data["count"] == NULL and no_data["state"] == "no_data" and no_data["count_shown"] == "no data"


def test_a_snapshot_with_a_lowered_min_count_shows_nothing_under_the_plugins_floor():
    """Defence in depth: the parser already applies max(15, min_count); the layer does too,
    whoever hands it a snapshot."""
    crowd = loaded(grid(2, 1), {"c0_0": 3, "c1_0": 15}, min_count=0)
    assert attributes(crowd, "c0_0")["state"] == "suppressed" and attributes(crowd, "c0_0")["count"] == NULL
    assert attributes(crowd, "c0_0")["count_shown"] == "< 15"
    assert attributes(crowd, "c1_0")["count"] == 15


def test_map_tip_shows_suppressed_as_less_than_min_count():
    crowd = loaded(grid(2, 1), {"c0_0": None, "c1_0": 80}, min_count=20)
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(crowd.layer))
    context.setFeature(crowd.feature_for("c0_0"))
    tip = QgsExpression.replaceExpressionText(crowd.layer.mapTipTemplate(), context)
    assert "< 20" in tip and "Testnet" in tip and "unknown" in tip
    assert "20:00" not in tip or "2026-11-25" in tip  # local time of 20:00 UTC, with its date
    context.setFeature(crowd.feature_for("c1_0"))
    assert "<b>80</b>" in QgsExpression.replaceExpressionText(crowd.layer.mapTipTemplate(), context)


def test_map_tip_shows_ids_and_the_provider_as_text_never_as_markup():
    crowd = CrowdLayer(EDGES)
    crowd.set_cells(grid(1, 1))
    crowd.apply_counts(snapshot({"c0_0": 80}), "<img src=x onerror=alert(1)>")
    crowd.finish_now()
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(crowd.layer))
    context.setFeature(crowd.feature_for("c0_0"))
    tip = QgsExpression.replaceExpressionText(crowd.layer.mapTipTemplate(), context)
    assert "&lt;img src=x onerror=alert(1)&gt;" in tip and "<img" not in tip


def test_band_colours_and_the_states_render_distinctly():
    cells = grid(5, 5, size_deg=0.01)
    counts = {"c0_0": 20, "c1_0": 60, "c2_0": 200, "c3_0": 800, "c4_0": 5000, "c0_1": None}
    crowd = loaded(cells, counts, trends={})
    image, settings = render(crowd.layer, CITY)
    colors = style.band_colors(len(EDGES) + 1)
    seen = {}
    for band, cell_id in enumerate(["c0_0", "c1_0", "c2_0", "c3_0", "c4_0"], start=1):
        seen[cell_id] = pixel(image, settings, cell_center(cells, cell_id), dx=12)
        assert distance(seen[cell_id], colors[band]) < 12, (
            cell_id,
            seen[cell_id].name(),
            colors[band].name(),
        )
    suppressed = [pixel(image, settings, cell_center(cells, "c0_1"), dx=d) for d in range(-15, 16)]
    no_data = pixel(image, settings, cell_center(cells, "c1_1"), dx=12)
    assert max(s.lightness() for s in suppressed) - min(s.lightness() for s in suppressed) > 30  # hatched
    assert all(abs(s.red() - s.green()) < 8 and abs(s.green() - s.blue()) < 8 for s in suppressed)  # grey
    for color in [*seen.values(), no_data]:
        assert min(distance(color, s) for s in suppressed) > 40
    for color in seen.values():
        assert distance(color, no_data) > 40


def test_stale_changes_the_rendering_without_touching_the_renderer():
    cells = grid(5, 5)
    crowd = loaded(cells, {c.id: 800 for c in cells.cells})
    renderer = crowd.layer.renderer()
    fresh, settings = render(crowd.layer, CITY)
    crowd.set_stale(True)
    stale, _ = render(crowd.layer, CITY)
    center = cell_center(cells, "c2_2")
    changed = [
        distance(pixel(fresh, settings, center, dx=d), pixel(stale, settings, center, dx=d)) for d in (8, 12)
    ]
    assert min(changed) > 60
    assert crowd.layer.renderer() is renderer
    crowd.set_stale(False)
    again, _ = render(crowd.layer, CITY)
    assert pixel(again, settings, center, dx=12) == pixel(fresh, settings, center, dx=12)


def test_stale_is_visible_at_national_scale_too():
    cells = grid(40, 40, size_deg=0.02)
    crowd = loaded(cells, {c.id: 5000 for c in cells.cells})
    fresh, settings = render(crowd.layer, NATIONAL)
    crowd.set_stale(True)
    stale, _ = render(crowd.layer, NATIONAL)
    center = cell_center(cells, "c20_20")
    assert distance(pixel(fresh, settings, center), pixel(stale, settings, center)) > 100


def test_arrows_at_city_scale_and_none_at_national_scale():
    cells = grid(5, 5)
    trends = {c.id: (Trend.UP, Trend.DOWN, Trend.EQUAL)[i % 3] for i, c in enumerate(cells.cells)}
    crowd = loaded(cells, {c.id: 800 for c in cells.cells}, trends=trends)
    city, settings = render(crowd.layer, CITY)
    assert pixel(city, settings, cell_center(cells, "c0_0")).lightness() < 45  # arrow on the cell
    assert dark_pixels(city) > 25 * 20
    national, _ = render(crowd.layer, NATIONAL)
    assert dark_pixels(national) == 0


def test_no_arrows_on_cells_too_small_to_read_them():
    cells = grid(50, 50, size_deg=0.001)  # ~70 m cells: a few pixels at 1:40,000
    crowd = loaded(cells, {c.id: 800 for c in cells.cells}, trends={c.id: Trend.UP for c in cells.cells})
    image, _ = render(crowd.layer, CITY)
    assert dark_pixels(image) == 0


def test_no_outlines_at_national_scale():
    cells = grid(40, 40, size_deg=0.02)  # 1,600 cells of ~1.5 km: a few pixels each
    crowd = loaded(cells, {c.id: 800 for c in cells.cells})
    image, settings = render(crowd.layer, NATIONAL)
    band = style.band_colors(len(EDGES) + 1)[4]
    inside = [
        pixel(image, settings, cell_center(cells, f"c{c}_{r}"), dx=1)
        for c in range(2, 38, 3)
        for r in (5, 20, 35)
    ]
    assert all(distance(color, band) < 12 for color in inside)
    zoomed, settings = render(crowd.layer, QgsRectangle(5.2, 52.2, 5.4, 52.4))  # about 1:150,000
    edges = [pixel(zoomed, settings, cell_center(cells, "c10_10"), dx=d) for d in range(-20, 21)]
    assert max(distance(color, band) for color in edges) > 40  # outlines appear when zoomed in


def test_count_update_keeps_fids_selection_style_and_writes_only_changes():
    cells = grid(4, 4)
    crowd = loaded(cells, {c.id: 100 for c in cells.cells})
    layer = crowd.layer
    fids = {c.id: crowd.fid_for(c.id) for c in cells.cells}
    renderer = layer.renderer()
    qml_before = style_xml(layer)
    layer.selectByIds([fids["c1_1"], fids["c2_2"]])
    counts = {c.id: 100 for c in cells.cells}
    crowd.apply_counts(snapshot({**counts, "c3_3": 2000, "c0_0": 120}, minute=15), "Testnet")
    crowd.finish_now()
    assert crowd.values_written == 1  # only c3_3's band: c0_0's new count stays in its band
    assert attributes(crowd, "c3_3")["band"] == 5 and attributes(crowd, "c3_3")["count"] == 2000
    assert attributes(crowd, "c0_0")["count"] == 120 and attributes(crowd, "c0_0")["count_shown"] == "120"
    assert {c.id: crowd.fid_for(c.id) for c in cells.cells} == fids
    assert layer.renderer() is renderer and style_xml(layer) == qml_before
    assert set(layer.selectedFeatureIds()) == {fids["c1_1"], fids["c2_2"]}
    assert layer.featureCount() == 16
    crowd.apply_counts(snapshot({**counts, "c3_3": 2000, "c0_0": 120}, minute=30), "Testnet")
    crowd.finish_now()
    assert crowd.values_written == 0


def test_close_forgets_counts_and_unregisters_the_count_function(monkeypatch):
    from druktemeter.plugin.mapping import crowd_layer

    monkeypatch.setattr(crowd_layer, "_LATEST_COUNTS", {})
    QgsExpression.unregisterFunction(crowd_layer.COUNT_FUNCTION)
    crowd = loaded(grid(1, 1), {"c0_0": 300})
    assert QgsExpression.isFunctionName(crowd_layer.COUNT_FUNCTION)
    crowd.close()
    assert not QgsExpression.isFunctionName(crowd_layer.COUNT_FUNCTION)
    assert crowd.layer.getFeature(crowd.fid_for("c0_0"))["state"] == "valid"
    crowd.apply_counts(snapshot({"c0_0": None}, minute=15), "Testnet")  # ignored once closed
    assert not crowd.busy
    crowd_layer._track_counts("other", ({}, 15))  # later layers register it again
    assert QgsExpression.isFunctionName(crowd_layer.COUNT_FUNCTION)


def test_updates_run_in_slices_and_signal_when_applied(qtbot):
    cells = grid(60, 60, size_deg=0.002)  # 3,600 cells: several slices
    crowd = CrowdLayer(EDGES)
    with qtbot.waitSignal(crowd.cells_applied, timeout=20000):
        crowd.set_cells(cells)
        assert crowd.busy
    assert crowd.layer.featureCount() == 3600
    counts = {c.id: 20 + i for i, c in enumerate(cells.cells)}
    with qtbot.waitSignal(crowd.counts_applied, timeout=20000) as blocker:
        crowd.apply_counts(snapshot(counts), "Testnet")
    assert blocker.args[0].counts is counts
    assert crowd.feature_for("c59_59")["count"] == counts["c59_59"]
    # Not one long stretch: the work went back to the event loop in between. (How long a
    # slice takes is `make bench`'s figure: a timing assertion fails at random on a busy machine.)
    assert crowd.runner.slices > 2


def test_counts_arriving_while_cells_load_are_applied_after(qtbot):
    cells = grid(40, 40, size_deg=0.002)
    crowd = CrowdLayer(EDGES)
    crowd.set_cells(cells)
    with qtbot.waitSignal(crowd.counts_applied, timeout=20000):
        crowd.apply_counts(snapshot({c.id: 70 for c in cells.cells}), "Testnet")
    assert crowd.layer.featureCount() == 1600
    assert {f["band"] for f in crowd.layer.getFeatures()} == {2}


def test_cells_etag_change_updates_geometry_keeps_style_and_unchanged_fids():
    cells = grid(3, 1)
    crowd = loaded(cells, {"c0_0": 100, "c1_0": 200, "c2_0": 300})
    renderer = crowd.layer.renderer()
    fid_kept = crowd.fid_for("c0_0")
    moved = grid(3, 1, size_deg=0.02).cells[1]
    new_cell = grid(4, 1).cells[3]
    crowd.set_cells(CellSet((cells.cells[0], moved, new_cell), "v2"))
    crowd.finish_now()
    assert crowd.fid_for("c0_0") == fid_kept and crowd.fid_for("c2_0") is None
    assert abs(crowd.feature_for("c1_0").geometry().area() - 0.0004) < 1e-9
    assert crowd.feature_for("c1_0")["count"] == 200  # values kept across the geometry change
    assert crowd.feature_for("c3_0")["state"] == "no_data"
    assert crowd.layer.featureCount() == 3
    assert crowd.layer.renderer() is renderer
    assert set(crowd.cell_areas_km2()) == {"c0_0", "c1_0", "c3_0"}


def test_a_new_list_while_one_is_still_loading_gives_each_cell_once_with_its_own_place(qtbot):
    """Cells, areas and places of a list still loading are not what readers see, and a list
    that replaces it half-way adds no cell twice."""
    first = grid(100, 50, size_deg=0.002)  # 5,000 cells: many slices
    crowd = loaded(grid(2, 1, size_deg=0.002))
    with qtbot.waitSignal(
        crowd.progressChanged, check_params_cb=lambda task, share: share > 0, timeout=20000
    ):
        crowd.set_cells(first)
    assert crowd.busy and 2 < crowd.layer.featureCount() < 5000, "half-way"
    assert set(crowd.cell_areas_km2()) == {"c0_0", "c1_0"}, "the list on the layer until the new one is in"
    named = CellSet(tuple(dataclasses.replace(c, place=f"place {c.id}") for c in first.cells[:2500]), "v3")
    with qtbot.waitSignal(crowd.cells_applied, timeout=20000):
        crowd.set_cells(named)
    ids = [feature["cell_id"] for feature in crowd.layer.getFeatures()]
    assert len(ids) == len(set(ids)) == 2500
    assert all(crowd.fid_for(feature["cell_id"]) == feature.id() for feature in crowd.layer.getFeatures())
    assert crowd.fid_for("c99_49") is None, "a cell of the replaced list only"
    assert set(crowd.cell_areas_km2()) == set(ids)
    assert crowd.place_of("c5_10") == "place c5_10" and crowd.feature_for("c5_10")["place"] == "place c5_10"


def test_new_band_edges_rewrite_band_values_and_legend():
    cells = grid(2, 1)
    crowd = loaded(cells, {"c0_0": 120, "c1_0": 2000})
    crowd.set_band_edges([100, 1000])
    crowd.finish_now()
    assert attributes(crowd, "c0_0")["band"] == 1 and attributes(crowd, "c1_0")["band"] == 2
    labels = [item.label() for item in crowd.layer.renderer().legendSymbolItems()]
    assert "100 – 999" in labels and "≥ 1000" in labels and "≥ 1500" not in labels


def test_layer_in_the_maps_crs_reprojects_cells_once_and_renders_there():
    cells = grid(5, 5)
    crowd = CrowdLayer(EDGES, crs="EPSG:28992")
    crowd.set_cells(cells)
    crowd.apply_counts(snapshot({c.id: 5000 for c in cells.cells}), "Testnet")
    crowd.finish_now()
    assert crowd.layer.crs().authid() == "EPSG:28992"
    box = crowd.feature_for("c0_0").geometry().boundingBox()
    assert 130_000 < box.xMinimum() < 140_000 and 450_000 < box.yMinimum() < 460_000  # Utrecht in RD
    assert 0.74 < crowd.cell_areas_km2()["c0_0"] < 0.78
    image, settings = render(crowd.layer, crowd.layer.extent())
    center = crowd.feature_for("c2_2").geometry().centroid().asPoint()
    assert distance(pixel(image, settings, center, dx=12), style.band_colors(len(EDGES) + 1)[5]) < 12


def test_cell_areas_in_square_kilometres():
    crowd = loaded(grid(1, 1, size_deg=0.01))
    area = crowd.cell_areas_km2()["c0_0"]
    assert 0.74 < area < 0.78  # 0.01° x 0.01° at 52° N: 1.113 km x 0.685 km


def test_zoom_target_for_alert_panel():
    cells = grid(2, 1)
    crowd = loaded(cells)
    feature = crowd.feature_for("c1_0")
    assert feature.id() == crowd.fid_for("c1_0")
    assert feature.geometry().boundingBox().contains(cell_center(cells, "c1_0"))
    assert crowd.feature_for("nope") is None


def test_layer_in_project_survives_update():
    cells = grid(2, 2)
    crowd = loaded(cells, {c.id: 100 for c in cells.cells})
    QgsProject.instance().addMapLayer(crowd.layer)
    try:
        crowd.apply_counts(snapshot({c.id: 600 for c in cells.cells}, minute=15), "Testnet")
        crowd.finish_now()
        assert QgsProject.instance().mapLayer(crowd.layer.id()) is crowd.layer
        assert {f["band"] for f in crowd.layer.getFeatures()} == {4}
    finally:
        QgsProject.instance().removeMapLayer(crowd.layer.id())


def test_a_plan_from_the_worker_is_written_as_is_and_one_for_other_cells_is_not_trusted():
    from druktemeter.plugin.mapping.drawn import DrawnPlanner

    cells = grid(4, 1)
    crowd = CrowdLayer(EDGES)
    crowd.set_cells(cells)
    crowd.finish_now()
    planner = DrawnPlanner(EDGES)
    planner.set_cells(cells)
    first = snapshot({c.id: 100 for c in cells.cells})
    crowd.apply_counts(first, "Testnet", planner.plan(first))
    crowd.finish_now()
    assert crowd.values_written == 4
    second = snapshot({"c0_0": 100, "c1_0": 100, "c2_0": 2000, "c3_0": None}, minute=15)
    plan = planner.plan(second)
    assert plan.changed.tolist() == [2, 3]
    crowd.apply_counts(second, "Testnet", plan)
    crowd.finish_now()
    assert crowd.values_written == 2  # one packed value per changed cell
    assert attributes(crowd, "c2_0")["band"] == 5 and attributes(crowd, "c3_0")["state"] == "suppressed"
    other = DrawnPlanner(EDGES)
    other.set_cells(grid(4, 1))  # an equal but other cell list: not what the layer holds
    third = snapshot({c.id: 600 for c in cells.cells}, minute=30)
    crowd.apply_counts(third, "Testnet", other.plan(snapshot({}, minute=30)))
    crowd.finish_now()
    assert {f["band"] for f in crowd.layer.getFeatures()} == {4}
