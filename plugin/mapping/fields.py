"""Attribute field types in one place, for every QGIS the plugin supports.

QGIS 3.38 and newer take a ``QMetaType.Type`` for a field's type and warn that
``QVariant.Type`` is deprecated; under PyQt6 (QGIS 4) ``QVariant.Type`` does not
exist at all. QGIS 3.22 to 3.36 (always Qt5) still want ``QVariant.Type``,
which Qt5 derives from the meta type's name. Every layer the plugin creates
(crowd layer, Processing output, temporal play-back, region) asks here.
"""

from __future__ import annotations

from qgis.core import Qgis, QgsField
from qgis.PyQt.QtCore import QMetaType, QVariant

META_TYPE_FIELDS_SINCE = 33800  # QgsField(name, QMetaType.Type) exists from QGIS 3.38

KINDS = {
    "string": QMetaType.Type.QString,
    "int": QMetaType.Type.Int,
    "long": QMetaType.Type.LongLong,
    "double": QMetaType.Type.Double,
    "bool": QMetaType.Type.Bool,
    "date": QMetaType.Type.QDate,
    "datetime": QMetaType.Type.QDateTime,
}


def field_type(kind: str):
    """The type QGIS's field API wants for ``kind`` (a key of :data:`KINDS`) in the running QGIS."""
    meta_type = KINDS[kind]
    if Qgis.QGIS_VERSION_INT >= META_TYPE_FIELDS_SINCE:
        return meta_type
    return QVariant.nameToType(QMetaType.typeName(meta_type))  # Qt5 only: QGIS < 3.38


def qgs_field(name: str, kind: str) -> QgsField:
    """A ``QgsField`` of ``kind`` (``"string"``, ``"int"``, ``"double"``, …) named ``name``."""
    return QgsField(name, field_type(kind))
