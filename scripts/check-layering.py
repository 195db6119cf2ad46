#!/usr/bin/env python3
"""Fails when a source file includes a header of a folder its library may not use.

Headers are included by their folder ("engine/date.h"), so every library's include root is the
repository's and the compiler would accept any include; this check holds the layering that
ARCHITECTURE.md draws: each folder below may include the folders listed for it, and nothing else
of the repository.
"""
import pathlib
import re
import sys

ALLOWED = {
    "engine": {"engine"},
    "rules": {"rules", "engine"},
    "storage": {"storage", "engine"},
    "workflows": {"workflows", "rules", "engine"},
    "notifiers": {"notifiers", "engine"},
    "server": {"server", "reports", "workflows", "rules", "storage", "notifiers", "engine"},
    "importer": {"importer", "workflows", "rules", "engine"},
    "reports": {"reports", "workflows", "rules", "engine"},
    "runtime": {"runtime", "server", "reports", "notifiers", "storage", "workflows", "rules", "engine"},
    "app": {"app", "runtime", "server", "notifiers", "storage", "importer", "reports", "workflows", "rules",
            "engine"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"/]+)/', re.MULTILINE)


def main() -> int:
    root = pathlib.Path(__file__).resolve().parent.parent
    folders = {path.name for path in root.iterdir() if path.is_dir()}
    problems = []
    for folder, allowed in ALLOWED.items():
        for source in sorted((root / folder).rglob("*")):
            if source.suffix not in (".h", ".cc"):
                continue
            text = source.read_text(encoding="utf-8")
            for match in INCLUDE.finditer(text):
                included = match.group(1)
                if included in folders and included not in allowed:
                    line = text.count("\n", 0, match.start()) + 1
                    problems.append(f"{source.relative_to(root)}:{line}: {folder}/ may not include {included}/ "
                                    f"(it may include {', '.join(sorted(allowed))})")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
