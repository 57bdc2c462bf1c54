"""JSON as the plugin reads it from outside: an object with the same key twice is refused.

Parsers disagree on which of two equal keys wins (Python keeps the last, others
the first), so a document with ``"count": 3, "count": 40`` could say one thing
to a checker and another to the map. Every document the plugin reads from a
feed, a cache or a roll-out file goes through :func:`loads`.
"""

from __future__ import annotations

import json
from typing import Any


class DuplicateKeyError(ValueError):
    """An object names the same key twice; ``key`` says which."""

    def __init__(self, key: str) -> None:
        super().__init__(f"duplicate key {key[:40]!r}")
        self.key = key


def loads(text: str | bytes, **options: Any) -> Any:
    """``json.loads`` that raises :class:`DuplicateKeyError` for a repeated key (options as json.loads)."""
    return json.loads(text, object_pairs_hook=_unique_object, **options)


def _unique_object(pairs: list[tuple[str, Any]]) -> dict:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(key)
            seen.add(key)
    return obj


def decoder(**options: Any) -> json.JSONDecoder:
    """A ``json.JSONDecoder`` (for ``raw_decode``, one value at a time) that refuses repeated keys."""
    return json.JSONDecoder(object_pairs_hook=_unique_object, **options)
