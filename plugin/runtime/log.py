"""Python ``logging`` for the plugin, forwarded to the QGIS message log panel."""

from __future__ import annotations

import logging

from qgis.core import Qgis, QgsMessageLog

LOGGER_NAME = "druktemeter"
TAG = "Druktemeter"

_LEVELS = (
    (logging.ERROR, Qgis.MessageLevel.Critical),
    (logging.WARNING, Qgis.MessageLevel.Warning),
    (logging.NOTSET, Qgis.MessageLevel.Info),
)


class QgisLogHandler(logging.Handler):
    """Writes each record to the "Druktemeter" tab of the QGIS log messages panel."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = self.format(record)
        except Exception:  # a broken record must never break the caller
            message = str(record.msg)
        level = next(q for py, q in _LEVELS if record.levelno >= py)
        QgsMessageLog.logMessage(message, TAG, level, notifyUser=False)


def install() -> QgisLogHandler:
    """Attach the handler to the plugin's logger; returns it for :func:`uninstall`."""
    handler = QgisLogHandler()
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logger = logging.getLogger(LOGGER_NAME)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler


def uninstall(handler: QgisLogHandler) -> None:
    logging.getLogger(LOGGER_NAME).removeHandler(handler)
