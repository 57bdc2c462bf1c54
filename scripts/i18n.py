"""Keep i18n/druktemeter_nl.ts in step with the source.

``python3 scripts/i18n.py update`` extracts every ``tr("literal")`` call under
``plugin/`` and rewrites the .ts file: existing translations are kept, new
strings are added as unfinished, strings no longer in the source are dropped.
``python3 scripts/i18n.py translate FILE.json`` adds translations from a JSON
object ``{"English source": "Nederlandse vertaling"}`` (``-`` reads stdin).
``python3 scripts/i18n.py merge A.ts [B.ts ...]`` takes finished translations
from other .ts files (e.g. both sides of a git merge conflict).
``python3 scripts/i18n.py check`` exits non-zero when a source string has no
finished Dutch translation. Only the standard library is used.
"""

from __future__ import annotations

import ast
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_PATH = ROOT / "i18n" / "druktemeter_nl.ts"
CONTEXT = "Druktemeter"


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def source_strings(root: Path = ROOT / "plugin") -> dict[str, str]:
    """Map each translatable literal to the first ``file:line`` that uses it."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in ("tr", "tr_noop"):
                continue
            text = _literal(node.args[0])
            if text is not None:
                found.setdefault(text, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def read_translations(path: Path = TS_PATH) -> dict[str, tuple[str, bool]]:
    """Source text -> (translation, finished) from a .ts file."""
    if not path.exists():
        return {}
    result = {}
    for message in ET.parse(path).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        text = "" if translation is None else (translation.text or "")
        finished = translation is not None and translation.get("type") is None and bool(text)
        result[source] = (text, finished)
    return result


def write_ts(strings: dict[str, str], translations: dict[str, tuple[str, bool]], path: Path) -> None:
    ts = ET.Element("TS", version="2.1", language="nl_NL", sourcelanguage="en")
    context = ET.SubElement(ts, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for source in sorted(strings):
        message = ET.SubElement(context, "message")
        file_name = strings[source].rsplit(":", 1)[0]
        ET.SubElement(message, "location", filename=f"../{file_name}")
        ET.SubElement(message, "source").text = source
        text, finished = translations.get(source, ("", False))
        translation = ET.SubElement(message, "translation")
        translation.text = text
        if not finished:
            translation.set("type", "unfinished")
    ET.indent(ts)
    body = ET.tostring(ts, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def missing(strings: dict[str, str], translations: dict[str, tuple[str, bool]]) -> list[str]:
    return [s for s in sorted(strings) if not translations.get(s, ("", False))[1]]


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    strings = source_strings()
    translations = read_translations()
    if command == "translate":
        text = sys.stdin.read() if argv[2] == "-" else Path(argv[2]).read_text(encoding="utf-8")
        translations.update({k: (v, bool(v)) for k, v in json.loads(text).items()})
    if command == "merge":
        for other in argv[2:]:
            finished = {k: v for k, v in read_translations(Path(other)).items() if v[1]}
            translations.update(finished)
    if command in ("update", "translate", "merge"):
        write_ts(strings, translations, TS_PATH)
    todo = missing(strings, translations if command == "check" else read_translations())
    for source in todo:
        print(f"untranslated: {strings[source]}: {source!r}")
    return 1 if todo and command == "check" else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
