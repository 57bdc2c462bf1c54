"""Field types through the one helper: the same field names and types on QGIS 3.22 and 3.40+."""

from __future__ import annotations

import pytest
from druktemeter.plugin.mapping.fields import KINDS, qgs_field
from qgis.core import QgsFeature, QgsFields, QgsVectorLayer


def type_id(enum_value) -> int:
    """The numeric type id of a QVariant.Type or QMetaType.Type (PyQt5 ints, PyQt6 enums)."""
    return int(getattr(enum_value, "value", enum_value))


@pytest.mark.parametrize(
    "kind, value", [("string", "Markt"), ("int", 42), ("long", 2**40), ("double", 1.5), ("bool", True)]
)
def test_a_field_of_each_kind_holds_its_value_in_a_memory_layer(kind, value):
    layer = QgsVectorLayer("None", "fields", "memory")
    assert layer.dataProvider().addAttributes([qgs_field("value", kind)])
    layer.updateFields()
    field = layer.fields().field("value")
    assert type_id(field.type()) == type_id(KINDS[kind])
    feature = QgsFeature(layer.fields())
    feature["value"] = value
    assert layer.dataProvider().addFeatures([feature])[0]
    assert next(layer.getFeatures())["value"] == value


def test_every_kind_makes_a_field_and_an_unknown_kind_is_refused():
    fields = QgsFields()
    for kind in KINDS:
        fields.append(qgs_field(kind, kind))
    assert fields.names() == list(KINDS)
    with pytest.raises(KeyError):
        qgs_field("x", "blob")
