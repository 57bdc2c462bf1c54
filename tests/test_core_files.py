"""Private files and formula-safe CSV, on real files."""

from __future__ import annotations

import csv
import os
import stat

import pytest
from druktemeter.plugin.core.files import csv_safe, open_private, private_folder, write_csv


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=cmd|'/c calc'!A1", "'=cmd|'/c calc'!A1"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("BN-0040-2", "BN-0040-2"),
        ("1200", "1200"),
        ("", ""),
    ],
)
def test_cells_a_spreadsheet_would_run_are_made_text(text, safe):
    assert csv_safe(text) == safe


def test_files_are_created_private_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        with open_private(tmp_path / "new.txt", "w", encoding="utf-8") as handle:
            handle.write("x")
        folder = private_folder(tmp_path / "a" / "b")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_an_existing_file_is_narrowed_and_appending_keeps_its_content(tmp_path):
    path = tmp_path / "log.txt"
    path.write_text("one\n")
    path.chmod(0o664)
    with open_private(path, "a", encoding="utf-8") as handle:
        handle.write("two\n")
    assert path.read_text() == "one\ntwo\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_write_csv_escapes_headers_and_cells_and_counts_rows(tmp_path):
    path = tmp_path / "t.csv"
    assert write_csv(path, ["=h"], [["=a"], ["b"]]) == 2
    with open(path, encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle)) == [["'=h"], ["'=a"], ["b"]]
