"""Real failing file systems for tests: a full one, a read-only one, and a file-size limit.

``FullFolder`` and ``ReadOnlyFolder`` mount a small ``tmpfs`` (the tests run as
root in CI and here; elsewhere they skip and say why); ``read_only_bind`` makes
an existing folder (the QGIS profile) read-only for a while. A full folder is filled
to ``ENOSPC`` with a filler file that :meth:`FullFolder.make_room` deletes, so
a test can watch the plugin recover. ``run_with_file_size_limit`` runs Python
code in a child process whose ``RLIMIT_FSIZE`` makes every write beyond the
limit fail with ``EFBIG`` (``SIGXFSZ`` ignored), like a disk quota.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Optional

import pytest

TMPFS_SIZE = "256k"


def _mount(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(["mount", *arguments], capture_output=True, text=True, timeout=30)


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=30)


def _mount_tmpfs(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (the CI and the dev container run as root)")
    result = _mount("-t", "tmpfs", "-o", f"size={TMPFS_SIZE},mode=0755", "tmpfs", str(folder))
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")


class FullFolder:
    """A folder on a real file system with no space left."""

    def __init__(self, folder: Path, prepare: Optional[Callable[[Path], None]] = None) -> None:
        self.path = folder
        _mount_tmpfs(folder)
        try:
            self._fill(prepare)
        except BaseException:
            _unmount(folder)
            raise

    def _fill(self, prepare: Optional[Callable[[Path], None]]) -> None:
        if prepare is not None:
            prepare(self.path)
        self.filler = self.path / ".filler"
        with open(self.filler, "wb", buffering=0) as handle:
            try:
                while handle.write(b"\0" * 4096):
                    pass
            except OSError as error:
                assert error.errno == errno.ENOSPC, error

    def make_room(self) -> None:
        self.filler.unlink()

    def close(self) -> None:
        _unmount(self.path)


class ReadOnlyFolder:
    """A folder on a real read-only file system; ``prepare(folder)`` writes its files first."""

    def __init__(self, folder: Path, prepare: Optional[Callable[[Path], None]] = None) -> None:
        self.path = folder
        _mount_tmpfs(folder)
        try:
            if prepare is not None:
                prepare(folder)
        except BaseException:
            _unmount(folder)
            raise
        result = _mount("-o", "remount,ro", str(folder))
        if result.returncode != 0:
            _unmount(folder)
            pytest.skip(f"cannot remount the tmpfs read-only: {result.stderr.strip()}")

    def close(self) -> None:
        _unmount(self.path)


@contextmanager
def read_only_bind(folder: Path) -> Iterator[Path]:
    """``folder`` itself made read-only for a while (a read-only bind mount over it), then writable again."""
    if os.geteuid() != 0:
        pytest.skip("a read-only bind mount needs root (the CI and the dev container run as root)")
    result = _mount("--bind", str(folder), str(folder))
    if result.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {result.stderr.strip()}")
    try:
        result = _mount("-o", "remount,ro,bind", str(folder))
        if result.returncode != 0:
            pytest.skip(f"cannot remount read-only: {result.stderr.strip()}")
        yield folder
    finally:
        _unmount(folder)


CHILD_PRELUDE = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
sys.path.insert(0, {package_parent!r})
"""


def run_with_file_size_limit(code: str, limit_bytes: int) -> subprocess.CompletedProcess:
    """Run ``code`` in a child Python where no file may grow beyond ``limit_bytes`` (EFBIG)."""
    package_parent = next(p for p in sys.path if (Path(p) / "druktemeter").is_symlink())
    prelude = CHILD_PRELUDE.format(limit=limit_bytes, package_parent=package_parent)
    return subprocess.run([sys.executable, "-c", prelude + code], capture_output=True, text=True, timeout=120)
