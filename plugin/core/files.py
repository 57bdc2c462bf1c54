"""Files the plugin writes: private to the user (0600, folders 0700), and CSV that is safe to open.

Everything the plugin writes holds crowd data, alert records or a workstation's
configuration, so other accounts on a shared control-room computer have no
business reading it: files are created ``0600`` whatever the umask says, and
an existing file written again is narrowed to ``0600`` too.

CSV exports are opened in spreadsheets, which run a cell starting with ``=``,
``+``, ``-`` or ``@`` (or a tab or carriage return before one) as a formula. A
cell id or region name from a feed or a roll-out file could carry such a
formula (``=HYPERLINK(...)``), so :func:`csv_safe` prefixes those cells with an
apostrophe, which spreadsheets show as text (OWASP's advice).
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Union

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_STARTS)  # one look-up per cell: a national table has 400,000

ROWS_PER_CALL = 5000  # rows formatted and written per call (see write_csv)

PathLike = Union[str, os.PathLike]


def private_folder(path: PathLike) -> Path:
    """Create the folder (and its parents) readable by this user only; an existing one is left as is."""
    folder = Path(path)
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    return folder


def open_private(path: PathLike, mode: str = "w", **options) -> IO:
    """``open()`` for writing, but the file is created (or narrowed to) ``0600``.

    ``mode`` is one of ``w``, ``a``, ``wb``, ``ab``, ``a+b``; the other options go to ``open``.
    """
    flags = os.O_WRONLY | os.O_CREAT
    if "+" in mode:
        flags = os.O_RDWR | os.O_CREAT
    flags |= os.O_APPEND if "a" in mode else os.O_TRUNC
    descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0), PRIVATE_FILE)
    try:
        os.fchmod(descriptor, PRIVATE_FILE)
        return os.fdopen(descriptor, mode, **options)
    except BaseException:
        os.close(descriptor)
        raise


def make_private(path: PathLike) -> None:
    """Narrow a file written by someone else's code (SQLite, Qt) to ``0600``; a missing file is skipped."""
    with contextlib.suppress(FileNotFoundError):
        os.chmod(path, PRIVATE_FILE)


def csv_safe(text: object) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    value = text if isinstance(text, str) else str(text)
    return "'" + value if value[:1] in _FORMULA_FIRST else value


def write_csv(path: PathLike, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """A private CSV file (UTF-8 with BOM, so Excel reads it) with every cell made safe; returns the rows.

    Exports run on worker threads beside the QGIS main thread, and two things there stop
    it. One ``writerows`` call holds the GIL until it returns, so rows go to it in batches.
    And a thread that makes a system call every millisecond or two (``csv`` writing a
    file line by line) takes the GIL straight back after each one, so a waiting main
    thread never gets it: 100-400 ms stalls at 200,000 rows. So each batch is formatted
    in memory and written with one call, a few milliseconds of work apart."""
    written = 0
    with open_private(path, "w", newline="", encoding="utf-8-sig") as handle:
        _write_rows(handle, [tuple(map(csv_safe, headers))])
        batch: list[tuple[str, ...]] = []
        for row in rows:
            batch.append(tuple(map(csv_safe, row)))
            if len(batch) == ROWS_PER_CALL:
                _write_rows(handle, batch)
                written, batch = written + len(batch), []
        _write_rows(handle, batch)
    return written + len(batch)


def _write_rows(handle: IO, rows: list[tuple[str, ...]]) -> None:
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    handle.write(text.getvalue())
