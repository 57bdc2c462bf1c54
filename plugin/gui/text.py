"""Text from outside the plugin (the feed, a roll-out file, a scenario) shown safely in widgets.

Qt guesses that a label, a tooltip or a message-bar text is rich text when it
looks like HTML, so a provider name ``<img src=...>`` or a cell id with
``<a href=...>`` would be rendered, not shown. Labels that may show such text
are plain-text labels (:func:`plain_label`); texts that go into rich-text
places (message bar, tooltips) are escaped with :func:`rich_safe`.
"""

from __future__ import annotations

import html
from typing import Optional

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QLabel, QWidget


def plain_label(parent: Optional[QWidget] = None, text: str = "") -> QLabel:
    """A word-wrapping label that never interprets its text as HTML."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setText(text)
    return label


def rich_safe(text: str) -> str:
    """``text`` for a place that renders HTML: shown as written, never as markup."""
    return html.escape(text, quote=False)
