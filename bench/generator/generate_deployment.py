#!/usr/bin/env python3
"""Writes a synthetic deployment for the benchmarks: an example's authority, staff and roadmaps
(the real activity mix of the orders) with N educational organisations in the example's mix of
kinds, a director for each, and the roadmaps copied M times (each copy its own id and file).
The example's own organisations and people are kept, so its simulation script still applies.

Usage: generate_deployment.py OUT_DIR [--example examples/zaozersk] [--organisations N]
                              [--roadmap-copies M] [--database PATH]
Deterministic: the same arguments give the same files."""
import argparse
import os
import re
import shutil

import yaml  # Debian python3-yaml


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--example", default=os.path.join(os.path.dirname(__file__), "../../examples/zaozersk"))
    parser.add_argument("--organisations", type=int, default=1000)
    parser.add_argument("--roadmap-copies", type=int, default=1)
    parser.add_argument("--database", default="var/vekha.sqlite3")
    args = parser.parse_args()

    example = os.path.abspath(args.example)
    out = os.path.abspath(args.out)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "roadmaps"))

    settings = open(os.path.join(example, "vekha.yaml"), encoding="utf-8").read()
    settings = re.sub(r"(?m)^database: .*$", f"database: {args.database}", settings)
    open(os.path.join(out, "vekha.yaml"), "w", encoding="utf-8").write(settings)
    for extra in ("simulation.yaml", "simulation"):
        source = os.path.join(example, extra)
        if os.path.isdir(source):
            shutil.copytree(source, os.path.join(out, extra))
        elif os.path.exists(source):
            shutil.copy(source, os.path.join(out, extra))

    directory = yaml.safe_load(open(os.path.join(example, "organisations.yaml"), encoding="utf-8"))
    people = yaml.safe_load(open(os.path.join(example, "people.yaml"), encoding="utf-8"))["people"]
    organisations = directory["organisations"]
    authority = next(o for o in organisations if o["kind"] == "authority")["id"]
    educational = [o for o in organisations if o["kind"] != "authority"]
    kinds = [o["kind"] for o in educational]  # the example's mix, repeated
    for index in range(len(educational), args.organisations):
        kind = kinds[index % len(kinds)]
        organisation_id = f"oo-{index:05d}"
        organisations.append({"id": organisation_id, "name": f"Образовательная организация № {index}",
                              "kind": kind, "parent": authority})
        people.append({"id": f"director-{index:05d}", "name": f"Руководитель ОО № {index}",
                       "email": f"director-{index:05d}@example.org", "roles": [f"director@{organisation_id}"]})
    with open(os.path.join(out, "organisations.yaml"), "w", encoding="utf-8") as file:
        yaml.safe_dump({"roles": directory["roles"], "organisations": organisations}, file, allow_unicode=True,
                       sort_keys=False, width=200)
    with open(os.path.join(out, "people.yaml"), "w", encoding="utf-8") as file:
        yaml.safe_dump({"people": people}, file, allow_unicode=True, sort_keys=False, width=200)

    templates = sorted(os.listdir(os.path.join(example, "roadmaps")))
    for copy in range(args.roadmap_copies):
        for name in templates:
            text = open(os.path.join(example, "roadmaps", name), encoding="utf-8").read()
            if copy > 0:
                text = re.sub(r"\n  id: ([a-z0-9-]+)\n", lambda m: f"\n  id: {m.group(1)}-{copy}\n", text, count=1)
            target = name if copy == 0 else f"{os.path.splitext(name)[0]}-{copy}.yaml"
            open(os.path.join(out, "roadmaps", target), "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    main()
