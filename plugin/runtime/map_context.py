"""Keeps the map's context layers in the project, in order, while the crowd layer is shown.

Above the crowd layer: the place labels and the region outline (with the world
outside it dimmed). Below it: the PDOK background map when the user adds it, and
in demo mode the offline land context, so an exercise reads without a network.
The layers follow the settings (region, demo mode, places file), come back after
a new project once the crowd layer does, and leave the project on unload (the
background map stays: the user asked for it, and it is an ordinary layer).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Callable, Optional

from qgis.core import QgsGeometry, QgsLayerTreeGroup, QgsMapLayer, QgsProject, QgsRasterLayer
from qgis.PyQt.QtCore import QObject, pyqtSignal

from ..core.places import Place
from ..mapping.context_layers import (
    BACKGROUND,
    LAND,
    PLACES,
    REGION,
    background_layer,
    context_kind,
    land_layer,
    places_layer,
    region_layer,
)

LOGGER = logging.getLogger("druktemeter.map")
ABOVE_CROWD = (PLACES, REGION)  # top of the layer tree, in this order
BELOW_CROWD = (BACKGROUND, LAND)  # bottom of the layer tree, in this order


class MapContext(QObject):
    """Owns the region, place and land layers; ``crowd_layer()`` is the crowd layer now in use.
    ``attributionChanged(text)`` says whose data the context layers in the project show."""

    attributionChanged = pyqtSignal(str)  # noqa: N815 - Qt signal naming

    def __init__(self, crowd_layer: Callable[[], QgsMapLayer], parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.crowd_layer = crowd_layer
        self.region: Optional[tuple[QgsGeometry, str]] = None
        self.places: Sequence[Place] = ()
        self.offline_land = False
        self.layer_ids: dict[str, str] = {}
        QgsProject.instance().legendLayersAdded.connect(self._on_layers_added)
        QgsProject.instance().layersRemoved.connect(self._on_layers_removed)

    # ------------------------------------------------------------ what to show

    def set_region(self, region: Optional[QgsGeometry], name: str) -> None:
        self.region = None if region is None else (region, name)
        self._drop(REGION)
        self.show()

    def set_places(self, places: Sequence[Place], offline_land: bool) -> None:
        """The places to label (demo: the bundled ones) and whether to draw the offline land."""
        self.places = places
        self.offline_land = offline_land
        self._drop(PLACES)
        if not offline_land:
            self._drop(LAND)
        self.show()

    def show(self) -> None:
        """Add what is wanted and missing, once the crowd layer is in the project."""
        if QgsProject.instance().mapLayer(self.crowd_layer().id()) is None:
            return
        builders = {
            REGION: (lambda: region_layer(*self.region)) if self.region is not None else None,
            PLACES: (lambda: places_layer(self.places)) if self.places else None,
            LAND: land_layer if self.offline_land else None,
        }
        for kind, build in builders.items():
            if build is not None and self.layer(kind) is None:
                self._add(kind, build())
        self.arrange()

    # ------------------------------------------------------------ background map

    def has_background(self) -> bool:
        """True when the project has a raster layer (PDOK's or the user's own background)."""
        return any(isinstance(layer, QgsRasterLayer) for layer in QgsProject.instance().mapLayers().values())

    def add_background(self, style: str) -> QgsRasterLayer:
        """Add the PDOK background map below the crowd layer (again, if it was there)."""
        self._drop(BACKGROUND)
        layer = background_layer(style)
        self._add(BACKGROUND, layer)
        self.arrange()
        return layer

    # ------------------------------------------------------------ the layer tree

    def layer(self, kind: str) -> Optional[QgsMapLayer]:
        layer_id = self.layer_ids.get(kind)
        return None if layer_id is None else QgsProject.instance().mapLayer(layer_id)

    def _add(self, kind: str, layer: QgsMapLayer) -> None:
        QgsProject.instance().addMapLayer(layer, False)
        root = QgsProject.instance().layerTreeRoot()
        root.insertLayer(0 if kind in ABOVE_CROWD else len(root.children()), layer)
        self.layer_ids[kind] = layer.id()

    def _drop(self, kind: str) -> None:
        layer = self.layer(kind)
        self.layer_ids.pop(kind, None)
        if layer is not None:
            QgsProject.instance().removeMapLayer(layer.id())
            self.attributionChanged.emit(self.attribution())

    def attribution(self) -> str:
        """The rights of the context layers in the project, e.g. "© CBS … · Kaartgegevens © Kadaster …"."""
        rights = []
        for kind in (REGION, LAND, BACKGROUND):
            layer = self.layer(kind)
            for right in [] if layer is None else layer.metadata().rights():
                if right and right not in rights:
                    rights.append(right)
        return " · ".join(rights)

    def arrange(self) -> None:
        """Region and places on top, background and land at the bottom of the layer tree's root
        (layers the user moved into a group are left where they are)."""
        root = QgsProject.instance().layerTreeRoot()
        for index, kind in enumerate(ABOVE_CROWD):
            self._move(root, kind, index)
        for kind in BELOW_CROWD:
            self._move(root, kind, None)
        self.attributionChanged.emit(self.attribution())

    def _move(self, root: QgsLayerTreeGroup, kind: str, index: Optional[int]) -> None:
        layer = self.layer(kind)
        node = None if layer is None else root.findLayer(layer.id())
        if node is None or node.parent() is not root:
            return
        children = root.children()
        target = index if index is not None else len(children) - 1
        if children.index(node) == target:
            return
        clone = node.clone()
        root.insertChildNode(target if index is not None else len(children), clone)
        root.removeChildNode(node)

    def _on_layers_added(self, layers: list) -> None:
        crowd_id = self.crowd_layer().id()
        if any(layer.id() == crowd_id for layer in layers):
            self.show()  # the crowd layer came (back): context around it
        elif any(context_kind(layer) for layer in layers):
            return
        else:
            self.arrange()

    def _on_layers_removed(self, layer_ids: list) -> None:
        if set(layer_ids) & set(self.layer_ids.values()):
            self.attributionChanged.emit(self.attribution())

    def shutdown(self) -> None:
        """Take the region, place and land layers out of the project (plugin unload)."""
        QgsProject.instance().legendLayersAdded.disconnect(self._on_layers_added)
        QgsProject.instance().layersRemoved.disconnect(self._on_layers_removed)
        for kind in (REGION, PLACES, LAND):
            self._drop(kind)
        self.layer_ids.clear()
