"""Keep i18n/druktemeter_nl.ts in step with the source.

``python3 scripts/i18n.py update`` extracts every ``tr("literal")`` call under
``plugin/`` and rewrites the .ts file: existing translations are kept, new
strings are added as unfinished, strings no longer in the source are dropped.
``python3 scripts/i18n.py translate FILE.json`` adds translations from a JSON
object ``{"English source": "Nederlandse vertaling"}`` (``-`` reads stdin).
Plurals: ``tr_n("%n open alert(s)", n)`` is extracted as a Qt numerus message;
translate it with a list of the Dutch forms, singular first:
``{"%n open alert(s)": ["%n open melding", "%n open meldingen"]}``.
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
PLURAL_FORMS = 2  # Dutch: one, other
Translation = tuple[object, bool]  # (text, or a list of plural forms; finished)


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def source_strings(root: Path = ROOT / "plugin") -> dict[str, str]:
    """Map each translatable literal to the first ``file:line`` that uses it."""
    return {text: where for text, (where, _plural) in _extract(root).items()}


def plural_strings(root: Path = ROOT / "plugin") -> set[str]:
    """The literals used with ``tr_n`` (Qt numerus messages)."""
    return {text for text, (_where, plural) in _extract(root).items() if plural}


def _extract(root: Path) -> dict[str, tuple[str, bool]]:
    found: dict[str, tuple[str, bool]] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in ("tr", "tr_noop", "tr_n"):
                continue
            text = _literal(node.args[0])
            if text is not None:
                found.setdefault(text, (f"{path.relative_to(ROOT)}:{node.lineno}", name == "tr_n"))
    return found


def read_translations(path: Path = TS_PATH) -> dict[str, Translation]:
    """Source text -> (translation, finished) from a .ts file; a plural's translation is its forms."""
    if not path.exists():
        return {}
    result = {}
    for message in ET.parse(path).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if message.get("numerus") == "yes":
            forms = [] if translation is None else [f.text or "" for f in translation.iter("numerusform")]
            complete = len(forms) == PLURAL_FORMS and all(forms)
            result[source] = (forms, translation is not None and translation.get("type") is None and complete)
            continue
        text = "" if translation is None else (translation.text or "")
        finished = translation is not None and translation.get("type") is None and bool(text)
        result[source] = (text, finished)
    return result


def _finished(value: object) -> bool:
    if isinstance(value, list):
        return len(value) == PLURAL_FORMS and all(isinstance(form, str) and form for form in value)
    return bool(value)


def write_ts(
    strings: dict[str, str],
    translations: dict[str, Translation],
    path: Path,
    plurals: set[str] | frozenset[str] = frozenset(),
) -> None:
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
        if source in plurals:
            message.set("numerus", "yes")
            forms = text if isinstance(text, list) else []
            finished = finished and _finished(forms)
            for number in range(PLURAL_FORMS):
                form = ET.SubElement(translation, "numerusform")
                form.text = forms[number] if number < len(forms) else ""
        else:
            translation.text = text if isinstance(text, str) else ""
            finished = finished and isinstance(text, str)
        if not finished:
            translation.set("type", "unfinished")
    ET.indent(ts)
    body = ET.tostring(ts, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def missing(
    strings: dict[str, str],
    translations: dict[str, Translation],
    plurals: set[str] | frozenset[str] = frozenset(),
) -> list[str]:
    """Sources without a finished translation (a plural needs all its forms, a plain text a text)."""

    def done(source: str) -> bool:
        text, finished = translations.get(source, ("", False))
        return finished and isinstance(text, list) == (source in plurals)

    return [s for s in sorted(strings) if not done(s)]


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    strings = source_strings()
    plurals = plural_strings()
    translations = read_translations()
    if command == "translate":
        text = sys.stdin.read() if argv[2] == "-" else Path(argv[2]).read_text(encoding="utf-8")
        translations.update({k: (v, _finished(v)) for k, v in json.loads(text).items()})
    if command == "merge":
        for other in argv[2:]:
            finished = {k: v for k, v in read_translations(Path(other)).items() if v[1]}
            translations.update(finished)
    if command in ("update", "translate", "merge"):
        write_ts(strings, translations, TS_PATH, plurals)
    todo = missing(strings, translations if command == "check" else read_translations(), plurals)
    for source in todo:
        print(f"untranslated: {strings[source]}: {source!r}")
    return 1 if todo and command == "check" else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
