"""The cell list kept on disk per feed URL and ETag, so a QGIS restart costs one ``304``.

One file per feed URL: a one-line JSON header (url, etag, length, sha256 of the
block) followed by the block: the list as parsed (:mod:`.cells_file`), so a
restart neither downloads nor checks it again. Writes go to a temporary file
that replaces the old one atomically, so a crash never leaves half a file; a
file that does not match its header anyway (disk trouble, manual editing) is
discarded and the cells are fetched again; a file that cannot be read (an I/O
error, not damage) is kept. Files are private (``mkstemp``: 0600, folder 0700).
The cache is a convenience: every failure here is logged and otherwise ignored.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Optional

from ..core import strict_json
from ..core.files import private_folder

LOGGER = logging.getLogger("druktemeter.feed")
MAX_HEADER_BYTES = 4096  # url, etag, length and digest: a few hundred bytes
# The largest cell list the plugin accepts, from the feed or from this cache: 10x the national
# one (12.3 MB); 60,000 cells of ~80 vertices.
MAX_CELL_LIST_BYTES = 128 * 2**20


class CellsCache:
    def __init__(self, directory: Path, max_body_bytes: int = MAX_CELL_LIST_BYTES) -> None:
        """``max_body_bytes``: the largest cell list read back, as large as the feed may send."""
        self.directory = Path(directory)
        self.max_body_bytes = max_body_bytes

    def path_for(self, feed_url: str) -> Path:
        digest = hashlib.sha256(feed_url.encode("utf-8")).hexdigest()[:24]
        return self.directory / f"cells-{digest}.cache"

    def load(self, feed_url: str) -> Optional[tuple[str, bytes]]:
        """``(etag, body)`` of the cached cell list, or None when absent or not trustworthy."""
        path = self.path_for(feed_url)
        try:
            with path.open("rb") as file:  # bounded: a file grown on disk is not read whole
                header = strict_json.loads(file.readline(MAX_HEADER_BYTES))
                body = file.read(self.max_body_bytes + 1)
            if (
                header["url"] == feed_url
                and len(body) == header["length"] <= self.max_body_bytes
                and hashlib.sha256(body).hexdigest() == header["sha256"]
                and isinstance(header["etag"], str)
            ):
                return header["etag"], body
        except FileNotFoundError:
            return None
        except OSError as exc:  # the disk, not the file: keep it for next time
            LOGGER.warning("The cached cell list could not be read (%s); it is fetched again.", exc.strerror)
            return None
        except (ValueError, KeyError, TypeError):
            pass
        LOGGER.warning("The cached cell list %s is damaged; it is discarded and fetched again.", path.name)
        self.discard(feed_url)
        return None

    def save(self, feed_url: str, etag: str, body: bytes) -> None:
        header = {
            "url": feed_url,
            "etag": etag,
            "length": len(body),
            "sha256": hashlib.sha256(body).hexdigest(),
        }
        try:
            private_folder(self.directory)
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".cells-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(json.dumps(header).encode("utf-8") + b"\n")
                    file.write(body)
                    file.flush()
                    os.fsync(file.fileno())
                os.replace(temporary, self.path_for(feed_url))
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            LOGGER.warning(
                "Could not cache the cell list on disk (%s); it will be fetched again next time.", exc
            )

    def discard(self, feed_url: str) -> None:
        try:
            self.path_for(feed_url).unlink(missing_ok=True)
        except OSError as exc:
            LOGGER.warning("Could not remove the cached cell list (%s).", exc)
