"""Build the installable plugin zip: ``druktemeter/`` as top folder, no tests or dev files.

Usage: python3 scripts/package.py dist/druktemeter-<version>.zip
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOP = "druktemeter"
INCLUDE_FILES = ("metadata.txt", "__init__.py", "LICENSE", "README.md")
INCLUDE_DIRS = ("plugin", "resources", "i18n")
EXCLUDE_SUFFIXES = (".pyc", ".ts")
EXCLUDE_PARTS = ("__pycache__",)


def plugin_files() -> list[Path]:
    files = [ROOT / name for name in INCLUDE_FILES]
    for folder in INCLUDE_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            wanted = path.is_file() and path.suffix not in EXCLUDE_SUFFIXES
            if wanted and not any(part in EXCLUDE_PARTS for part in path.parts):
                files.append(path)
    return files


def build(target: Path) -> Path:
    if not (ROOT / "i18n" / "druktemeter_nl.qm").exists():
        raise SystemExit("i18n/druktemeter_nl.qm missing: run `make translations` first")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in plugin_files():
            archive.write(path, f"{TOP}/{path.relative_to(ROOT).as_posix()}")
    partial.replace(target)
    return target


if __name__ == "__main__":
    print(build(Path(sys.argv[1]).resolve()))
