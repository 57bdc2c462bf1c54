"""The reference service's bearer tokens: read from the environment or a file, compared in constant time.

Never from the command line: every user on the machine sees a process's
arguments (``ps``, ``/proc/<pid>/cmdline``). Never in a log or an error text
either: messages name the variable or file, not the value.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

STATION_TOKEN_VARIABLE = "DRUKTEMETER_TOKEN"
TRAINER_TOKEN_VARIABLE = "DRUKTEMETER_TRAINER_TOKEN"
MAX_TOKEN_BYTES = 4096
# RFC 6750 b64token: what may follow "Bearer " in an Authorization header.
_TOKEN_SYNTAX = re.compile(r"[A-Za-z0-9\-._~+/]+=*")


class TokenError(ValueError):
    """A token source is unusable; the message names the source, never the token."""


@dataclass(frozen=True)
class Tokens:
    """The station token (reads) and the trainer token (reads and steering); either may be absent."""

    station: Optional[str] = None
    trainer: Optional[str] = None

    def __repr__(self) -> str:  # a stray log of this object shows no secret
        return f"Tokens(station={'set' if self.station else None}, trainer={'set' if self.trainer else None})"

    def role(self, authorization: Optional[str]) -> Optional[str]:
        """``"trainer"``, ``"station"`` or ``None`` for the ``Authorization`` header given.

        Both tokens are always compared, each in constant time over fixed-length
        digests, so neither the time taken nor an early exit tells which one
        matched or how much of it.
        """
        scheme, _, presented = (authorization or "").partition(" ")
        if scheme.lower() != "bearer":
            return None
        given = _digest(presented.strip())
        trainer = self.trainer is not None and hmac.compare_digest(given, _digest(self.trainer))
        station = self.station is not None and hmac.compare_digest(given, _digest(self.station))
        return "trainer" if trainer else "station" if station else None


def read_tokens(
    environment: Mapping[str, str],
    token_file: Optional[Path] = None,
    trainer_token_file: Optional[Path] = None,
) -> Tokens:
    """The tokens from their files when given, else from the environment variables."""
    return Tokens(
        station=_read(environment, STATION_TOKEN_VARIABLE, token_file),
        trainer=_read(environment, TRAINER_TOKEN_VARIABLE, trainer_token_file),
    )


def loose_permissions(path: Path) -> bool:
    """Whether others than the owner may read the token file (worth a warning, not a refusal)."""
    return bool(path.stat().st_mode & (stat.S_IRGRP | stat.S_IROTH))


def _read(environment: Mapping[str, str], variable: str, path: Optional[Path]) -> Optional[str]:
    if path is not None:
        try:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_TOKEN_BYTES + 1)
        except OSError as error:
            raise TokenError(f"Cannot read the token file {path}: {error.strerror or error}.") from None
        return _checked(raw, f"The token file {path}")
    value = environment.get(variable)
    return None if value is None else _checked(os.fsencode(value), f"The variable {variable}")


def _checked(raw: bytes, source: str) -> str:
    if len(raw) > MAX_TOKEN_BYTES:
        raise TokenError(f"{source} holds more than {MAX_TOKEN_BYTES} bytes; a token is one short line.")
    text = raw.decode("ascii", errors="replace").strip()  # a trailing newline from an editor or echo
    if not text:
        raise TokenError(f"{source} is empty; leave it out to serve without a token.")
    if not _TOKEN_SYNTAX.fullmatch(text):
        raise TokenError(
            f"{source} is not a usable bearer token: use one line of letters, digits and - . _ ~ + / "
            "(no spaces or other characters)."
        )
    return text


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", errors="surrogateescape")).digest()
