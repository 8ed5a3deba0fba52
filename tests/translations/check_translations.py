#!/usr/bin/env python3
"""Checks that the committed .ts files translate every message the studio's sources contain.

Runs lupdate on the sources of the lupdate project that app/studio/CMakeLists.txt writes (the same sources and
include paths qt_add_translations uses) into fresh .ts files in a temporary folder, never touching the committed
ones, and compares: every (context, source, comment) that the scan finds must be in the committed file with a
finished, non-empty translation that keeps the source's %1 placeholders, its %n and its & mnemonic. Entries of the
committed file that the sources no longer contain are reported too. Prints each problem with file:line and exits
with status 1 if there is any.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r"%(\d+)")
# "&File", "Zoom &In"; not "&&", "&lt;" or "&nbsp;".
MNEMONIC = re.compile(r"&(?!&)(?!#?[A-Za-z0-9]+;)\w")


class Message:
    def __init__(self, context, element):
        self.context = context
        self.source = element.findtext("source") or ""
        self.comment = element.findtext("comment") or ""
        self.numerus = element.get("numerus") == "yes"
        self.locations = [(loc.get("filename"), loc.get("line")) for loc in element.findall("location")]
        self.translation = element.find("translation")

    def key(self):
        return (self.context, self.source, self.comment)

    def forms(self):
        if self.translation is None:
            return []
        if self.numerus:
            return [form.text or "" for form in self.translation.findall("numerusform")]
        return [self.translation.text or ""]

    def state(self):
        return None if self.translation is None else self.translation.get("type")


def read_ts(path):
    root = ET.parse(path).getroot()
    messages = {}
    for context in root.findall("context"):
        name = context.findtext("name") or ""
        for element in context.findall("message"):
            message = Message(name, element)
            messages[message.key()] = message
    return messages


def describe(message):
    text = f"[{message.context}] \"{message.source}\""
    if message.comment:
        text += f" ({message.comment})"
    return text


def where(message, ts_path, source_root):
    places = []
    for filename, line in message.locations:
        if not filename:
            continue
        path = filename if os.path.isabs(filename) else os.path.join(os.path.dirname(ts_path), filename)
        path = os.path.relpath(os.path.normpath(path), source_root)
        places.append(f"{path}:{line}" if line else path)
    return ", ".join(places) if places else "(no location)"


def translation_problem(found, committed):
    """Why `committed` does not translate `found`, or None."""
    if committed is None or committed.translation is None:
        return "missing from the .ts file"
    state = committed.state()
    if state in ("unfinished", "vanished", "obsolete"):
        return f"translation marked {state}"
    forms = committed.forms()
    if committed.numerus != found.numerus:
        return "plural forms (numerus) differ from the source"
    if found.numerus and len(forms) != len(found.forms()):
        return f"{len(forms)} plural forms, the language has {len(found.forms())}"
    if not forms or any(not form.strip() for form in forms):
        return "empty translation"
    wanted = set(PLACEHOLDER.findall(found.source))
    for form in forms:
        if set(PLACEHOLDER.findall(form)) != wanted:
            return f"placeholders {sorted(set(PLACEHOLDER.findall(form)))} differ from the source's {sorted(wanted)}"
    if "%n" in found.source and not any("%n" in form for form in forms):
        return "%n of the source is missing"
    if MNEMONIC.search(found.source) and not any(MNEMONIC.search(form) for form in forms):
        return "the source's & mnemonic is missing"
    return None


def scan(project, lupdate, folder):
    """Runs lupdate on the project's sources into fresh copies of its .ts files; returns {committed: scanned}."""
    base = os.path.dirname(project["projectFile"])
    absolute = [path if os.path.isabs(path) else os.path.join(base, path) for path in project["sources"]]
    scanned = {path: os.path.join(folder, os.path.basename(path)) for path in project["translations"]}
    temporary = {
        "projectFile": project["projectFile"],
        "includePaths": project["includePaths"],
        "sources": [path for path in absolute if os.path.exists(path)],
        "translations": list(scanned.values()),
    }
    project_path = os.path.join(folder, "project.json")
    with open(project_path, "w", encoding="utf-8") as stream:
        json.dump(temporary, stream, indent=2)
    result = subprocess.run([lupdate, "-project", project_path, "-locations", "absolute", "-no-obsolete"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"lupdate failed with status {result.returncode}")
    return scanned


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", required=True, help="lupdate project (.json) written by CMake")
    parser.add_argument("--lupdate", required=True, help="the lupdate executable")
    parser.add_argument("--source-root", required=True, help="shown paths are relative to this folder")
    args = parser.parse_args()
    with open(args.project, encoding="utf-8") as stream:
        project = json.load(stream)

    problems = 0
    with tempfile.TemporaryDirectory(prefix="qs-translations-") as folder:
        for committed_path, scanned_path in scan(project, args.lupdate, folder).items():
            found = read_ts(scanned_path)
            committed = read_ts(committed_path)
            shown = os.path.relpath(committed_path, args.source_root)
            finished = 0
            for key, message in found.items():
                problem = translation_problem(message, committed.get(key))
                if problem is None:
                    finished += 1
                    continue
                problems += 1
                print(f"{where(message, scanned_path, args.source_root)}: {describe(message)}: {problem}")
            for key, message in committed.items():
                if key not in found:
                    problems += 1
                    print(f"{shown}: {describe(message)}: no longer in the sources (remove it)")
            print(f"{shown}: {finished} of {len(found)} messages translated")
    if problems:
        print(f"{problems} translation problem(s). Run `cmake --build build --target update_translations`, "
              "translate the new entries of translations/*.ts (Qt Linguist or an editor) and drop their "
              "type=\"unfinished\".")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
