"""The on-disk cell cache: survives a restart, is atomic, and a damaged file is discarded, not fatal."""

from __future__ import annotations

import logging
import stat

from druktemeter.plugin.feed.cache import CellsCache

URL = "https://feed.example.nl/"
BODY = b'{"type": "FeatureCollection", "features": []}'


def test_round_trip_per_url(tmp_path):
    cache = CellsCache(tmp_path / "cache")
    assert cache.load(URL) is None
    cache.save(URL, 'W/"abc"', BODY)
    assert CellsCache(tmp_path / "cache").load(URL) == ('W/"abc"', BODY)  # a new instance: a "restart"
    assert cache.load("https://other.example.nl/") is None


def test_a_newer_version_replaces_the_old_and_leaves_no_temporary_files(tmp_path):
    cache = CellsCache(tmp_path)
    cache.save(URL, '"1"', BODY)
    cache.save(URL, '"2"', BODY + b" ")
    assert cache.load(URL) == ('"2"', BODY + b" ")
    assert [p.name for p in tmp_path.iterdir()] == [cache.path_for(URL).name]


def test_damaged_files_are_discarded(tmp_path, caplog):
    cache = CellsCache(tmp_path)
    for damage in (b"", b"not json\n" + BODY, None):
        cache.save(URL, '"1"', BODY)
        path = cache.path_for(URL)
        if damage is None:  # flip one byte of the body
            data = bytearray(path.read_bytes())
            data[-3] ^= 0xFF
            damage = bytes(data)
        path.write_bytes(damage)
        with caplog.at_level(logging.WARNING, logger="druktemeter.feed"):
            assert cache.load(URL) is None
        assert not path.exists()
    assert "damaged" in caplog.text


def test_an_unwritable_directory_is_not_fatal(tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    with caplog.at_level(logging.WARNING, logger="druktemeter.feed"):
        CellsCache(blocker / "cache").save(URL, '"1"', BODY)
    assert "Could not cache" in caplog.text


def test_a_header_with_a_duplicate_key_is_discarded(tmp_path, caplog):
    """Which etag would count? Neither: the cached list is fetched again."""
    cache = CellsCache(tmp_path)
    cache.save(URL, '"1"', BODY)
    path = cache.path_for(URL)
    header, body = path.read_bytes().split(b"\n", 1)
    path.write_bytes(header[:-1] + b', "etag": "\\"2\\""}\n' + body)
    with caplog.at_level(logging.WARNING, logger="druktemeter.feed"):
        assert cache.load(URL) is None
    assert not path.exists() and "damaged" in caplog.text


def test_a_full_disk_is_not_fatal_and_leaves_no_temporary_file(full_folder, caplog):
    folder = full_folder()
    cache = CellsCache(folder.path)
    with caplog.at_level(logging.WARNING, logger="druktemeter.feed"):
        cache.save(URL, '"1"', BODY * 2000)
    assert "Could not cache" in caplog.text
    assert [p.name for p in folder.path.iterdir()] == [".filler"]


def test_a_read_only_folder_still_serves_the_cached_list(read_only_folder):
    folder = read_only_folder(lambda path: CellsCache(path).save(URL, '"1"', BODY))
    cache = CellsCache(folder.path)
    assert cache.load(URL) == ('"1"', BODY)
    cache.save(URL, '"2"', BODY)  # logged, not raised
    cache.discard(URL)  # logged, not raised
    assert cache.load(URL) == ('"1"', BODY)


def test_cached_files_are_private(tmp_path):
    cache = CellsCache(tmp_path / "cache")
    cache.save(URL, '"1"', BODY)
    assert stat.S_IMODE(cache.path_for(URL).stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "cache").stat().st_mode) == 0o700


def test_a_cached_file_larger_than_a_cell_list_may_be_is_not_read_whole(tmp_path):
    """A file grown on disk (another program, a broken copy) is bounded like the feed's own answer."""
    small = CellsCache(tmp_path, max_body_bytes=len(BODY))
    small.save(URL, '"1"', BODY)
    assert small.load(URL) == ('"1"', BODY)
    smaller = CellsCache(tmp_path, max_body_bytes=len(BODY) - 1)
    assert smaller.load(URL) is None
    assert not smaller.path_for(URL).exists(), "refused as damaged and fetched again"
