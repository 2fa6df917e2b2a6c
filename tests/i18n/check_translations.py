#!/usr/bin/env python3
"""Fails when a user-visible string is left untranslated in a shipped language.

Runs lupdate over the sources into temporary copies of the committed .ts files, so that a
string added to the code but not to a .ts file counts as untranslated too, then checks every
message of every shipped language: a translation must exist, must not be marked unfinished,
must keep the source's %1..%9 placeholders, and a %n message must have every plural form.

usage: check_translations.py LUPDATE SOURCE_DIR TS_FILE...
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET


def placeholders(text):
    return sorted(set(re.findall(r"%(?:[1-9]|n)", text or "")))


def check(ts_path):
    problems = []
    tree = ET.parse(ts_path)
    language = tree.getroot().get("language", "?")
    total = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else None
            if kind in ("obsolete", "vanished"):
                continue
            total += 1
            where = f"{language} {name}: {source!r}"
            if translation is None:
                problems.append(f"{where}: no translation")
                continue
            if message.get("numerus") == "yes":
                forms = [f.text or "" for f in translation.iter("numerusform")]
                if not forms or any(not f.strip() for f in forms):
                    problems.append(f"{where}: a plural form is empty")
                    continue
                texts = forms
            else:
                texts = [translation.text or ""]
                if not texts[0].strip() and source.strip():
                    problems.append(f"{where}: empty translation")
                    continue
            if kind == "unfinished":
                problems.append(f"{where}: marked unfinished")
            for text in texts:
                want = [p for p in placeholders(source) if p != "%n"]
                have = [p for p in placeholders(text) if p != "%n"]
                if want != have:
                    problems.append(f"{where}: placeholders {want} became {have} in {text!r}")
    return total, problems


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    lupdate, source_dir, ts_files = sys.argv[1], sys.argv[2], sys.argv[3:]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        for ts in ts_files:
            copy = os.path.join(tmp, os.path.basename(ts))
            shutil.copy(ts, copy)
            dirs = [os.path.join(source_dir, d) for d in ("ui", "app/console")]
            result = subprocess.run([lupdate, "-silent", "-locations", "none", "-no-obsolete", "-I", source_dir,
                                     "-extensions", "cpp,h,ui"] + dirs + ["-ts", copy],
                                    capture_output=True, text=True)
            if result.returncode != 0:
                print(f"lupdate failed for {ts}: {result.stderr}")
                return 1
            total, problems = check(copy)
            name = os.path.basename(ts)
            if problems:
                failed = True
                print(f"{name}: {len(problems)} of {total} strings need work:")
                for p in problems[:200]:
                    print("  " + p)
            else:
                print(f"{name}: all {total} strings translated")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
