"""Python ``logging`` for the plugin, forwarded to the QGIS message log panel.

The handler carries a :class:`RedactingFilter`, the last line of defence for
secrets: the code never logs a token, a header or an exception's text from the
network, but should a record hold one anyway, it reaches the log panel as
``***`` (see ``feed/transport.redact``: Authorization/Bearer values, ``token=``
query parameters, passwords in URLs, and every secret passed to :func:`protect`
— the tokens read and the proxy password).
"""

from __future__ import annotations

import logging
import threading

from qgis.core import Qgis, QgsMessageLog

from ..feed.transport import redact

LOGGER_NAME = "druktemeter"
TAG = "Druktemeter"
MAX_SECRETS = 16  # the current token and proxy password, and a few replaced ones

_LEVELS = (
    (logging.ERROR, Qgis.MessageLevel.Critical),
    (logging.WARNING, Qgis.MessageLevel.Warning),
    (logging.NOTSET, Qgis.MessageLevel.Info),
)
_secrets: list[str] = []
_secrets_lock = threading.Lock()  # tokens are read on the main thread, records come from any thread


def protect(secret: str) -> None:
    """Never let ``secret`` reach the log (kept in memory only, the latest :data:`MAX_SECRETS`)."""
    if not secret:
        return
    with _secrets_lock:
        if secret in _secrets:
            _secrets.remove(secret)
        _secrets.append(secret)
        del _secrets[:-MAX_SECRETS]


class RedactingFilter(logging.Filter):
    """Rewrites a record's message, traceback and stack without secrets (never drops a record)."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        with _secrets_lock:
            secrets = list(_secrets)
        try:
            message = record.getMessage()
        except Exception:  # a broken record: the handler shows its raw text, redacted below
            message = str(record.msg)
        record.msg, record.args = redact(message, secrets), ()
        if record.exc_info:
            record.exc_text = redact(self._formatter.formatException(record.exc_info), secrets)
        elif record.exc_text:
            record.exc_text = redact(record.exc_text, secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, secrets)
        return True


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
    """Attach the handler (and its redacting filter) to the plugin logger; see :func:`uninstall`."""
    handler = QgisLogHandler()
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logger = logging.getLogger(LOGGER_NAME)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler


def uninstall(handler: QgisLogHandler) -> None:
    logging.getLogger(LOGGER_NAME).removeHandler(handler)
