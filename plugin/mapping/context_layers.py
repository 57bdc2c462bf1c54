"""The layers that turn the crowd map into a picture: where the region is, what places are
called, a light land context that needs no network, and the PDOK background map.

Each layer is marked with the custom property :data:`CONTEXT_PROPERTY` (its kind), so
the plugin finds its own layers again and a project saved with them is recognised.
The region outline and the place labels go above the crowd layer, the land and the
background map below it (``runtime/map_context.py`` keeps that order).
"""

from __future__ import annotations

from collections.abc import Sequence

from qgis.core import (
    Qgis,
    QgsDataSourceUri,
    QgsFeature,
    QgsFillSymbol,
    QgsGeometry,
    QgsInvertedPolygonRenderer,
    QgsLayerMetadata,
    QgsMapLayer,
    QgsNullSymbolRenderer,
    QgsPalLayerSettings,
    QgsPointXY,
    QgsRasterLayer,
    QgsRuleBasedLabeling,
    QgsSingleSymbolRenderer,
    QgsTextBufferSettings,
    QgsTextFormat,
    QgsVectorLayer,
    QgsVectorLayerSimpleLabeling,
)
from qgis.PyQt.QtGui import QColor, QFont

from ..core.config import BACKGROUND_STYLES
from ..core.i18n import tr
from ..core.places import Place
from .fields import qgs_field
from .region import SAFETY_REGIONS_ATTRIBUTION, safety_region_outlines

CONTEXT_PROPERTY = "druktemeter/context"
REGION, PLACES, LAND, BACKGROUND = "region", "places", "land", "background"

PDOK_TILES = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/{style}/EPSG:3857/{{z}}/{{x}}/{{y}}.png"
PDOK_MAX_ZOOM = 19
PDOK_ATTRIBUTION = "Kaartgegevens © Kadaster (PDOK, BRT-Achtergrondkaart, CC BY 4.0)"

REGION_OUTLINE = QColor(40, 40, 110)
OUTSIDE_DIMMING = QColor(60, 60, 60, 70)  # outside the region: greyed, still readable
LAND_FILL = QColor(244, 242, 236)
LAND_OUTLINE = QColor(190, 190, 190)
BIG_TOWN = 20_000  # residents from which a town stays labelled when zoomed out

# Place labels by scale as QGIS shows it (the denominators beyond which a label is no longer
# drawn; in Web Mercator at Dutch latitudes the ground scale is about 0.62 times these).
BIG_TOWN_SCALE = 1_000_000
TOWN_SCALE = 250_000
SPOT_SCALE = 40_000


def _enum(new_holder: str, old_holder, name: str):
    """A QGIS enum value by name: ``Qgis.<new_holder>`` from QGIS 3.26 on, the old class's before."""
    holder = getattr(Qgis, new_holder, None)
    return getattr(holder if holder is not None else old_holder, name)


def _mark(layer: QgsMapLayer, kind: str, attribution: str, abstract: str) -> None:
    layer.setCustomProperty(CONTEXT_PROPERTY, kind)
    layer.setCustomProperty("skipMemoryLayersCheck", 1)  # rebuilt by the plugin: nothing to save
    metadata = QgsLayerMetadata()
    metadata.setTitle(layer.name())
    metadata.setAbstract(abstract)
    metadata.setRights([attribution])
    metadata.setLicenses(["CC BY 4.0"])
    layer.setMetadata(metadata)


def context_kind(layer: QgsMapLayer) -> str:
    """The kind of a layer made here ("region", "places", "land", "background"), else ``""``."""
    return str(layer.customProperty(CONTEXT_PROPERTY, "") or "")


def _text_format(size: float, colour: QColor, bold: bool = False, italic: bool = False) -> QgsTextFormat:
    font = QFont()
    font.setBold(bold)
    font.setItalic(italic)
    text = QgsTextFormat()
    text.setFont(font)
    text.setSize(size)
    text.setColor(colour)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(1.0)
    buffer.setColor(QColor(255, 255, 255))
    text.setBuffer(buffer)
    return text


def _label(field: str, text: QgsTextFormat, placement: str) -> QgsPalLayerSettings:
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    settings.setFormat(text)
    settings.placement = _enum("LabelPlacement", QgsPalLayerSettings.Placement, placement)
    return settings


def _memory_layer(geometry_type: str, title: str, fields: Sequence[tuple[str, str]], rows) -> QgsVectorLayer:
    """A memory layer in EPSG:4326 with ``fields`` ((name, kind)) and ``rows`` (geometry, values)."""
    layer = QgsVectorLayer(f"{geometry_type}?crs=EPSG:4326", title, "memory")
    layer.dataProvider().addAttributes([qgs_field(name, kind) for name, kind in fields])
    layer.updateFields()
    features = []
    for geometry, values in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(geometry)
        feature.setAttributes(list(values))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    layer.updateExtents()
    return layer


def _fill(colour: QColor, outline: QColor, width_mm: float) -> QgsFillSymbol:
    return QgsFillSymbol.createSimple(
        {
            "color": ",".join(str(v) for v in colour.getRgb()),
            "outline_color": ",".join(str(v) for v in outline.getRgb()),
            "outline_width": str(width_mm),
            "outline_width_unit": "MM",
        }
    )


def region_layer(region: QgsGeometry, name: str) -> QgsVectorLayer:
    """The region (EPSG:4326) drawn as its outline with the world outside it dimmed, labelled
    with its name along the border."""
    title = tr("Region: {0}").format(name)
    layer = _memory_layer("MultiPolygon", title, [("name", "string")], [(region, [name])])
    fill = _fill(OUTSIDE_DIMMING, REGION_OUTLINE, 0.9)
    layer.setRenderer(QgsInvertedPolygonRenderer(QgsSingleSymbolRenderer(fill)))
    label = _label("name", _text_format(11, REGION_OUTLINE, bold=True), "Line")
    label.repeatDistance = 120
    layer.setLabeling(QgsVectorLayerSimpleLabeling(label))
    layer.setLabelsEnabled(True)
    _mark(layer, REGION, SAFETY_REGIONS_ATTRIBUTION, tr("The region whose cells raise alerts."))
    return layer


def places_layer(places: Sequence[Place]) -> QgsVectorLayer:
    """Place names, no symbols: big towns from afar, other towns closer, spots in the street view."""
    fields = [("name", "string"), ("town", "string"), ("population", "int")]
    rows = (
        (QgsGeometry.fromPointXY(QgsPointXY(p.lon, p.lat)), [p.name, p.town, p.population]) for p in places
    )
    layer = _memory_layer("Point", tr("Place names"), fields, rows)
    layer.setRenderer(QgsNullSymbolRenderer())
    dark = QColor(30, 30, 30)
    root = QgsRuleBasedLabeling.Rule(None)
    for text, expression, farthest in (
        (_text_format(11, dark, bold=True), f'"town" = \'\' AND "population" >= {BIG_TOWN}', BIG_TOWN_SCALE),
        (_text_format(9.5, dark), f'"town" = \'\' AND "population" < {BIG_TOWN}', TOWN_SCALE),
        (_text_format(8.5, QColor(70, 40, 90), italic=True), "\"town\" <> ''", SPOT_SCALE),
    ):
        rule = QgsRuleBasedLabeling.Rule(_label("name", text, "OverPoint"), 0, farthest, expression)
        root.appendChild(rule)
    layer.setLabeling(QgsRuleBasedLabeling(root))
    layer.setLabelsEnabled(True)
    _mark(layer, PLACES, "", tr("Towns and well-known spots; they also name the cells."))
    return layer


def land_layer() -> QgsVectorLayer:
    """The Netherlands as the 25 safety regions, lightly filled: the offline map's land."""
    rows = ((outline, [name]) for name, outline in safety_region_outlines().items())
    layer = _memory_layer("MultiPolygon", tr("Land (safety regions, offline)"), [("name", "string")], rows)
    layer.setRenderer(QgsSingleSymbolRenderer(_fill(LAND_FILL, LAND_OUTLINE, 0.3)))
    _mark(layer, LAND, SAFETY_REGIONS_ATTRIBUTION, tr("Offline context: the safety regions as land."))
    return layer


def background_layer(style: str = "grijs") -> QgsRasterLayer:
    """PDOK BRT-Achtergrondkaart as XYZ tiles (Web Mercator; QGIS reprojects them for any
    project CRS). Creating the layer fetches nothing; tiles load when the map is drawn."""
    style = style if style in BACKGROUND_STYLES else BACKGROUND_STYLES[0]
    uri = QgsDataSourceUri()
    uri.setParam("type", "xyz")
    uri.setParam("url", PDOK_TILES.format(style=style))
    uri.setParam("zmin", "0")
    uri.setParam("zmax", str(PDOK_MAX_ZOOM))
    name = tr("PDOK BRT-Achtergrondkaart ({0})").format(style)
    layer = QgsRasterLayer(bytes(uri.encodedUri()).decode(), name, "wms")
    _mark(layer, BACKGROUND, PDOK_ATTRIBUTION, tr("The Dutch government's standard background map."))
    return layer
